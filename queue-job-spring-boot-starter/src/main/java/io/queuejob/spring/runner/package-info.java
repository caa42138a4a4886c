/**
 * The listener, the runner and the workers of a node (internal).
 */
package io.queuejob.spring.runner;
