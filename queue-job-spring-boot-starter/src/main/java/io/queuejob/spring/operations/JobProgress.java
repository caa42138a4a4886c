package io.queuejob.spring.operations;

import java.time.Instant;

/**
 * What a job last reported of its progress, with {@code JobContext.progress}.
 *
 * @param percent how much of its work was done, from 0 to 100
 * @param message what it said it did, or {@code null}
 * @param reportedAt when the report was stored
 */
public record JobProgress(int percent, String message, Instant reportedAt) {

}
