package io.queuejob.spring.autoconfigure;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import io.queuejob.spring.QueueJob;
import io.queuejob.spring.autoconfigure.QueueJobAutoConfigurationTests.OverriddenJobs;
import io.queuejob.spring.testsupport.AutoConfiguredApplication;
import io.queuejob.spring.testsupport.DeleteJobsBeforeEach;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Mistakes in the queue-job configuration stop start-up with Spring Boot's "APPLICATION
 * FAILED TO START" report naming the entry and the fix: the real report of an application
 * for two of them, the analysis of the starter's analyzers for the others.
 */
@ExtendWith({ OutputCaptureExtension.class, DeleteJobsBeforeEach.class })
class QueueJobFailureAnalysisTests {

	private static final TestDatabase database = TestDatabase.shared();

	private static final List<FailureAnalyzer> analyzers = List.of(new InvalidQueueJobPropertyFailureAnalyzer(),
			new UnknownQueueJobPropertiesFailureAnalyzer());

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
				JacksonAutoConfiguration.class, QueueJobSchemaAutoConfiguration.class, QueueJobAutoConfiguration.class))
		.withPropertyValues(database.properties())
		.withBean("overriddenJobs", OverriddenJobs.class, OverriddenJobs::new);

	@Test
	void malformedChannelEntryIsReportedNamingTheEntryAndTheForm(CapturedOutput output) {
		failToStart("--queue-job.channels=root:4, mail:zero");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid queue-job.channels: Invalid channel entry 'mail:zero'")
			.contains("Correct the entry. queue-job.channels is a list of name[:capacity[:option]*]")
			.doesNotContain("Caused by");
	}

	@Test
	void misspelledKeyIsReportedWithTheKeyItProbablyMeant(CapturedOutput output) {
		failToStart("--queue-job.chanels=root:4");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Unknown queue-job properties")
			.contains("queue-job.chanels (from ")
			.contains("did you mean queue-job.channels?")
			.contains("Correct or remove them")
			.doesNotContain("Caused by");
	}

	@Test
	void malformedStructuredChannelNamesItsEntry() {
		this.contextRunner.withPropertyValues("queue-job.channel.[root.mail].capacity=0").run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("queue-job.channel[root.mail]")
				.contains("capacity must be at least 1");
			assertThat(analysis.getAction())
				.startsWith("Correct queue-job.channel.[root.mail]. Under queue-job.channel");
		});
	}

	@Test
	void channelConfiguredTwiceSaysToConfigureItOnce() {
		this.contextRunner.withPropertyValues("queue-job.channels=mail:3", "queue-job.channel.mail.capacity=2")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("root.mail").contains("configured twice");
				assertThat(analysis.getAction()).startsWith("Configure each channel once");
			});
	}

	@Test
	void dottedChannelNameWithoutBracketsIsShownInBrackets() {
		this.contextRunner.withPropertyValues("queue-job.channel.root.mail.capacity=2").run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("queue-job.channel.root.mail.capacity (from ",
					"did you mean queue-job.channel.[root.mail].capacity?");
			assertThat(analysis.getAction()).contains("brackets");
		});
	}

	@Test
	void dottedFunctionNameWithoutBracketsIsShownInBrackets() {
		this.contextRunner.withPropertyValues("queue-job.functions.overriddenJobs.sync.priority=1").run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("queue-job.functions.overriddenjobs.sync.priority",
					"did you mean queue-job.functions.[overriddenJobs.sync].priority?");
		});
	}

	@Test
	void misspelledFunctionPropertyIsShownCorrected() {
		this.contextRunner.withPropertyValues("queue-job.functions.[overriddenJobs.sync].prority=1").run((context) -> {
			assertThat(analysis(context).getDescription()).contains("queue-job.functions[overriddenJobs.sync].prority",
					"did you mean queue-job.functions.[overriddenJobs.sync].priority?");
		});
	}

	@Test
	void misspelledNestedKeyIsShownCorrected() {
		this.contextRunner.withPropertyValues("queue-job.worker.thread=4")
			.run((context) -> assertThat(analysis(context).getDescription()).contains("queue-job.worker.thread (from ",
					"did you mean queue-job.worker.threads?"));
	}

	@Test
	void unknownKeyFarFromAnyIsNamedAlone() {
		this.contextRunner.withPropertyValues("queue-job.colour=blue").run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("queue-job.colour (from ").doesNotContain("did you mean");
		});
	}

	@Test
	void unknownFunctionIsNamedWithTheKnownOnes() {
		this.contextRunner.withPropertyValues("queue-job.functions.[invoiceService.send].priority=1").run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("names no job function: [invoiceService.send]")
				.contains("overriddenJobs.sync");
			assertThat(analysis.getAction()).startsWith("Name a @QueueJob method as its jobs do");
		});
	}

	@Test
	void malformedRetryPatternPropertyIsNamed() {
		this.contextRunner.withPropertyValues("queue-job.functions.[overriddenJobs.sync].retry-pattern=1:soon")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription())
					.startsWith("Invalid queue-job.functions.[overriddenJobs.sync].retry-pattern: ");
				assertThat(analysis.getAction()).startsWith("Write the retry pattern as a list of try:seconds");
			});
	}

	@Test
	void malformedPerKeyNamesTheEntry() {
		this.contextRunner.withPropertyValues("queue-job.channels=root:4, api:2:per-key=0").run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription())
				.startsWith("Invalid queue-job.channels: Invalid channel entry 'api:2:per-key=0'")
				.contains("option 'per-key'");
			assertThat(analysis.getAction()).contains("per-key=<jobs>");
		});
		this.contextRunner.withPropertyValues("queue-job.channel.[root.api].per-key=0").run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("queue-job.channel[root.api]")
				.contains("per-key must be at least 1");
		});
	}

	@Test
	void partitionKeyPropertyThatDoesNotParseIsNamed() {
		this.contextRunner.withPropertyValues("queue-job.functions.[overriddenJobs.sync].partition-key=#p0.(")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription())
					.startsWith("Invalid queue-job.functions.[overriddenJobs.sync].partition-key: ")
					.contains("'#p0.('");
				assertThat(analysis.getAction()).startsWith("Write a SpEL expression");
			});
	}

	@Test
	void partitionKeyAnnotationThatDoesNotParseStopsStartUpNamingTheFunction() {
		this.contextRunner.withBean("badKeyJobs", BadKeyJobs.class, BadKeyJobs::new).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasStackTraceContaining("Job function badKeyJobs.run: invalid partition key expression '#p0.('");
		});
	}

	@Test
	void malformedWebPathIsNamed() {
		this.contextRunner.withPropertyValues("queue-job.web.path=ops/jobs/").run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("queue-job.web.path must start with '/'")
				.contains("'ops/jobs/'");
			assertThat(analysis.getAction())
				.isEqualTo("Set queue-job.web.path to a path such as /queue-job or /ops/jobs.");
		});
	}

	@Test
	void invalidSchemaIsNamed() {
		this.contextRunner.withPropertyValues("queue-job.schema=Jobs-2").run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).startsWith("Invalid queue-job.schema 'Jobs-2': use a plain SQL");
			assertThat(analysis.getAction()).startsWith("Set queue-job.schema to such a name");
		});
	}

	@Test
	void unboundPropertiesOfAnotherPrefixAreLeftToSpringBoot() {
		new ApplicationContextRunner().withUserConfiguration(StrictProperties.Config.class)
			.withPropertyValues("other.nmae=x")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(analyses(context.getStartupFailure())).isEmpty();
			});
	}

	private static void failToStart(String... args) {
		SpringApplication application = new SpringApplication(AutoConfiguredApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		// The test class path has Flyway, which would migrate the application's own
		// (absent) scripts into the shared database
		String[] all = Stream
			.of(Stream.of(database.properties()).map((property) -> "--" + property),
					Stream.of("--spring.flyway.enabled=false"), Stream.of(args))
			.flatMap((stream) -> stream)
			.toArray(String[]::new);
		assertThatException().isThrownBy(() -> application.run(all));
	}

	private static FailureAnalysis analysis(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		List<FailureAnalysis> analyses = analyses(context.getStartupFailure());
		assertThat(analyses).isNotEmpty();
		return analyses.get(0);
	}

	private static List<FailureAnalysis> analyses(Throwable failure) {
		return analyzers.stream().map((analyzer) -> analyzer.analyze(failure)).filter(Objects::nonNull).toList();
	}

	/**
	 * Properties of another prefix that reject unknown keys.
	 */
	@org.springframework.boot.context.properties.ConfigurationProperties(prefix = "other", ignoreUnknownFields = false)
	static class StrictProperties {

		private String name;

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
		@org.springframework.boot.context.properties.EnableConfigurationProperties(StrictProperties.class)
		static class Config {

		}

	}

	/**
	 * A job method whose partition key expression does not parse.
	 */
	public static class BadKeyJobs {

		@QueueJob(partitionKey = "#p0.(")
		public void run(String id) {
		}

	}

}
