package io.queuejob.core;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RetryableJobExceptionTests {

	@Test
	void messageOnlyLeavesTheDelayToThePattern() {
		RetryableJobException ex = new RetryableJobException("busy");
		assertThat(ex.getMessage()).isEqualTo("busy");
		assertThat(ex.minDelay()).isNull();
		assertThat(ex.maxDelay()).isNull();
		assertThat(ex.hasExplicitDelay()).isFalse();
		assertThat(ex.ignoreRetry()).isFalse();
	}

	@Test
	void singleDelayIsBothEnds() {
		RetryableJobException ex = new RetryableJobException("busy", Duration.ofSeconds(30));
		assertThat(ex.minDelay()).isEqualTo(Duration.ofSeconds(30));
		assertThat(ex.maxDelay()).isEqualTo(Duration.ofSeconds(30));
		assertThat(ex.hasExplicitDelay()).isTrue();
	}

	@Test
	void zeroDelayIsExplicit() {
		assertThat(new RetryableJobException("now", Duration.ZERO).hasExplicitDelay()).isTrue();
	}

	@Test
	void fullConstructorKeepsEveryDetail() {
		IllegalStateException cause = new IllegalStateException("locked");
		RetryableJobException ex = new RetryableJobException("busy", Duration.ofSeconds(1), Duration.ofSeconds(9), true,
				cause);
		assertThat(ex.minDelay()).isEqualTo(Duration.ofSeconds(1));
		assertThat(ex.maxDelay()).isEqualTo(Duration.ofSeconds(9));
		assertThat(ex.ignoreRetry()).isTrue();
		assertThat(ex.getCause()).isSameAs(cause);
	}

	@Test
	void negativeDelayIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryableJobException("busy", Duration.ofSeconds(-1)))
			.withMessageContaining("negative");
	}

	@Test
	void minAboveMaxIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryableJobException("busy", Duration.ofSeconds(5), Duration.ofSeconds(4)))
			.withMessageContaining("exceeds");
	}

	@Test
	void onlyOneEndOfARangeIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryableJobException("busy", Duration.ofSeconds(5), null));
	}

}
