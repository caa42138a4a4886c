package io.queuejob.spring.internal.function;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

import io.queuejob.core.IdentityKey;
import io.queuejob.core.JobOptions;
import io.queuejob.core.RetryPattern;
import io.queuejob.core.StorageLimits;
import io.queuejob.spring.InvalidQueueJobPropertyException;
import io.queuejob.spring.QueueJob;
import io.queuejob.spring.RelatedAction;
import io.queuejob.spring.RelatedLinkResolver;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * The job functions of the application, the only methods that jobs run: {@link QueueJob}
 * methods, found as beans are created, and the methods that
 * {@code queue-job.functions.[beanName.methodName].delayable=true} declares for the
 * programmatic API. A stored job that names anything else finds no function here, and
 * nothing of it is looked up beyond the type of the bean it names. Internal.
 */
public final class JobFunctionRegistry implements BeanFactoryAware, SmartInitializingSingleton {

	private final Map<String, FunctionSettings> overrides;

	private final JobOptions nodeDefaults;

	private final Map<String, JobFunction> byName = new ConcurrentHashMap<>();

	private final Map<Method, JobFunction> byMethod = new ConcurrentHashMap<>();

	private final Map<String, RelatedActionDefinition> relatedActions = new ConcurrentHashMap<>();

	private ListableBeanFactory beanFactory;

	/**
	 * Create a registry.
	 * @param overrides the {@code queue-job.functions} properties, by function name
	 */
	public JobFunctionRegistry(Map<String, FunctionSettings> overrides) {
		this(overrides, null);
	}

	/**
	 * Create a registry.
	 * @param overrides the {@code queue-job.functions} properties, by function name
	 * @param defaultTimeout the timeout of the jobs whose function sets none, or
	 * {@code null} for none
	 */
	public JobFunctionRegistry(Map<String, FunctionSettings> overrides, Duration defaultTimeout) {
		this.overrides = Map.copyOf(overrides);
		this.nodeDefaults = JobOptions.NONE.withTimeout(defaultTimeout);
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		this.beanFactory = (ListableBeanFactory) beanFactory;
	}

	/**
	 * Register the {@link QueueJob} methods of a bean.
	 * @param beanName the bean name
	 * @param beanClass the bean's class (its user class is scanned)
	 * @return whether the bean has job methods
	 * @throws IllegalStateException if a job method returns a primitive or a future, or a
	 * name is taken
	 */
	public boolean register(String beanName, Class<?> beanClass) {
		Class<?> userClass = ClassUtils.getUserClass(beanClass);
		Map<Method, QueueJob> methods = MethodIntrospector.selectMethods(userClass,
				(MethodIntrospector.MetadataLookup<QueueJob>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, QueueJob.class));
		methods.forEach((method, annotation) -> add(create(beanName, method, annotation)));
		return !methods.isEmpty();
	}

	/**
	 * The function of an intercepted {@link QueueJob} method.
	 * @param method the method, as declared on the bean's class
	 * @return the function, or {@code null} if the method is not a registered job method
	 */
	public JobFunction forMethod(Method method) {
		return this.byMethod.get(method);
	}

	/**
	 * The function of a method called on a bean through the programmatic API.
	 * @param bean the bean
	 * @param method the called method
	 * @return the function
	 * @throws IllegalArgumentException if the bean is not the bean of this application
	 * that the job would run on, or the method is not a declared job function
	 */
	public JobFunction forCall(Object bean, Method method) {
		Method specific = AopUtils.getMostSpecificMethod(method, AopUtils.getTargetClass(bean));
		JobFunction function = this.byMethod.get(specific);
		if (function != null) {
			requireBean(bean, function.beanName());
			return function;
		}
		String beanName = beanNameOf(bean);
		String name = beanName + "." + specific.getName();
		QueueJob annotation = AnnotatedElementUtils.findMergedAnnotation(specific, QueueJob.class);
		if (annotation == null && !isDeclared(name)) {
			throw new IllegalArgumentException("Cannot delay " + JobArgumentCodec.describe(specific)
					+ ": it is not a job function. Annotate it with @QueueJob, or declare it with the property "
					+ "queue-job.functions.[" + name + "].delayable=true");
		}
		return add(create(beanName, specific, annotation));
	}

	/**
	 * The function stored on a job.
	 * @param name the job function name
	 * @return the function, or {@code null} if the application has no job function by
	 * that name
	 */
	public JobFunction find(String name) {
		JobFunction function = this.byName.get(name);
		if (function == null) {
			function = resolve(name);
		}
		return function;
	}

