package io.queuejob.spring.autoconfigure;

/**
 * Callback that changes the {@link QueueJobSettings settings} of this node once they are
 * bound from the {@code queue-job} properties and before queue-job builds its runner,
 * workers, listener and node registry from them. Every bean of this type is applied, in
 * the order of {@link org.springframework.core.annotation.Order @Order} or
 * {@link org.springframework.core.Ordered Ordered}, so that a later customizer sees, and
 * may override, what an earlier one set.
 * <p>
 * For example, to run half as many jobs at once as the machine has processors and to name
 * this node after the pod it runs in:
 *
 * <pre class="code">
 * &#64;Bean
 * QueueJobCustomizer podWorkers(Environment environment) {
 *     return (settings) -&gt; {
 *         settings.setWorkerThreads(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
 *         settings.setWorkerName(environment.getProperty("POD_NAME", settings.getWorkerName()));
 *     };
 * }
 * </pre>
 */
@FunctionalInterface
public interface QueueJobCustomizer {

	/**
	 * Change the settings.
	 * @param settings the settings, as bound and as changed by the customizers applied
	 * before this one
	 */
	void customize(QueueJobSettings settings);

}
