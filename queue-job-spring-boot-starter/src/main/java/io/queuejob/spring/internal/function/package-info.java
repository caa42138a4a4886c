/**
 * Job functions: the @QueueJob proxy, the function registry, the argument codec and the
 * related links.
 */
package io.queuejob.spring.internal.function;
