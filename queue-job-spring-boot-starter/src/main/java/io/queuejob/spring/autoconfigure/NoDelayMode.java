package io.queuejob.spring.autoconfigure;

import java.util.function.Function;

/**
 * Decides whether no-delay mode is on: {@code queue-job.no-delay=true}, or the
 * environment variable {@value #ENVIRONMENT_VARIABLE} set to any non-empty value other
 * than {@code 0} or {@code false}.
 */
final class NoDelayMode {

	static final String ENVIRONMENT_VARIABLE = "QUEUE_JOB_NO_DELAY";

	private NoDelayMode() {
	}

	/**
	 * Whether no-delay mode is on.
	 * @param property the value of {@code queue-job.no-delay}
	 * @param environment reads an environment variable ({@code System::getenv})
	 * @return {@code true} if jobs must run at once instead of being stored
	 */
	static boolean isOn(boolean property, Function<String, String> environment) {
		if (property) {
			return true;
		}
		String value = environment.apply(ENVIRONMENT_VARIABLE);
		if (value == null || value.isBlank()) {
			return false;
		}
		String trimmed = value.trim();
		return !trimmed.equals("0") && !trimmed.equalsIgnoreCase("false");
	}

}
