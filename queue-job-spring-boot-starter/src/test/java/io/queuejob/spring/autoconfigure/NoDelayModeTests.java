package io.queuejob.spring.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NoDelayMode}: the property and the {@code QUEUE_JOB_NO_DELAY}
 * environment variable, read through a stand-in for the process environment.
 */
class NoDelayModeTests {

	@Test
	void offWithoutPropertyOrEnvironmentVariable() {
		assertThat(NoDelayMode.isOn(false, Map.<String, String>of()::get)).isFalse();
	}

	@Test
	void propertyTurnsItOn() {
		assertThat(NoDelayMode.isOn(true, Map.<String, String>of()::get)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "1", "true", "yes", "on", "TRUE" })
	void environmentVariableWithAnyOtherValueTurnsItOn(String value) {
		assertThat(NoDelayMode.isOn(false, Map.of("QUEUE_JOB_NO_DELAY", value)::get)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "0", "false", "FALSE", " 0 " })
	void environmentVariableEmptyZeroOrFalseLeavesItOff(String value) {
		assertThat(NoDelayMode.isOn(false, Map.of("QUEUE_JOB_NO_DELAY", value)::get)).isFalse();
	}

	@Test
	void otherEnvironmentVariablesAreIgnored() {
		assertThat(NoDelayMode.isOn(false, Map.of("QUEUE_JOB__NO_DELAY", "1", "TEST_QUEUE_JOB_NO_DELAY", "1")::get))
			.isFalse();
	}

}
