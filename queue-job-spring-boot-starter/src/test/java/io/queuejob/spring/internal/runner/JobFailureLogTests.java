package io.queuejob.spring.internal.runner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.queuejob.spring.internal.store.ClaimedJob;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lines {@link JobFailureLog} writes, read from the console: one per failed try or
 * failed job, naming function, uuid and try; the stack trace once per function and
 * minute, else at DEBUG; nothing above DEBUG for a job that succeeds.
 */
@ExtendWith(OutputCaptureExtension.class)
class JobFailureLogTests {

	private static final String CATEGORY = "io.queuejob.test.JobFailureLogTests";

	private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

	private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

	private final MutableClock clock = new MutableClock(NOW);

	private final JobFailureLog log = new JobFailureLog(LogFactory.getLog(CATEGORY), this.clock);

	@BeforeEach
	void info() {
		this.logging.setLogLevel(CATEGORY, LogLevel.INFO);
	}

	@AfterEach
	void reset() {
		this.logging.setLogLevel(CATEGORY, null);
	}

	@Test
	void retriedTryIsAWarningWithFunctionUuidTryAndExceptionFollowedByTheStackTrace(CapturedOutput output) {
		ClaimedJob job = job("mailer.send", 2, 5);
		this.log.retried(job, NOW.plusSeconds(10), IllegalStateException.class.getName(), "smtp down",
				new IllegalStateException("smtp down"));
		assertThat(line(output, job)).contains("WARN")
			.contains("Job " + job.uuid() + " (mailer.send) try 2 of 5 failed: "
					+ "java.lang.IllegalStateException: smtp down; next try at 2026-03-01T10:00:10Z");
		assertThat(hasTrace(output, job)).isTrue();
	}

	@Test
	void failedJobIsAnError(CapturedOutput output) {
		ClaimedJob job = job("exporter.export", 3, 3);
		this.log.failed(job, "io.queuejob.core.FailedJobException", "Max. retries (3) reached: timeout",
				new IllegalStateException("timeout"));
		assertThat(line(output, job)).contains("ERROR")
			.contains("Job " + job.uuid() + " (exporter.export) try 3 of 3 failed for good: "
					+ "io.queuejob.core.FailedJobException: Max. retries (3) reached: timeout");
	}

	@Test
	void supersededTryIsAWarningSayingWhy(CapturedOutput output) {
		ClaimedJob job = job("stock.refresh", 1, 0);
		this.log.superseded(job, "io.queuejob.core.RetryableJobException", "busy", null);
		assertThat(line(output, job)).contains("WARN")
			.contains("(stock.refresh) try 1 (no limit) failed: io.queuejob.core.RetryableJobException: busy; "
					+ "cancelled instead of tried again: a newer job with the same identity key waits");
	}

	@Test
	void stackTraceGoesWithTheFirstLineOfAFunctionInAMinute(CapturedOutput output) {
		ClaimedJob first = failed("flaky.call");
		ClaimedJob second = failed("flaky.call");
		ClaimedJob other = failed("other.call");
		this.clock.instant = NOW.plus(Duration.ofSeconds(59));
		ClaimedJob third = failed("flaky.call");
		this.clock.instant = NOW.plus(Duration.ofSeconds(60));
		ClaimedJob fourth = failed("flaky.call");
		assertThat(List.of(first, second, other, third, fourth)).allSatisfy(
				(job) -> assertThat(line(output, job)).contains("ERROR").contains("IllegalStateException: boom"));
		assertThat(hasTrace(output, first)).isTrue();
		assertThat(hasTrace(output, second)).isFalse();
		assertThat(hasTrace(output, other)).isTrue();
		assertThat(hasTrace(output, third)).isFalse();
		assertThat(hasTrace(output, fourth)).isTrue();
		assertThat(output.getOut()).doesNotContain("Stack trace of");
	}

	@Test
	void stackTraceLeftOutOfALineIsLoggedAtDebug(CapturedOutput output) {
		this.logging.setLogLevel(CATEGORY, LogLevel.DEBUG);
		failed("flaky.call");
		ClaimedJob second = failed("flaky.call");
		assertThat(hasTrace(output, second)).isFalse();
		List<String> lines = output.getOut().lines().toList();
		int debug = lines.indexOf(lines.stream()
			.filter((line) -> line.contains("DEBUG") && line.contains("Stack trace of Job " + second.uuid()))
			.findFirst()
			.orElseThrow());
		assertThat(isTrace(lines, debug + 1)).isTrue();
	}

	@Test
	void multiLineMessageIsSummarisedByItsFirstLine(CapturedOutput output) {
		ClaimedJob job = job("report.render", 1, 5);
		this.log.retried(job, NOW, "java.io.UncheckedIOException", "cannot write\nline two\nline three", null);
		assertThat(line(output, job)).contains("failed: java.io.UncheckedIOException: cannot write …; next try at")
			.doesNotContain("line two");
	}

	@Test
	void jobThatSucceedsLogsNothingAboveDebug(CapturedOutput output) {
		ClaimedJob job = job("mailer.send", 1, 5);
		this.log.done(job, Duration.ofMillis(12));
		assertThat(output.getOut()).doesNotContain(job.uuid().toString());
		this.logging.setLogLevel(CATEGORY, LogLevel.DEBUG);
		this.log.done(job, Duration.ofMillis(12));
		assertThat(line(output, job)).contains("DEBUG").contains("(mailer.send) try 1 of 5 done in 12 ms");
	}

	private ClaimedJob failed(String function) {
		ClaimedJob job = job(function, 1, 1);
		this.log.failed(job, IllegalStateException.class.getName(), "boom", new IllegalStateException("boom"));
		return job;
	}

	private static ClaimedJob job(String function, int retry, int maxRetries) {
		return new ClaimedJob(1, UUID.randomUUID(), function, "[]", "root", retry, maxRetries, "node-1", null);
	}

	private static String line(CapturedOutput output, ClaimedJob job) {
		List<String> lines = output.getOut()
			.lines()
			.filter((line) -> line.contains("Job " + job.uuid()) && !line.contains("Stack trace of"))
			.toList();
		assertThat(lines).hasSize(1);
		return lines.get(0);
	}

	/**
	 * Whether the job's line is followed by a stack trace (Logback writes a line and its
	 * trace together; Spring Boot's pattern puts a blank line between them).
	 */
	private static boolean hasTrace(CapturedOutput output, ClaimedJob job) {
		List<String> lines = output.getOut().lines().toList();
		return isTrace(lines, lines.indexOf(line(output, job)) + 1);
	}

	private static boolean isTrace(List<String> lines, int from) {
		int at = (from < lines.size() && lines.get(from).isBlank()) ? from + 1 : from;
		return at + 1 < lines.size() && lines.get(at).startsWith("java.lang.IllegalStateException: ")
				&& lines.get(at + 1).startsWith("\tat ");
	}

	private static final class MutableClock extends Clock {

		private Instant instant;

		MutableClock(Instant instant) {
			this.instant = instant;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.instant;
		}

	}

}
