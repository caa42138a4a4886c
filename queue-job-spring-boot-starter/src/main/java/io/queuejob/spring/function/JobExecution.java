package io.queuejob.spring.function;

import java.lang.reflect.Method;

/**
 * Marks the call a worker is about to make, so that the job method's proxy runs it
 * instead of enqueueing it again. Internal.
 */
public final class JobExecution {

	private static final ThreadLocal<Method> pending = new ThreadLocal<>();

	private JobExecution() {
	}

	/**
	 * Run an invocation of a job method with the marker set.
	 * @param <T> the result type
	 * @param method the job method
	 * @param invocation the call through the bean
	 * @return the method's result
	 * @throws Exception what the method throws
	 */
	public static <T> T run(Method method, Invocation<T> invocation) throws Exception {
		pending.set(method);
		try {
			return invocation.invoke();
		}
		finally {
			pending.remove();
		}
	}

	/**
	 * Whether the current thread is about to execute this method as a job; the marker is
	 * consumed, so calls the job itself makes to the method are enqueued again.
	 * @param method the intercepted method
	 * @return {@code true} if the call must run
	 */
	static boolean consume(Method method) {
		Method marked = pending.get();
		if (marked != null && marked.equals(method)) {
			pending.remove();
			return true;
		}
		return false;
	}

	/**
	 * A call that may throw.
	 *
	 * @param <T> the result type
	 */
	@FunctionalInterface
	public interface Invocation<T> {

		/**
		 * Make the call.
		 * @return the result
		 * @throws Exception what the call throws
		 */
		T invoke() throws Exception;

	}

}
