/**
 * The sample's own database, created at start-up when it does not exist yet.
 */
package io.queuejob.sample.database;
