/**
 * Job functions: the {@code @QueueJob} proxy, the function registry and the argument
 * codec (internal).
 */
package io.queuejob.spring.function;
