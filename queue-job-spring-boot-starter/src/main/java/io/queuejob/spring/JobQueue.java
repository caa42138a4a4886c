package io.queuejob.spring;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.queuejob.core.graph.GraphElement;

/**
 * Enqueues jobs with per-call options: <pre class="code">
 * jobQueue.delayable(mailer, (m) -&gt; m.send(order))
 *     .priority(5)
 *     .eta(Duration.ofMinutes(5))
 *     .channel("root.mail")
 *     .delay();
 * </pre> The method must be a job function: a {@link QueueJob} method, or a public method
 * declared with the property
 * {@code queue-job.functions.[beanName.methodName].delayable=true} (which leaves direct
 * calls of it running at once). Enqueueing joins the caller's transaction: if it rolls
 * back, no job exists.
 */
public interface JobQueue {

	/**
	 * Prepare a job from a method call on a bean. The call is recorded, not made.
	 * @param <T> the bean type
	 * @param bean the bean (as injected, proxy or not), the one the job will run on
	 * @param call one call of a job function on the bean
	 * @return the job, to set options on and to {@link Delayable#delay() delay}
	 * @throws IllegalArgumentException if the called method is not a job function of the
	 * bean, or the object given is not the bean (nothing is stored)
	 */
	<T> Delayable delayable(T bean, Consumer<? super T> call);

	/**
	 * Store a graph of jobs prepared with {@link #delayable}, whatever its top element: a
	 * job, a {@link io.queuejob.core.graph.Chain} or a
	 * {@link io.queuejob.core.graph.Group}, nested as needed. The same as
	 * {@link Delayable#delay()} on a top job: one transaction (the caller's if any), one
	 * graph uuid, children waiting in {@code wait_dependencies} until all their parents
	 * are done.
	 * @param top the top-most element
	 * @return a reference per job, parents before children
	 * @throws UnsupportedOperationException if this job queue does not support it (the
	 * default, for job queues written before it existed)
	 */
	default Map<Delayable, JobRef> delay(GraphElement top) {
		throw new UnsupportedOperationException(getClass().getName() + " does not support delay(GraphElement)");
	}

	/**
	 * Prepare one job per item, all calls of the same method on a bean, to store them
	 * with few round trips: <pre class="code">
	 * jobQueue.delayableAll(exporter, invoiceIds, (e, id) -&gt; e.export(id)).delay();
	 * </pre> The calls are recorded, not made.
	 * @param <T> the bean type
	 * @param <I> the item type
	 * @param bean the bean (as injected, proxy or not)
	 * @param items the items, one job each
	 * @param call one call of a job function on the bean for an item; the same method for
	 * every item
	 * @return the jobs, to set options on and to {@link DelayableBatch#delay() delay}
	 * @throws IllegalArgumentException if the calls are not all of the same method, it is
	 * not a job function of the bean, or the object given is not the bean (nothing is
	 * stored)
	 * @throws UnsupportedOperationException if this job queue does not support it (the
	 * default, for job queues written before it existed)
	 */
	default <T, I> DelayableBatch delayableAll(T bean, Iterable<? extends I> items,
			BiConsumer<? super T, ? super I> call) {
		throw new UnsupportedOperationException(getClass().getName() + " does not support delayableAll(…)");
	}

	/**
	 * Store a batch prepared with {@link #delayableAll}: the same as
	 * {@link DelayableBatch#delay()}.
	 * @param batch the batch
	 * @return how many jobs were created
	 * @throws UnsupportedOperationException if this job queue does not support it (the
	 * default, for job queues written before it existed)
	 */
	default int delay(DelayableBatch batch) {
		throw new UnsupportedOperationException(getClass().getName() + " does not support delay(DelayableBatch)");
	}

}