	/**
	 * How a function links to the record it works on.
	 * @param name the job function name
	 * @return the definition, or {@code null} if the function declares no related action
	 */
	RelatedActionDefinition relatedAction(String name) {
		return this.relatedActions.get(name);
	}

	/**
	 * The names of the job functions known so far: the {@link QueueJob} methods of the
	 * beans created, and the methods declared in {@code queue-job.functions}.
	 * @return the names, sorted
	 */
	public List<String> names() {
		return this.byName.keySet().stream().sorted().toList();
	}

	/**
	 * Check that every {@code queue-job.functions} entry names a job function, and that
	 * every related action resolver is a bean.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		List<String> unknown = this.overrides.keySet().stream().filter((name) -> find(name) == null).sorted().toList();
		if (!unknown.isEmpty()) {
			throw new InvalidQueueJobPropertyException("queue-job.functions",
					"queue-job.functions names no job function: " + unknown + " (an entry names a @QueueJob method,"
							+ " or declares a public method without @QueueJob with delayable: true); known: " + names(),
					"Name a @QueueJob method as its jobs do: the bean name and the method name, or the name given"
							+ " in @QueueJob(name = …), in brackets: queue-job.functions.[orderService.confirm].priority."
							+ " Or declare a public method without @QueueJob, whose name is unique on its bean,"
							+ " with delayable: true under its name beanName.methodName.",
					null);
		}
		this.relatedActions.forEach((name, definition) -> {
			Class<?> resolver = definition.resolver();
			int beans = (resolver != null) ? this.beanFactory.getBeanNamesForType(resolver).length : 1;
			if (beans != 1) {
				throw new IllegalStateException("Job function " + name + ": @RelatedAction(resolver = "
						+ resolver.getName() + ".class) needs exactly one bean of that type, found " + beans);
			}
		});
	}

	private boolean isDeclared(String name) {
		FunctionSettings entry = this.overrides.get(name);
		return entry != null && entry.delayable();
	}

	/**
	 * The function of a name not met yet: a declared method, or a {@link QueueJob} method
	 * of a bean not created yet. Only the bean's type is looked up, without creating the
	 * bean (or, for an undeclared name, a factory bean that would tell the type).
	 */
	private JobFunction resolve(String name) {
		int dot = name.lastIndexOf('.');
		if (dot < 1 || this.beanFactory == null) {
			return null;
		}
		String beanName = name.substring(0, dot);
		if (!this.beanFactory.containsBean(beanName)) {
			return null;
		}
		boolean declared = isDeclared(name);
		Class<?> type = this.beanFactory.getType(beanName, declared);
		if (type == null) {
			return null;
		}
		List<Method> candidates = Arrays.stream(ClassUtils.getUserClass(type).getMethods())
			.filter((method) -> method.getName().equals(name.substring(dot + 1)))
			.filter((method) -> method.getDeclaringClass() != Object.class)
			.toList();
		if (candidates.size() != 1) {
			return null;
		}
		Method method = candidates.get(0);
		QueueJob annotation = AnnotatedElementUtils.findMergedAnnotation(method, QueueJob.class);
		if (annotation == null && !declared) {
			return null;
		}
		JobFunction function = create(beanName, method, annotation);
		return function.name().equals(name) ? add(function) : null;
	}

	private JobFunction add(JobFunction function) {
		RelatedActionDefinition relatedAction = relatedActionOf(function);
		JobFunction existing = this.byName.putIfAbsent(function.name(), function);
		if (existing != null && !existing.method().equals(function.method())) {
			throw new IllegalStateException("Job function name '" + function.name() + "' is used by both "
					+ JobArgumentCodec.describe(existing.method()) + " and "
					+ JobArgumentCodec.describe(function.method()) + "; give one of them @QueueJob(name = \"…\")");
		}
		this.byMethod.putIfAbsent(function.method(), function);
		if (existing == null && relatedAction != null) {
			this.relatedActions.put(function.name(), relatedAction);
		}
		return (existing != null) ? existing : function;
	}

