package io.queuejob.core;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPatternTests {

	private static final Instant NOW = Instant.parse("2015-06-01T15:10:00Z");

	private static final RetryPattern REFERENCE = RetryPattern.of(Map.of(1, 60, 2, 180, 3, 10, 5, 300));

	private static final RetryPattern README = RetryPattern.parse("1:10, 5:20, 10:30, 15:300");

	@Test
	void referencePatternGivesTheDocumentedEtas() {
		assertThat(NOW.plus(REFERENCE.delayFor(1))).isEqualTo("2015-06-01T15:11:00Z");
		assertThat(NOW.plus(REFERENCE.delayFor(2))).isEqualTo("2015-06-01T15:13:00Z");
		assertThat(NOW.plus(REFERENCE.delayFor(3))).isEqualTo("2015-06-01T15:10:10Z");
		assertThat(NOW.plus(REFERENCE.delayFor(4))).isEqualTo("2015-06-01T15:10:10Z");
		assertThat(NOW.plus(REFERENCE.delayFor(5))).isEqualTo("2015-06-01T15:15:00Z");
	}

	@ParameterizedTest
	@ValueSource(ints = { 5, 6, 100 })
	void referencePatternWaitsFiveMinutesFromTheFifthTryOn(int retry) {
		assertThat(REFERENCE.delayFor(retry)).isEqualTo(Duration.ofSeconds(300));
	}

	@ParameterizedTest
	@CsvSource({ "1, 600", "2, 600", "3, 180", "4, 180" })
	void triesBeforeTheFirstKeyWaitTheDefaultDelay(int retry, long seconds) {
		RetryPattern pattern = RetryPattern.of(Map.of(3, 180));
		assertThat(pattern.delayFor(retry)).isEqualTo(Duration.ofSeconds(seconds));
	}

	@ParameterizedTest
	@CsvSource({ "1, 10", "4, 10", "5, 20", "9, 20", "10, 30", "14, 30", "15, 300", "16, 300", "1000, 300" })
	void readmePatternGivesTheDocumentedDelays(int retry, long seconds) {
		assertThat(README.delayFor(retry)).isEqualTo(Duration.ofSeconds(seconds));
	}

	@Test
	void retryZeroAfterAnIgnoredTryWaitsTheDefaultDelay() {
		assertThat(README.delayFor(0)).isEqualTo(RetryPattern.DEFAULT_DELAY).isEqualTo(Duration.ofSeconds(600));
	}

	@Test
	void emptyPatternAlwaysWaitsTheDefaultDelay() {
		assertThat(RetryPattern.NONE.isEmpty()).isTrue();
		assertThat(RetryPattern.NONE.delayFor(1)).isEqualTo(Duration.ofSeconds(600));
		assertThat(RetryPattern.NONE.delayFor(50)).isEqualTo(Duration.ofSeconds(600));
	}

	@Test
	void nullOrBlankTextIsTheEmptyPattern() {
		assertThat(RetryPattern.parse(null)).isSameAs(RetryPattern.NONE);
		assertThat(RetryPattern.parse("  ")).isSameAs(RetryPattern.NONE);
	}

	@Test
	void explicitDelayOverridesThePattern() {
		RetryableJobException cause = new RetryableJobException("busy", Duration.ofSeconds(7));
		assertThat(REFERENCE.delayFor(1, cause)).isEqualTo(Duration.ofSeconds(7));
		assertThat(RetryPattern.NONE.delayFor(1, cause)).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void explicitZeroDelayMeansRetryImmediately() {
		RetryableJobException cause = new RetryableJobException("now", Duration.ZERO);
		assertThat(REFERENCE.delayFor(1, cause)).isZero();
	}

	@Test
	void exceptionWithoutDelayLeavesItToThePattern() {
		assertThat(REFERENCE.delayFor(2, new RetryableJobException("busy"))).isEqualTo(Duration.ofSeconds(180));
		assertThat(REFERENCE.delayFor(2, (RetryableJobException) null)).isEqualTo(Duration.ofSeconds(180));
	}

	@Test
	void patternRangeStaysInsideItsEndsAndReachesBoth() {
		RetryPattern pattern = RetryPattern.parse("1:(1-10)");
		RandomGenerator random = new Random(42);
		Set<Long> seen = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			seen.add(pattern.delayFor(1, random).toSeconds());
		}
		assertThat(seen).allMatch((seconds) -> seconds >= 1 && seconds <= 10).contains(1L, 10L);
	}

	@Test
	void explicitRangeStaysInsideItsEndsAndReachesBoth() {
		RetryableJobException cause = new RetryableJobException("busy", Duration.ofMillis(5), Duration.ofMillis(8));
		RandomGenerator random = new Random(7);
		Set<Duration> seen = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			seen.add(RetryPattern.NONE.delayFor(1, cause, random));
		}
		assertThat(seen).allMatch((delay) -> delay.toMillis() >= 5 && delay.toMillis() <= 8)
			.contains(Duration.ofMillis(5), Duration.ofMillis(8));
	}

	@Test
	void builderMixesFixedDelaysAndRanges() {
		RetryPattern pattern = RetryPattern.builder().fixed(1, 10).range(5, 11, 20).build();
		assertThat(pattern).isEqualTo(RetryPattern.parse("1:10, 5:(11-20)"));
		assertThat(pattern.entries()).containsExactly(Map.entry(1, RetryDelay.fixed(10)),
				Map.entry(5, new RetryDelay(11, 20)));
	}

	@Test
	void toStringGivesTheTextFormInTryOrder() {
		assertThat(RetryPattern.of(Map.of(15, 300, 1, 10, 10, 30, 5, 20))).hasToString("1:10, 5:20, 10:30, 15:300");
		assertThat(RetryPattern.builder().range(1, 1, 10).build()).hasToString("1:(1-10)");
		assertThat(RetryPattern.NONE).hasToString("");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1:10, 5:20, 10:30, 15:300", "1:(1-10), 5:(11-20)", "0:0, 3:(0-0)", "" })
	void textFormParsesBackToAnEqualPattern(String text) {
		RetryPattern pattern = RetryPattern.parse(text);
		assertThat(RetryPattern.parse(pattern.toString())).isEqualTo(pattern).hasSameHashCodeAs(pattern);
	}

	@Test
	void whitespaceIsTolerated() {
		assertThat(RetryPattern.parse(" 1 : 10 ,5:( 11 - 20 ) ")).isEqualTo(RetryPattern.parse("1:10,5:(11-20)"));
	}

	@Test
	void rangeWithEqualEndsIsAFixedDelay() {
		assertThat(RetryPattern.parse("1:(5-5)")).isEqualTo(RetryPattern.parse("1:5"));
	}

}
