package io.queuejob.spring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.queuejob.spring.internal.enqueue.OccurrenceJobs;
import io.queuejob.spring.internal.function.JobArgumentCodec;
import io.queuejob.spring.internal.function.JobFunctionRegistry;
import io.queuejob.spring.internal.runner.JobLifecycleObserver;
import io.queuejob.spring.internal.runner.JobRunner;
import io.queuejob.spring.internal.runner.JobWorkers;
import io.queuejob.spring.internal.runner.RunnerElection;
import io.queuejob.spring.internal.runner.ScheduleLoop;
import io.queuejob.spring.internal.schedule.DeclaredSchedules;
import io.queuejob.spring.internal.schedule.DefaultJobSchedules;
import io.queuejob.spring.internal.schedule.ScheduleMaterializer;
import io.queuejob.spring.internal.schedule.ScheduleObserver;
import io.queuejob.spring.internal.schedule.ScheduleProperties;
import io.queuejob.spring.internal.schedule.ScheduleValidator;
import io.queuejob.spring.internal.store.JdbcScheduleStore;
import io.queuejob.spring.internal.store.JobStores;
import io.queuejob.spring.schedule.JobSchedules;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The recurring jobs: the schedule table, the declared schedules written to it at
 * start-up, the {@link JobSchedules} API, and, on a node with a runner, the loop that
 * materialises the due occurrences while this node holds the runner role.
 */
@Configuration(proxyBeanMethods = false)
class QueueJobScheduleConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	JdbcScheduleStore queueJobScheduleStore(QueueJobDatabase database, JobStores stores) {
		return new JdbcScheduleStore(new JdbcTemplate(database.dataSource()), database.schema(),
				stores.notificationPayload());
	}

	@Bean
	@ConditionalOnMissingBean
	ScheduleValidator queueJobScheduleValidator(JobFunctionRegistry functions, JobArgumentCodec codec) {
		return new ScheduleValidator(functions, codec);
	}

	@Bean
	@ConditionalOnMissingBean
	OccurrenceJobs queueJobOccurrenceJobs(JobArgumentCodec codec, JobStores stores, ObjectProvider<JobRunner> runner,
			ObjectProvider<JobWorkers> workers, ObjectProvider<JobLifecycleObserver> observers) {
		return new OccurrenceJobs(codec, stores.enqueue(), new StoredJobsWaking(runner, workers),
				NodeWiring.observer(observers));
	}

	@Bean
	@ConditionalOnMissingBean(JobSchedules.class)
	DefaultJobSchedules jobSchedules(JdbcScheduleStore store, ScheduleValidator validator,
			JobFunctionRegistry functions, OccurrenceJobs jobs, QueueJobDatabase database,
			ObjectProvider<ScheduleLoop> loop) {
		return new DefaultJobSchedules(store, validator, functions, jobs, database.transaction(),
				NodeWiring.waking(loop, ScheduleLoop::wake));
	}

	@Bean
	@ConditionalOnMissingBean
	DeclaredSchedules queueJobDeclaredSchedules(JobFunctionRegistry functions, QueueJobProperties properties,
			ScheduleValidator validator, JdbcScheduleStore store, QueueJobDatabase database) {
		Map<String, ScheduleProperties> declared = new LinkedHashMap<>();
		properties.getSchedules()
			.forEach((name, schedule) -> declared.put(name,
					new ScheduleProperties(schedule.getFunction(), schedule.getCron(), schedule.getZone(),
							schedule.getFixedRate(), schedule.getFixedDelay(), schedule.getArguments(),
							schedule.getEnabled(), schedule.getMissed(), schedule.getOverlap())));
		return new DeclaredSchedules(functions, declared, validator, store, database.newTransaction(),
				properties.isAutoStartup());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "queue-job.runner.enabled", matchIfMissing = true)
	@ConditionalOnBooleanProperty(name = "queue-job.scheduling.enabled", matchIfMissing = true)
	static class MaterializerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ScheduleMaterializer queueJobScheduleMaterializer(JdbcScheduleStore store, JobFunctionRegistry functions,
				OccurrenceJobs jobs, QueueJobDatabase database, QueueJobProperties properties,
				ObjectProvider<ScheduleObserver> observer) {
			QueueJobProperties.Scheduling scheduling = properties.getScheduling();
			return new ScheduleMaterializer(store, functions, jobs, database.newTransaction(),
					scheduling.getMissedAfter(), scheduling.getMaxCatchUp(), observed(observer));
		}

		@Bean
		@ConditionalOnMissingBean
		ScheduleLoop queueJobScheduleLoop(ScheduleMaterializer materializer, ObjectProvider<RunnerElection> election,
				QueueJobProperties properties, QueueJobSettings settings) {
			ScheduleLoop loop = new ScheduleLoop(materializer::materialise,
					NodeWiring.runsRunner(election.getIfAvailable(), true), settings.getPollInterval());
			loop.setAutoStartup(properties.isAutoStartup());
			return loop;
		}

		/**
		 * The observer of the occurrences, looked up at its first use: the metrics are
		 * configured after queue-job.
		 */
		private static ScheduleObserver observed(ObjectProvider<ScheduleObserver> provider) {
			Supplier<ScheduleObserver> observer = NodeWiring.lookedUpOnce(provider);
			return new ScheduleObserver() {

				@Override
				public void materialised(String schedule, long count) {
					target().materialised(schedule, count);
				}

				@Override
				public void skipped(String schedule, long count) {
					target().skipped(schedule, count);
				}

				@Override
				public void missed(String schedule, long count) {
					target().missed(schedule, count);
				}

				private ScheduleObserver target() {
					ScheduleObserver found = observer.get();
					return (found != null) ? found : ScheduleObserver.NONE;
				}

			};
		}

	}

}
