/**
 * The order confirmation mail, a job that is retried after a simulated SMTP hiccup.
 */
package io.queuejob.sample.mail;
