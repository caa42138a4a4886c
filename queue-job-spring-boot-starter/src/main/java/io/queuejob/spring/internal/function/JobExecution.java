package io.queuejob.spring.internal.function;

import java.lang.reflect.Method;

import org.springframework.aop.support.AopUtils;

/**
 * Makes the call of a job that runs now (in a worker, in no-delay mode or from a
 * {@code JobTrap}), marked so that the job method's proxy runs it instead of enqueueing
 * it again. Internal.
 */
public final class JobExecution {

	private static final ThreadLocal<Method> pending = new ThreadLocal<>();

	private JobExecution() {
	}

	/**
	 * Call a job method on its bean with the marker set. The method is called the way
	 * Spring's AOP calls a target, made accessible first: a public method of a
	 * package-private class is a job method like any other.
	 * @param method the job method
	 * @param bean the bean, or its proxy
	 * @param args the arguments
	 * @return the method's result
	 * @throws Throwable what the method throws, as it threw it
	 */
	public static Object invoke(Method method, Object bean, Object[] args) throws Throwable {
		pending.set(method);
		try {
			return AopUtils.invokeJoinpointUsingReflection(bean, method, args);
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

}
