package io.queuejob.core;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JobOptionsTests {

	private static final Instant ETA = Instant.parse("2015-06-01T15:10:00Z");

	@Test
	void noneHasEveryFieldUnset() {
		assertThat(JobOptions.NONE).isEqualTo(new JobOptions(null, null, null, null, null, null, null));
	}

	@Test
	void defaultsHoldDefaultPriorityMaxRetriesAndChannel() {
		assertThat(JobOptions.DEFAULTS.priority()).isEqualTo(10);
		assertThat(JobOptions.DEFAULTS.maxRetries()).isEqualTo(5);
		assertThat(JobOptions.DEFAULTS.channel()).isEqualTo("root");
		assertThat(JobOptions.DEFAULTS.eta()).isNull();
		assertThat(JobOptions.DEFAULTS.description()).isNull();
		assertThat(JobOptions.DEFAULTS.identityKey()).isNull();
	}

	@Test
	void withersSetOneFieldAndLeaveTheOriginalUnchanged() {
		JobOptions options = JobOptions.NONE.withPriority(3)
			.withEta(ETA)
			.withMaxRetries(0)
			.withDescription("Send mail")
			.withChannel("root.mail")
			.withIdentityKey(IdentityKey.EXACT);
		assertThat(options).isEqualTo(new JobOptions(3, ETA, 0, "Send mail", "root.mail", IdentityKey.EXACT, null));
		assertThat(JobOptions.NONE.priority()).isNull();
	}

	@Test
	void orElseTakesSetFieldsFirstAndFillsGapsFromFallback() {
		JobOptions call = JobOptions.NONE.withPriority(1).withChannel("root.mail");
		JobOptions function = JobOptions.NONE.withPriority(5).withMaxRetries(2).withDescription("Mailer");
		JobOptions combined = call.orElse(function).orElse(JobOptions.DEFAULTS);
		assertThat(combined).isEqualTo(new JobOptions(1, null, 2, "Mailer", "root.mail", null, null));
	}

	@Test
	void timeoutIsPositiveAndFilledFromTheFallback() {
		JobOptions function = JobOptions.NONE.withTimeout(Duration.ofMinutes(5));
		assertThat(JobOptions.NONE.orElse(function).timeout()).isEqualTo(Duration.ofMinutes(5));
		assertThat(JobOptions.NONE.withTimeout(Duration.ofSeconds(1)).orElse(function).timeout())
			.isEqualTo(Duration.ofSeconds(1));
		assertThatIllegalArgumentException().isThrownBy(() -> JobOptions.NONE.withTimeout(Duration.ZERO))
			.withMessage("timeout must be positive, got PT0S");
		assertThatIllegalArgumentException().isThrownBy(() -> JobOptions.NONE.withTimeout(Duration.ofSeconds(-1)));
	}

	@Test
	void orElseOfNoneIsTheFallback() {
		assertThat(JobOptions.NONE.orElse(JobOptions.DEFAULTS)).isEqualTo(JobOptions.DEFAULTS);
		assertThat(JobOptions.DEFAULTS.orElse(JobOptions.NONE)).isEqualTo(JobOptions.DEFAULTS);
	}

	@Test
	void channelGetsRootPrefix() {
		assertThat(JobOptions.NONE.withChannel("mail").channel()).isEqualTo("root.mail");
	}

	@Test
	void negativeMaxRetriesIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> JobOptions.NONE.withMaxRetries(-1))
			.withMessageContaining("maxRetries")
			.withMessageContaining("-1");
	}

	@Test
	void blankDescriptionIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> JobOptions.NONE.withDescription(" "))
			.withMessageContaining("description");
	}

	@Test
	void blankOrInvalidChannelIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> JobOptions.NONE.withChannel(""))
			.withMessageContaining("channel");
		assertThatIllegalArgumentException().isThrownBy(() -> JobOptions.NONE.withChannel("a..b"))
			.withMessageContaining("'a..b'");
	}

	@Test
	void priorityOutsideItsRangeIsRejectedNamingTheRange() {
		assertThat(JobOptions.NONE.withPriority(JobOptions.MIN_PRIORITY).priority()).isZero();
		assertThat(JobOptions.NONE.withPriority(JobOptions.MAX_PRIORITY).priority()).isEqualTo(1_000_000);
		assertThatIllegalArgumentException().isThrownBy(() -> JobOptions.NONE.withPriority(-1))
			.withMessage("priority must be between 0 and 1000000 (smaller runs first), got -1");
		assertThatIllegalArgumentException().isThrownBy(() -> JobOptions.NONE.withPriority(1_000_001))
			.withMessageContaining("got 1000001");
	}

	@Test
	void etaOutsideTheRangeOfPostgresTimestampsIsRejected() {
		assertThat(JobOptions.NONE.withEta(StorageLimits.MIN_INSTANT).eta()).isEqualTo(StorageLimits.MIN_INSTANT);
		assertThat(JobOptions.NONE.withEta(StorageLimits.MAX_INSTANT).eta()).isEqualTo(StorageLimits.MAX_INSTANT);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JobOptions.NONE.withEta(StorageLimits.MAX_INSTANT.plusNanos(1)))
			.withMessageContaining("eta must be between -4713-11-24T00:00:00Z and +294276-12-31T23:59:59.999999Z");
		assertThatIllegalArgumentException().isThrownBy(() -> JobOptions.NONE.withEta(Instant.MIN))
			.withMessageContaining("the range of PostgreSQL timestamps");
	}

	@Test
	void channelLongerThanItsColumnIsRejected() {
		String longest = "root." + "c".repeat(250);
		assertThat(JobOptions.NONE.withChannel(longest).channel()).hasSize(255);
		// the root. prefix counts: it is stored
		assertThatIllegalArgumentException().isThrownBy(() -> JobOptions.NONE.withChannel("c".repeat(251)))
			.withMessage("channel must be at most 255 characters (the length of its column), got 256");
	}

	@Test
	void textsHoldingNulAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> JobOptions.NONE.withDescription("a\0b"))
			.withMessageContaining("description must not contain the character U+0000 (at position 2)");
		assertThatIllegalArgumentException().isThrownBy(() -> JobOptions.NONE.withChannel("mail\0"))
			.withMessageContaining("channel must not contain the character U+0000");
	}

	@Test
	void descriptionHasNoLengthLimit() {
		assertThat(JobOptions.NONE.withDescription("d".repeat(100_000)).description()).hasSize(100_000);
	}

	@Test
	void nullUnsetsAField() {
		JobOptions options = JobOptions.DEFAULTS.withChannel(null).withEta(null);
		assertThat(options.channel()).isNull();
		assertThat(options.eta()).isNull();
	}

}
