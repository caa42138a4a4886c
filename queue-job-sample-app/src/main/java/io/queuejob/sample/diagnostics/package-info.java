/**
 * Start-up diagnostics: a clear message when no PostgreSQL answers.
 */
package io.queuejob.sample.diagnostics;
