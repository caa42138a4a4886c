/**
 * The operations REST API and the dashboard: job lists, details and actions, channels,
 * nodes and job functions, as JSON under {@code {queue-job.web.path}/api}, and the page
 * under {@code {queue-job.web.path}/}.
 */
package io.queuejob.spring.internal.web;
