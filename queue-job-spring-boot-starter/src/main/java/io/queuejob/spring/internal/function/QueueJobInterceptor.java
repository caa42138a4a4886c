package io.queuejob.spring.internal.function;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.function.Supplier;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.support.AopUtils;

/**
 * Turns a call of a {@link io.queuejob.spring.QueueJob} method into a stored job, unless
 * a worker is executing that job on this thread. A call that stores a job returns
 * {@code null}, or an empty {@code Optional} for a method that returns one; in no-delay
 * mode the method runs and its value is returned. Internal.
 */
final class QueueJobInterceptor implements MethodInterceptor {

	private final Supplier<JobFunctionRegistry> registry;

	private final Supplier<JobEnqueuer> enqueuer;

	QueueJobInterceptor(Supplier<JobFunctionRegistry> registry, Supplier<JobEnqueuer> enqueuer) {
		this.registry = registry;
		this.enqueuer = enqueuer;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		Method method = (target != null)
				? AopUtils.getMostSpecificMethod(invocation.getMethod(), AopUtils.getTargetClass(target))
				: invocation.getMethod();
		JobFunction function = this.registry.get().forMethod(method);
		if (function == null || JobExecution.consume(method)) {
			return invocation.proceed();
		}
		JobEnqueuer jobs = this.enqueuer.get();
		if (jobs.runsImmediately()) {
			jobs.check(function, invocation.getArguments());
			return invocation.proceed();
		}
		jobs.enqueue(function, invocation.getArguments());
		// the job's value is stored when it has run: the caller gets none now
		return (method.getReturnType() == Optional.class) ? Optional.empty() : null;
	}

}