	private RelatedActionDefinition relatedActionOf(JobFunction function) {
		Method method = function.method();
		RelatedAction annotation = AnnotatedElementUtils.findMergedAnnotation(method, RelatedAction.class);
		FunctionSettings override = this.overrides.get(function.name());
		String url = (annotation != null) ? annotation.url() : "";
		String label = (annotation != null) ? annotation.label() : "";
		Class<? extends RelatedLinkResolver> resolver = (annotation != null
				&& annotation.resolver() != RelatedLinkResolver.class) ? annotation.resolver() : null;
		if (annotation != null && StringUtils.hasText(url) == (resolver != null)) {
			throw new IllegalStateException("Job function " + function.name() + " (" + JobArgumentCodec.describe(method)
					+ "): @RelatedAction needs either a url or a resolver");
		}
		if (override != null && StringUtils.hasText(override.relatedUrl())) {
			url = override.relatedUrl();
			resolver = null;
		}
		if (override != null && StringUtils.hasText(override.relatedLabel())) {
			label = override.relatedLabel();
		}
		if (resolver != null) {
			return new RelatedActionDefinition(null, null, resolver);
		}
		if (!StringUtils.hasText(url)) {
			if (StringUtils.hasText(label)) {
				throw new IllegalStateException("Job function " + function.name() + ": queue-job.functions.["
						+ function.name() + "].related-label needs a related-url");
			}
			return null;
		}
		int parameters = method.getParameterCount();
		return new RelatedActionDefinition(template(function, "URL", url, parameters),
				StringUtils.hasText(label) ? template(function, "label", label, parameters) : null, null);
	}

	private static RelatedLinkTemplate template(JobFunction function, String what, String template, int parameters) {
		try {
			return RelatedLinkTemplate.parse(template, parameters);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(
					"Job function " + function.name() + " (" + JobArgumentCodec.describe(function.method())
							+ "): invalid related action " + what + " template '" + template + "': " + ex.getMessage(),
					ex);
		}
	}

	private JobFunction create(String beanName, Method method, QueueJob annotation) {
		checkReturnType(method);
		if (!Modifier.isPublic(method.getModifiers()) || Modifier.isStatic(method.getModifiers())) {
			throw new IllegalStateException(
					"Job method " + JobArgumentCodec.describe(method) + " must be a public instance method");
		}
		String name = (annotation != null && StringUtils.hasText(annotation.name())) ? annotation.name()
				: beanName + "." + method.getName();
		if (name.length() > StorageLimits.MAX_NAME_LENGTH) {
			throw new IllegalStateException("Job function name of " + JobArgumentCodec.describe(method) + " is "
					+ name.length() + " characters long, more than its column holds (" + StorageLimits.MAX_NAME_LENGTH
					+ "); give it a shorter @QueueJob(name = \"…\")");
		}
		JobOptions defaults;
		String pattern = (annotation != null) ? annotation.retryPattern() : null;
		FunctionSettings override = this.overrides.get(name);
		boolean patternProperty = override != null && override.retryPattern() != null;
		try {
			defaults = (annotation != null) ? optionsOf(annotation) : JobOptions.NONE;
			if (override != null) {
				defaults = overridden(override).orElse(defaults);
				pattern = patternProperty ? override.retryPattern() : pattern;
			}
			defaults = defaults.orElse(this.nodeDefaults);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Job function " + name + ": " + ex.getMessage(), ex);
		}
		boolean transactional = annotation == null || annotation.transactional();
		boolean retryOnTimeout = (override != null && override.retryOnTimeout() != null) ? override.retryOnTimeout()
				: annotation == null || annotation.retryOnTimeout();
		return new JobFunction(name, beanName, method, defaults, parsePattern(name, pattern, patternProperty),
				transactional, retryOnTimeout, partitionKey(name, method, annotation, override));
	}

