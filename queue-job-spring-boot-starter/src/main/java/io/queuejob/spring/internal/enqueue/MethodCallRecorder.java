package io.queuejob.spring.internal.enqueue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.aopalliance.intercept.MethodInterceptor;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.util.ClassUtils;

/**
 * Records one method call made on a stand-in for a bean, without calling the bean.
 */
final class MethodCallRecorder {

	private static final ThreadLocal<Call> recorded = new ThreadLocal<>();

	private final Map<Class<?>, Object> standIns = new ConcurrentHashMap<>();

	/**
	 * Record the call a consumer makes on a bean.
	 * @param bean the bean
	 * @param call the call
	 * @return the method and arguments
	 */
	@SuppressWarnings("unchecked")
	<T> Call record(T bean, Consumer<? super T> call) {
		Class<?> userClass = ClassUtils.getUserClass(AopUtils.getTargetClass(bean));
		T standIn = (T) this.standIns.computeIfAbsent(userClass, MethodCallRecorder::createStandIn);
		recorded.remove();
		try {
			call.accept(standIn);
			Call result = recorded.get();
			if (result == null) {
				throw new IllegalArgumentException(
						"The call passed to delayable(…) made no method call on the " + userClass.getSimpleName());
			}
			return result;
		}
		finally {
			recorded.remove();
		}
	}

	private static Object createStandIn(Class<?> userClass) {
		if (Modifier.isFinal(userClass.getModifiers())) {
			throw new IllegalArgumentException("Cannot delay calls on " + userClass.getName()
					+ ": the class is final, so no stand-in can record the call");
		}
		ProxyFactory factory = new ProxyFactory();
		factory.setTargetClass(userClass);
		factory.setProxyTargetClass(true);
		factory.addAdvice((MethodInterceptor) (invocation) -> {
			if (recorded.get() != null) {
				throw new IllegalArgumentException("The call passed to delayable(…) must make exactly one method call");
			}
			recorded.set(new Call(invocation.getMethod(), invocation.getArguments()));
			return defaultValue(invocation.getMethod().getReturnType());
		});
		return factory.getProxy(userClass.getClassLoader());
	}

	private static Object defaultValue(Class<?> type) {
		if (!type.isPrimitive() || type == void.class) {
			return null;
		}
		if (type == boolean.class) {
			return false;
		}
		if (type == char.class) {
			return '\0';
		}
		return (type == long.class) ? 0L : (type == float.class) ? 0f : (type == double.class) ? 0d : castZero(type);
	}

	private static Object castZero(Class<?> type) {
		return (type == byte.class) ? (byte) 0 : (type == short.class) ? (short) 0 : 0;
	}

	/**
	 * A recorded call.
	 *
	 * @param method the called method
	 * @param args its arguments
	 */
	record Call(Method method, Object[] args) {
	}

}
