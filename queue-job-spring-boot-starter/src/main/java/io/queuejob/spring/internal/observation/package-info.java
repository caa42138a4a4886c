/**
 * Micrometer observations of the jobs: their enqueue and their execution.
 */
package io.queuejob.spring.internal.observation;
