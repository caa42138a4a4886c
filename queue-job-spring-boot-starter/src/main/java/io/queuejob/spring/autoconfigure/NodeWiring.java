package io.queuejob.spring.autoconfigure;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import io.queuejob.spring.internal.runner.JobExecutionScope;
import io.queuejob.spring.internal.runner.JobLifecycleObserver;
import io.queuejob.spring.internal.runner.JobWorkers;
import io.queuejob.spring.internal.runner.NodeLiveness;
import io.queuejob.spring.internal.runner.NodeTimeouts;
import io.queuejob.spring.internal.runner.RunnerElection;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.function.SingletonSupplier;

/**
 * How the components of a node reach each other: the beans that may be absent (no
 * listener, no runner, no workers on this node), looked up once, and what stands in for
 * them when they are.
 */
final class NodeWiring {

	private NodeWiring() {
	}

	/**
	 * A bean looked up at its first use only: the runner and the workers wake each other
	 * for every job, and a lookup costs far more than a wake.
	 * @param <T> the bean's type
	 * @param provider the bean, which may be absent
	 * @return the bean, or {@code null} when the context has none
	 */
	static <T> Supplier<T> lookedUpOnce(ObjectProvider<T> provider) {
		Supplier<Optional<T>> bean = SingletonSupplier.of(() -> Optional.ofNullable(provider.getIfAvailable()));
		return () -> bean.get().orElse(null);
	}

	/**
	 * What wakes a bean, which may be absent, looked up at the first wake.
	 * @param <T> the bean's type
	 * @param provider the bean
	 * @param wake how to wake it
	 * @return the wake, which does nothing when the context has no such bean
	 */
	static <T> Runnable waking(ObjectProvider<T> provider, Consumer<T> wake) {
		Supplier<T> bean = lookedUpOnce(provider);
		return () -> {
			T target = bean.get();
			if (target != null) {
				wake.accept(target);
			}
		};
	}

	/**
	 * The observers of job changes (events, metrics) as one.
	 * @param observers the observers
	 * @return one observer telling them all, in order
	 */
	static JobLifecycleObserver observer(ObjectProvider<JobLifecycleObserver> observers) {
		return JobLifecycleObserver.of(observers.orderedStream().toList());
	}

	/**
	 * What surrounds each job's try (observations, logging context) as one.
	 * @param scopes the scopes
	 * @return one scope opening them all in order, closing them in reverse
	 */
	static JobExecutionScope scope(ObjectProvider<JobExecutionScope> scopes) {
		List<JobExecutionScope> all = scopes.orderedStream().toList();
		if (all.isEmpty()) {
			return JobExecutionScope.NONE;
		}
		if (all.size() == 1) {
			return all.get(0);
		}
		return (job) -> {
			Deque<JobExecutionScope.Opened> opened = new ArrayDeque<>();
			all.forEach((scope) -> opened.push(scope.open(job)));
			return () -> opened.forEach(JobExecutionScope.Opened::close);
		};
	}

	/**
	 * The timeouts between the nodes, from their properties.
	 * @param properties the properties
	 * @return the dead-node grace and the fencing timeout
	 */
	static NodeTimeouts timeouts(QueueJobProperties properties) {
		return NodeTimeouts.of(properties.getRunner().getDeadNodeGrace(), properties.getListener().getFencingTimeout());
	}

	/**
	 * Whether this node is the elected runner now: always, without a listener to elect
	 * one.
	 * @param election the election, or {@code null}
	 * @return whether this node is the runner now
	 */
	static BooleanSupplier elected(RunnerElection election) {
		return (election != null) ? election::isLeader : NodeWiring::always;
	}

	/**
	 * Whether this node runs the runner now: when it is elected, or, without a listener,
	 * when it has a runner.
	 * @param election the election, or {@code null}
	 * @param hasRunner whether this node has a runner
	 * @return whether this node runs the runner now
	 */
	static BooleanSupplier runsRunner(RunnerElection election, boolean hasRunner) {
		return (election != null) ? election::isLeader : () -> hasRunner;
	}

	/**
	 * Whether this node may claim jobs now: while it holds its liveness lock; always,
	 * without a listener to hold one.
	 * @param liveness the liveness lock, or {@code null}
	 * @return whether the node may claim jobs now
	 */
	static BooleanSupplier alive(NodeLiveness liveness) {
		return (liveness != null) ? liveness::isHeld : NodeWiring::always;
	}

	/**
	 * How many jobs this node runs now: none without workers.
	 * @param workers the workers, or {@code null}
	 * @return the busy worker threads
	 */
	static IntSupplier busyThreads(JobWorkers workers) {
		return (workers != null) ? workers::busyThreads : () -> 0;
	}

	private static boolean always() {
		return true;
	}

}
