package io.queuejob.spring.internal.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven headless through its chromedriver, for the dashboard's browser
 * tests. Both paths are given, so Selenium Manager never looks for (or downloads) a
 * browser or a driver; each browser gets a fresh profile, deleted on {@link #close()}.
 * When Chromium or chromedriver is missing, {@link #start()} fails with a message saying
 * how to install them: the browser tests are never skipped.
 */
final class HeadlessChrome implements AutoCloseable {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final ChromeDriver driver;

	private final Path profile;

	private HeadlessChrome(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	/**
	 * Start a headless Chromium.
	 * @return the browser
	 * @throws IllegalStateException if Chromium or chromedriver is not installed
	 */
	static HeadlessChrome start() {
		requireInstalled(CHROMIUM, CHROMEDRIVER);
		Path profile = createProfile();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1400,1000", "--lang=en-US", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		return new HeadlessChrome(new ChromeDriver(service, options), profile);
	}

	/**
	 * Fail, saying how to install them, unless the executables are there.
	 * @param executables the executables
	 * @throws IllegalStateException if one is missing
	 */
	static void requireInstalled(Path... executables) {
		for (Path executable : executables) {
			if (!Files.isExecutable(executable)) {
				throw new IllegalStateException(
						"The dashboard's browser tests need Debian's Chromium and its driver, but " + executable
								+ " is missing: install them with 'apt-get install -y chromium chromium-driver' "
								+ "(.ci/run does this)");
			}
		}
	}

	private static Path createProfile() {
		try {
			return Files.createTempDirectory("queue-job-chromium-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Send HTTP Basic credentials with every request of the page (a headless browser has
	 * no login dialog to answer).
	 * @param username the user
	 * @param password the password
	 */
	void authenticateAs(String username, String password) {
		String credentials = Base64.getEncoder()
			.encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
		this.driver.executeCdpCommand("Network.enable", Map.of());
		this.driver.executeCdpCommand("Network.setExtraHTTPHeaders",
				Map.of("headers", Map.of("Authorization", "Basic " + credentials)));
	}

	WebDriver driver() {
		return this.driver;
	}

	/**
	 * Wait until the condition gives a value other than {@code null} or {@code false};
	 * elements that the page replaced meanwhile make the condition be tried again.
	 * @param <T> the type of the value
	 * @param condition the condition
	 * @return its value
	 */
	<T> T waitUntil(Function<WebDriver, T> condition) {
		return new WebDriverWait(this.driver, WAIT).ignoring(StaleElementReferenceException.class).until(condition);
	}

	/**
	 * Run a script in the page.
	 * @param script the script, with {@code return} for a value
	 * @param arguments its arguments
	 * @return its value
	 */
	Object script(String script, Object... arguments) {
		return this.driver.executeScript(script, arguments);
	}

	/**
	 * The errors the page wrote to the browser console since the last call: uncaught
	 * exceptions, rejected promises, resources that failed to load.
	 * @return the messages
	 */
	List<String> consoleErrors() {
		return this.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.toList();
	}

	/**
	 * Save a screenshot of the window to {@code target/dashboard-screenshots} (a build
	 * artifact).
	 * @param name the file name without extension
	 * @return the file
	 */
	Path screenshot(String name) {
		Path directory = Path.of(System.getProperty("basedir", "."), "target", "dashboard-screenshots");
		try {
			Files.createDirectories(directory);
			Path file = directory.resolve(name + ".png");
			Files.write(file, this.driver.getScreenshotAs(OutputType.BYTES));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			deleteProfile();
		}
	}

	private void deleteProfile() {
		try (Stream<Path> files = Files.walk(this.profile)) {
			files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
		catch (IOException ex) {
			// A profile left in the temporary directory is harmless.
		}
	}

}