	private static PartitionKeyExpression partitionKey(String function, Method method, QueueJob annotation,
			FunctionSettings override) {
		if (override != null && StringUtils.hasText(override.partitionKey())) {
			try {
				return PartitionKeyExpression.parse(function, method, override.partitionKey());
			}
			catch (IllegalArgumentException ex) {
				String property = "queue-job.functions.[" + function + "].partition-key";
				throw new InvalidQueueJobPropertyException(property, "Invalid " + property + ": " + ex.getMessage(),
						"Write a SpEL expression over the job method's arguments, such as #p0.tenantId or"
								+ " #order.customerId.",
						ex);
			}
		}
		if (annotation == null || !StringUtils.hasText(annotation.partitionKey())) {
			return null;
		}
		try {
			return PartitionKeyExpression.parse(function, method, annotation.partitionKey());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Job function " + function + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Refuse the return types a call that enqueues the job cannot return: a primitive,
	 * for which the {@code null} it returns would fail, and a future, which the job would
	 * not wait for and the call could not complete.
	 */
	private static void checkReturnType(Method method) {
		Class<?> type = method.getReturnType();
		if (type.isPrimitive() && type != void.class) {
			throw new IllegalStateException("Job method " + JobArgumentCodec.describe(method) + " returns "
					+ type.getName() + ", which a call that enqueues the job cannot return (it returns null): return "
					+ ClassUtils.resolvePrimitiveIfNecessary(type).getSimpleName() + " or void");
		}
		if (Future.class.isAssignableFrom(type) || CompletionStage.class.isAssignableFrom(type)) {
			throw new IllegalStateException("Job method " + JobArgumentCodec.describe(method) + " returns a "
					+ type.getName() + ": a job is done when its method returns, so it would not wait for the "
					+ "future, and a call that enqueues the job has no future to return. Return the value itself");
		}
	}

	private static RetryPattern parsePattern(String function, String pattern, boolean fromProperty) {
		try {
			return RetryPattern.parse(pattern);
		}
		catch (IllegalArgumentException ex) {
			if (!fromProperty) {
				throw new IllegalStateException("Job function " + function + ": " + ex.getMessage(), ex);
			}
			String property = "queue-job.functions.[" + function + "].retry-pattern";
			throw new InvalidQueueJobPropertyException(property, "Invalid " + property + ": " + ex.getMessage(),
					"Write the retry pattern as a list of try:seconds separated by commas, for example"
							+ " \"1:10, 5:60, 10:(60-120)\": from try 1 on wait 10 s, from try 5 on 60 s, from try 10"
							+ " on a random 60 to 120 s.",
					ex);
		}
	}

	private static JobOptions optionsOf(QueueJob annotation) {
		JobOptions options = JobOptions.NONE.withPriority(annotation.priority())
			.withMaxRetries(annotation.maxRetries());
		if (StringUtils.hasText(annotation.channel())) {
			options = options.withChannel(annotation.channel());
		}
		if (StringUtils.hasText(annotation.description())) {
			options = options.withDescription(annotation.description());
		}
		if (StringUtils.hasText(annotation.identityKey())) {
			options = options.withIdentityKey(QueueJob.EXACT.equals(annotation.identityKey()) ? IdentityKey.EXACT
					: IdentityKey.of(annotation.identityKey()));
		}
		if (StringUtils.hasText(annotation.timeout())) {
			options = options.withTimeout(DurationStyle.detectAndParse(annotation.timeout()));
		}
		return options;
	}

	private static JobOptions overridden(FunctionSettings override) {
		JobOptions options = JobOptions.NONE;
		if (override.priority() != null) {
			options = options.withPriority(override.priority());
		}
		if (override.maxRetries() != null) {
			options = options.withMaxRetries(override.maxRetries());
		}
		if (StringUtils.hasText(override.channel())) {
			options = options.withChannel(override.channel());
		}
		if (override.timeout() != null) {
			options = options.withTimeout(override.timeout());
		}
		return options;
	}

	private String beanNameOf(Object bean) {
		Class<?> userClass = ClassUtils.getUserClass(AopUtils.getTargetClass(bean));
		for (String name : this.beanFactory.getBeanNamesForType(userClass, false, false)) {
			if (isBean(bean, this.beanFactory.getBean(name))) {
				return name;
			}
		}
		throw new IllegalArgumentException("Cannot delay a call on " + userClass.getName()
				+ ": it is not a singleton bean of this application (pass the bean as injected)");
	}

	/**
	 * Refuse a call recorded on another object than the bean its job will run on: the job
	 * would run on the bean, not on the object given.
	 */
	private void requireBean(Object bean, String beanName) {
		if (!this.beanFactory.isSingleton(beanName) || !isBean(bean, this.beanFactory.getBean(beanName))) {
			throw new IllegalArgumentException("Cannot delay a call on this "
					+ ClassUtils.getUserClass(AopUtils.getTargetClass(bean)).getName() + ": it is not the bean '"
					+ beanName + "' that the job would run on (pass the bean as injected)");
		}
	}

	/**
	 * Whether an object is a bean: the bean as injected, or the object behind its proxies
	 * ({@code this} inside the bean).
	 */
	private static boolean isBean(Object candidate, Object bean) {
		for (Object layer = bean; layer != null; layer = AopProxyUtils.getSingletonTarget(layer)) {
			if (layer == candidate) {
				return true;
			}
		}
		return false;
	}

}
