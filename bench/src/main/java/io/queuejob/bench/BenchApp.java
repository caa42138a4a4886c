package io.queuejob.bench;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The application of a benchmark node: the starter, the no-op jobs, and a data source
 * that counts statements and commits.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class BenchApp {

	@Bean
	BenchJobs benchJobs() {
		return new BenchJobs();
	}

	@Bean
	RecordingJobs recordingJobs(DataSource dataSource) {
		return new RecordingJobs(dataSource);
	}

	@Bean
	static BeanPostProcessor countingDataSource() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof DataSource dataSource && !(bean instanceof CountingDataSource))
						? new CountingDataSource(dataSource) : bean;
			}
		};
	}

}
