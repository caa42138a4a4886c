package io.queuejob.spring.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * A {@link SpringBootTest} on the {@linkplain TestDatabase#shared() shared test database}
 * of the JVM, migrated once, whose jobs are deleted before each test.
 * <p>
 * Test classes with the same configuration share one cached context. A cached context is
 * paused (its listener, runner, workers, vacuum and heartbeat stopped) as soon as no
 * running test class uses it ({@code spring.test.context.cache.pause=always} in
 * {@code spring.properties}), so the only queue-job nodes running on the shared database
 * are those of the running test class: no other class's workers take its jobs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest
@ContextCustomizerFactories(SharedDatabaseContextCustomizerFactory.class)
@ExtendWith(DeleteJobsBeforeEach.class)
public @interface QueueJobIntegrationTest {

	/**
	 * The component classes of the application context.
	 * @return the classes
	 * @see SpringBootTest#classes()
	 */
	@AliasFor(annotation = SpringBootTest.class)
	Class<?>[] classes() default {};

	/**
	 * Properties in {@code key=value} form.
	 * @return the properties
	 * @see SpringBootTest#properties()
	 */
	@AliasFor(annotation = SpringBootTest.class)
	String[] properties() default {};

	/**
	 * The web environment.
	 * @return the web environment
	 * @see SpringBootTest#webEnvironment()
	 */
	@AliasFor(annotation = SpringBootTest.class)
	WebEnvironment webEnvironment() default WebEnvironment.MOCK;

}
