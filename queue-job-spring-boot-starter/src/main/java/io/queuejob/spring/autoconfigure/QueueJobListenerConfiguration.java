package io.queuejob.spring.autoconfigure;

import java.time.Duration;
import java.util.Properties;

import io.queuejob.spring.internal.runner.JobRunner;
import io.queuejob.spring.internal.runner.JobWorkers;
import io.queuejob.spring.internal.runner.ListenerSubscriptions;
import io.queuejob.spring.internal.runner.NodeLiveness;
import io.queuejob.spring.internal.runner.PostgresJobListener;
import io.queuejob.spring.internal.runner.RunnerElection;
import io.queuejob.spring.internal.store.JobStores;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The listener of this node: its connection, and what each notification wakes.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "queue-job.listener.enabled", matchIfMissing = true)
class QueueJobListenerConfiguration {

	/**
	 * The listener connection's settings: TCP keepalive, and timeouts that end a connect,
	 * a login or a read that waits longer than the fencing timeout.
	 */
	private static Properties listenerConnectionSettings(Duration fencingTimeout) {
		Properties properties = new Properties();
		String seconds = Long.toString(Math.max(1, fencingTimeout.toSeconds()));
		properties.setProperty("tcpKeepAlive", "true");
		properties.setProperty("connectTimeout", seconds);
		properties.setProperty("loginTimeout", seconds);
		properties.setProperty("socketTimeout", seconds);
		return properties;
	}

	@Bean
	@ConditionalOnMissingBean
	PostgresJobListener queueJobListener(QueueJobDatabase database, ObjectProvider<JdbcConnectionDetails> details,
			QueueJobProperties properties, JobStores stores, ObjectProvider<JobRunner> runner,
			ObjectProvider<JobWorkers> workers, ObjectProvider<RunnerElection> election,
			ObjectProvider<NodeLiveness> liveness) {
		ListenerConnection connection = ListenerConnection.of(properties, database, details);
		Duration fencingTimeout = NodeWiring.timeouts(properties).fencingTimeout();
		Properties settings = listenerConnectionSettings(fencingTimeout);
		PostgresJobListener listener = new PostgresJobListener(() -> connection.open(settings), Duration.ofSeconds(1),
				fencingTimeout);
		ListenerSubscriptions.subscribe(listener, stores, runner.getIfAvailable(), workers.getIfAvailable(),
				election.getIfAvailable(), liveness.getIfAvailable());
		listener.setAutoStartup(properties.isAutoStartup());
		return listener;
	}

}
