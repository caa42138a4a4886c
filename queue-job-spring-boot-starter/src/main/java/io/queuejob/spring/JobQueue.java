package io.queuejob.spring;

import java.util.function.Consumer;

/**
 * Enqueues jobs with per-call options: <pre class="code">
 * jobQueue.delayable(mailer, (m) -&gt; m.send(order))
 *     .priority(5)
 *     .eta(Duration.ofMinutes(5))
 *     .channel("root.mail")
 *     .delay();
 * </pre> Any public method of a bean may be delayed this way, annotated with
 * {@link QueueJob} or not. Enqueueing joins the caller's transaction: if it rolls back,
 * no job exists.
 */
public interface JobQueue {

	/**
	 * Prepare a job from a method call on a bean. The call is recorded, not made.
	 * @param <T> the bean type
	 * @param bean the bean (as injected, proxy or not)
	 * @param call one call of a public method on the bean
	 * @return the job, to set options on and to {@link Delayable#delay() delay}
	 */
	<T> Delayable delayable(T bean, Consumer<? super T> call);

}
