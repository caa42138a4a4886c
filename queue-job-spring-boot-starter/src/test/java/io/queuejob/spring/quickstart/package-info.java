/**
 * The README's Quick start, built as a user would, and its tests.
 */
package io.queuejob.spring.quickstart;
