/**
 * Auto-configuration of queue-job and its configuration properties.
 */
package io.queuejob.spring.autoconfigure;
