/**
 * The listener, the runner and the workers of a node: LISTEN/NOTIFY, the election of the
 * runner, node liveness and fencing, the channel scheduler's rounds, claims, execution,
 * rescue of dead nodes' jobs and the vacuum.
 */
package io.queuejob.spring.internal.runner;
