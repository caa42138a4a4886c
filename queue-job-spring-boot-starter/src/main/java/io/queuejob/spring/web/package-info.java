/**
 * The operations REST API: job lists, details and actions, channels, nodes and job
 * functions, as JSON under {@code {queue-job.web.path}/api}.
 */
package io.queuejob.spring.web;
