package io.queuejob.spring.autoconfigure;

import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.queuejob.spring.QueueJob;
import io.queuejob.spring.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application with two data sources keeps its jobs in the one marked
 * {@link QueueJobDataSource @QueueJobDataSource}, with the transaction manager marked
 * {@link QueueJobTransactionManager @QueueJobTransactionManager}, and leaves its primary
 * data source alone.
 */
class QueueJobDataSourceTests {

	private static final TestDatabase application = TestDatabase.fresh();

	private static final TestDatabase queueJob = TestDatabase.fresh();

	@Test
	void jobsLiveInTheQueueJobDataSource() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
			.web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "spring.flyway.enabled=false")
			.run()) {
			context.getBean(Jobs.class).run("in its own database");
			JdbcTemplate jobs = new JdbcTemplate(queueJob.dataSource());
			await().atMost(Duration.ofSeconds(30))
				.until(() -> "done".equals(jobs.queryForObject("SELECT state FROM queue_job", String.class)));
			assertThat(new JdbcTemplate(application.dataSource())
				.queryForObject("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'queue_job%'", Integer.class))
				.isZero();
		}
	}

	/**
	 * A job.
	 */
	public static class Jobs {

		@QueueJob
		public void run(String text) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		@Primary
		DataSource applicationDataSource() {
			return dataSource(application);
		}

		@Bean
		@Primary
		PlatformTransactionManager transactionManager(DataSource dataSource) {
			return new DataSourceTransactionManager(dataSource);
		}

		@Bean
		@QueueJobDataSource
		DataSource queueJobDataSource() {
			return dataSource(queueJob);
		}

		@Bean
		@QueueJobTransactionManager
		PlatformTransactionManager queueJobTransactionManager() {
			return new DataSourceTransactionManager(queueJobDataSource());
		}

		@Bean
		Jobs jobs() {
			return new Jobs();
		}

		private static HikariDataSource dataSource(TestDatabase database) {
			HikariDataSource dataSource = new HikariDataSource();
			dataSource.setJdbcUrl(database.url());
			dataSource.setUsername(database.username());
			dataSource.setPassword(database.password());
			dataSource.setMaximumPoolSize(5);
			return dataSource;
		}

	}

}
