package io.queuejob.core;

import java.util.HashMap;
import java.util.Map;

import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RetryPatternParseErrorTests {

	@Test
	void missingColonIsRejected() {
		assertInvalid("1:10, 5 20").withMessageContaining("'5 20'").withMessageContaining("missing ':'");
	}

	@Test
	void nonNumericTryIsRejected() {
		assertInvalid("1:10, x:20").withMessageContaining("'x:20'").withMessageContaining("try number 'x'");
	}

	@Test
	void nonNumericDelayIsRejected() {
		assertInvalid("1:ten").withMessageContaining("'1:ten'").withMessageContaining("delay 'ten'");
	}

	@Test
	void decimalDelayIsRejected() {
		assertInvalid("1:1.5").withMessageContaining("'1:1.5'").withMessageContaining("not a whole number");
	}

	@Test
	void negativeTryIsRejected() {
		assertInvalid("-1:10").withMessageContaining("'-1:10'").withMessageContaining("negative");
	}

	@Test
	void negativeDelayIsRejected() {
		assertInvalid("1:-10").withMessageContaining("'1:-10'").withMessageContaining("negative");
	}

	@Test
	void negativeRangeEndIsRejected() {
		assertInvalid("1:(-5-10)").withMessageContaining("'1:(-5-10)'").withMessageContaining("negative");
	}

	@Test
	void rangeWithoutClosingParenthesisIsRejected() {
		assertInvalid("1:(1-10").withMessageContaining("'1:(1-10'").withMessageContaining("malformed range");
	}

	@Test
	void rangeWithoutSeparatorIsRejected() {
		assertInvalid("1:(10)").withMessageContaining("'1:(10)'").withMessageContaining("malformed range");
	}

	@Test
	void rangeWithCommaSplitsIntoAMalformedRange() {
		assertInvalid("1:(1, 10)").withMessageContaining("'1:(1'").withMessageContaining("malformed range");
	}

	@Test
	void rangeWithMissingEndIsRejected() {
		assertInvalid("1:(1-)").withMessageContaining("'1:(1-)'").withMessageContaining("range maximum ''");
	}

	@Test
	void rangeMinimumAboveMaximumIsRejected() {
		assertInvalid("1:(10-1)").withMessageContaining("'1:(10-1)'")
			.withMessageContaining("minimum 10 is greater than maximum 1");
	}

	@Test
	void duplicateTryIsRejected() {
		assertInvalid("1:10, 5:20, 1:30").withMessageContaining("'1:30'")
			.withMessageContaining("try number 1 appears more than once");
	}

	@Test
	void emptyEntryBetweenCommasIsRejected() {
		assertInvalid("1:10,,5:20").withMessageContaining("'1:10,,5:20'").withMessageContaining("entry 2 is empty");
	}

	@Test
	void trailingCommaIsRejected() {
		assertInvalid("1:10,").withMessageContaining("entry 2 is empty");
	}

	@Test
	void tooLargeNumberIsRejected() {
		assertInvalid("1:99999999999").withMessageContaining("'1:99999999999'").withMessageContaining("too large");
	}

	@Test
	void negativeValueInMapIsRejected() {
		assertThatExceptionOfType(InvalidRetryPatternException.class).isThrownBy(() -> RetryPattern.of(Map.of(1, -5)))
			.withMessageContaining("'1:-5'");
	}

	@Test
	void nullValueInMapIsRejected() {
		Map<Integer, Integer> map = new HashMap<>();
		map.put(1, null);
		assertThatExceptionOfType(InvalidRetryPatternException.class).isThrownBy(() -> RetryPattern.of(map))
			.withMessageContaining("'1:null'");
	}

	@Test
	void builderRejectsDuplicateTry() {
		assertThatExceptionOfType(InvalidRetryPatternException.class)
			.isThrownBy(() -> RetryPattern.builder().fixed(1, 10).range(1, 2, 3))
			.withMessageContaining("'1:(2-3)'");
	}

	private static ThrowableAssertAlternative<InvalidRetryPatternException> assertInvalid(String text) {
		return assertThatExceptionOfType(InvalidRetryPatternException.class).isThrownBy(() -> RetryPattern.parse(text));
	}

}
