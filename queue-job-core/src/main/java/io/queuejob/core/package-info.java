/**
 * The job model: states, options, identity keys, retry patterns and the outcome of a try.
 */
package io.queuejob.core;
