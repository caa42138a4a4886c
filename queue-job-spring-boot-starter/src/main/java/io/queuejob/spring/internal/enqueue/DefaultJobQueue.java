package io.queuejob.spring.internal.enqueue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.queuejob.core.graph.GraphElement;
import io.queuejob.spring.Delayable;
import io.queuejob.spring.DelayableBatch;
import io.queuejob.spring.JobQueue;
import io.queuejob.spring.JobRef;
import io.queuejob.spring.internal.function.JobFunctionRegistry;

/**
 * The {@link JobQueue}: records a call on a bean and prepares it as a {@link Delayable}.
 * Internal; inject {@link JobQueue}.
 */
public final class DefaultJobQueue implements JobQueue {

	private final JobFunctionRegistry functions;

	private final StoringJobEnqueuer enqueuer;

	private final MethodCallRecorder recorder = new MethodCallRecorder();

	/**
	 * Create the job queue.
	 * @param functions the job functions
	 * @param enqueuer stores the prepared jobs
	 */
	public DefaultJobQueue(JobFunctionRegistry functions, StoringJobEnqueuer enqueuer) {
		this.functions = functions;
		this.enqueuer = enqueuer;
	}

	@Override
	public <T> Delayable delayable(T bean, Consumer<? super T> call) {
		MethodCallRecorder.Call recorded = this.recorder.record(bean, call);
		return new Delayable(this, this.enqueuer.clock(), this.functions.forCall(bean, recorded.method()).name(),
				recorded.args());
	}

	@Override
	public Map<Delayable, JobRef> delay(GraphElement top) {
		return this.enqueuer.delayGraph(Objects.requireNonNull(top, "top must not be null"));
	}

	@Override
	public int delay(DelayableBatch batch) {
		return this.enqueuer.delayAll(Objects.requireNonNull(batch, "batch must not be null"));
	}

	@Override
	public <T, I> DelayableBatch delayableAll(T bean, Iterable<? extends I> items,
			BiConsumer<? super T, ? super I> call) {
		Objects.requireNonNull(items, "items must not be null");
		Objects.requireNonNull(call, "call must not be null");
		Method method = null;
		List<Object[]> args = new ArrayList<>();
		for (I item : items) {
			MethodCallRecorder.Call recorded = this.recorder.record(bean, (b) -> call.accept(b, item));
			if (method == null) {
				method = recorded.method();
			}
			else if (!method.equals(recorded.method())) {
				throw new IllegalArgumentException("delayableAll(…) needs the same method for every item, got "
						+ method.getName() + " and " + recorded.method().getName());
			}
			args.add(recorded.args());
		}
		if (method == null) {
			return new DelayableBatch(this, this.enqueuer.clock(), null, List.of());
		}
		return new DelayableBatch(this, this.enqueuer.clock(), this.functions.forCall(bean, method).name(), args);
	}

}
