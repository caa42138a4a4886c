package io.queuejob.spring.autoconfigure;

import java.util.List;
import java.util.Objects;

import io.queuejob.spring.QueueJob;
import io.queuejob.spring.QueueJobSchedule;
import io.queuejob.spring.testsupport.DeleteJobsBeforeEach;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A schedule declared wrong stops start-up with a report naming the schedule and where it
 * is declared, and nothing of the declarations is written.
 */
@ExtendWith(DeleteJobsBeforeEach.class)
class ScheduleDeclarationFailureTests {

	private static final TestDatabase database = TestDatabase.shared();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
				JacksonAutoConfiguration.class, QueueJobSchemaAutoConfiguration.class, QueueJobAutoConfiguration.class))
		.withPropertyValues(database.properties())
		.withPropertyValues("queue-job.auto-startup=false");

	@Test
	void invalidCronOfAnAnnotationIsNamed() {
		this.contextRunner.withBean("invalidCron", InvalidCron.class, InvalidCron::new).run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("@QueueJobSchedule on " + InvalidCron.class.getName())
				.contains("Schedule 'invalidCron.run': invalid cron expression '0 0 25 * * *'");
			assertThat(analysis.getAction()).contains("exactly one of a cron expression");
		});
	}

	@Test
	void unknownZoneIsNamed() {
		this.contextRunner.withBean("valid", Valid.class, Valid::new)
			.withPropertyValues("queue-job.schedules.nightly.zone=Europe/Atlantis")
			.run((context) -> assertThat(analysis(context).getDescription()).contains("queue-job.schedules.[nightly]")
				.contains("unknown time zone 'Europe/Atlantis'"));
		assertThat(schedules()).isZero();
	}

	@Test
	void unknownFunctionIsNamedWithTheKnownOnes() {
		this.contextRunner.withBean("valid", Valid.class, Valid::new)
			.withPropertyValues("queue-job.schedules.cleanup.function=valid.cleanUp",
					"queue-job.schedules.cleanup.fixed-rate=5m")
			.run((context) -> assertThat(analysis(context).getDescription())
				.contains("Schedule 'cleanup': no job function 'valid.cleanUp'")
				.contains("valid.report"));
		assertThat(schedules()).isZero();
	}

	@Test
	void argumentsThatDoNotFitTheMethodAreNamed() {
		this.contextRunner.withBean("valid", Valid.class, Valid::new)
			.withPropertyValues("queue-job.schedules.nightly.arguments=[\"eu\", 2]")
			.run((context) -> assertThat(analysis(context).getDescription())
				.contains("Schedule 'nightly': arguments [\"eu\", 2] do not fit job function valid.report"));
	}

	@Test
	void propertiesScheduleWithoutFunctionIsNamed() {
		this.contextRunner.withBean("valid", Valid.class, Valid::new)
			.withPropertyValues("queue-job.schedules.orphan.cron=@daily")
			.run((context) -> assertThat(analysis(context).getDescription())
				.contains("queue-job.schedules.[orphan].function is not set"));
	}

	@Test
	void validDeclarationsAreWritten() {
		this.contextRunner.withBean("valid", Valid.class, Valid::new).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(schedules()).isZero();
			context.start();
			assertThat(schedules()).isOne();
		});
	}

	private static int schedules() {
		return new JdbcTemplate(database.dataSource()).queryForObject("SELECT count(*) FROM queue_job_schedule",
				Integer.class);
	}

	private static FailureAnalysis analysis(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		List<FailureAnalysis> analyses = List.of(new InvalidQueueJobPropertyFailureAnalyzer())
			.stream()
			.map((analyzer) -> analyzer.analyze(context.getStartupFailure()))
			.filter(Objects::nonNull)
			.toList();
		assertThat(analyses).isNotEmpty();
		return analyses.get(0);
	}

	public static class InvalidCron {

		@QueueJob
		@QueueJobSchedule(cron = "0 0 25 * * *")
		public void run() {
		}

	}

	public static class Valid {

		@QueueJob
		@QueueJobSchedule(name = "nightly", cron = "0 0 2 * * *", arguments = "[\"all\"]")
		public void report(String region) {
		}

	}

}
