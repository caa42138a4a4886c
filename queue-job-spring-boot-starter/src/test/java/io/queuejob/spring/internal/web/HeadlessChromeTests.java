package io.queuejob.spring.internal.web;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link HeadlessChrome}'s check of the browser and its driver.
 */
class HeadlessChromeTests {

	@Test
	void missingBrowserFailsSayingHowToInstallIt() {
		Path missing = Path.of("/usr/bin/no-such-chromium");
		assertThatIllegalStateException().isThrownBy(() -> HeadlessChrome.requireInstalled(missing))
			.withMessageContaining("/usr/bin/no-such-chromium is missing")
			.withMessageContaining("apt-get install -y chromium chromium-driver");
	}

}
