package io.queuejob.spring.testsupport;

import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points the context of a {@link QueueJobIntegrationTest} at the
 * {@linkplain TestDatabase#shared() shared test database}. Every such context gets the
 * same customizer, so test classes with the same configuration share one cached context.
 */
class SharedDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return new SharedDatabaseContextCustomizer();
	}

	private static final class SharedDatabaseContextCustomizer implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("queueJobSharedTestDatabase", TestDatabase.shared().propertyMap()));
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof SharedDatabaseContextCustomizer;
		}

		@Override
		public int hashCode() {
			return SharedDatabaseContextCustomizer.class.hashCode();
		}

	}

}
