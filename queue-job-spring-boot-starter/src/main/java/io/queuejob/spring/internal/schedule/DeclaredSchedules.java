package io.queuejob.spring.internal.schedule;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.queuejob.spring.InvalidQueueJobPropertyException;
import io.queuejob.spring.QueueJobSchedule;
import io.queuejob.spring.internal.function.JobFunction;
import io.queuejob.spring.internal.function.JobFunctionRegistry;
import io.queuejob.spring.internal.runner.JobRunner;
import io.queuejob.spring.internal.store.JdbcScheduleStore;
import io.queuejob.spring.internal.store.StoredSchedule;
import io.queuejob.spring.schedule.ScheduleDefinition;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.StringUtils;

/**
 * The schedules declared by {@link QueueJobSchedule} annotations and in
 * {@code queue-job.schedules}, the properties overriding the annotation of the same name:
 * checked once every bean exists, an invalid one stopping start-up naming it before
 * anything is written, then written to the schedule table when the application context
 * starts (with the listener, runner and workers: {@code queue-job.auto-startup}). A
 * declared schedule's timing, function, arguments and policies follow its declaration;
 * whether it is paused, and its occurrences, stay as the table has them (its next
 * occurrence starts again when its timing changed). A schedule whose declaration was
 * removed is disabled, not deleted: it stays listed, with its last job, until the API
 * deletes it. Internal.
 */
public final class DeclaredSchedules implements SmartInitializingSingleton, SmartLifecycle {

	/** The source of the schedules declared by annotations. */
	static final String ANNOTATION = "annotation";

	/** The source of the schedules declared in properties. */
	static final String PROPERTIES = "properties";

	private static final Log logger = LogFactory.getLog(DeclaredSchedules.class);

	private final JobFunctionRegistry functions;

	private final Map<String, ScheduleProperties> properties;

	private final ScheduleValidator validator;

	private final JdbcScheduleStore store;

	private final TransactionOperations transaction;

	private final boolean autoStartup;

	private volatile boolean running;

	/**
	 * Create the declarations.
	 * @param functions the job functions, whose methods carry the annotations
	 * @param properties the {@code queue-job.schedules} entries, by name
	 * @param validator checks each schedule
	 * @param store the schedule table
	 * @param transaction writes each schedule in a transaction
	 * @param autoStartup whether the schedules are written when the context starts
	 */
	public DeclaredSchedules(JobFunctionRegistry functions, Map<String, ScheduleProperties> properties,
			ScheduleValidator validator, JdbcScheduleStore store, TransactionOperations transaction,
			boolean autoStartup) {
		this.functions = functions;
		this.properties = Map.copyOf(properties);
		this.validator = validator;
		this.store = store;
		this.transaction = transaction;
		this.autoStartup = autoStartup;
	}

	/**
	 * Check every declaration, without writing anything.
	 * @throws InvalidQueueJobPropertyException naming the first invalid schedule
	 */
	@Override
	public void afterSingletonsInstantiated() {
		validDeclarations();
	}

	@Override
	public void start() {
		synchronize();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	@Override
	public int getPhase() {
		// before the runner's node materialises the schedules
		return JobRunner.PHASE - 1;
	}

	/**
	 * Check the declared schedules and write them to the schedule table.
	 * @return the declared schedules, by name, with their source
	 * @throws InvalidQueueJobPropertyException naming the first invalid schedule
	 */
	public Map<String, String> synchronize() {
		Map<String, Declared> valid = validDeclarations();
		Map<String, String> sources = new LinkedHashMap<>();
		valid.forEach((name, declaration) -> {
			this.transaction.executeWithoutResult((status) -> write(declaration.definition(), declaration.source()));
			sources.put(name, declaration.source());
		});
		List<String> names = List.copyOf(valid.keySet());
		this.transaction.executeWithoutResult((status) -> {
			List<String> disabled = new ArrayList<>(this.store.disableUndeclared(ANNOTATION, names));
			disabled.addAll(this.store.disableUndeclared(PROPERTIES, names));
			if (!disabled.isEmpty()) {
				logger.info("queue-job schedules no longer declared, now disabled: " + disabled);
			}
		});
		return sources;
	}

	private Map<String, Declared> validDeclarations() {
		Map<String, Declared> valid = new LinkedHashMap<>();
		declarations().forEach((name, declaration) -> valid.put(name,
				new Declared(check(declaration), declaration.source(), declaration.where())));
		return valid;
	}

	private Map<String, Declared> declarations() {
		Map<String, Declared> declared = new LinkedHashMap<>();
		for (String functionName : this.functions.names()) {
			JobFunction function = this.functions.find(functionName);
			Method method = function.method();
			Set<QueueJobSchedule> annotations = AnnotatedElementUtils.findMergedRepeatableAnnotations(method,
					QueueJobSchedule.class);
			for (QueueJobSchedule annotation : annotations) {
				String where = "@QueueJobSchedule on " + method.getDeclaringClass().getName() + "." + method.getName();
				if (annotations.size() > 1 && !StringUtils.hasText(annotation.name())) {
					throw invalid(where,
							"A method with several schedules must name each: " + where + " has one without a name",
							null);
				}
				String name = StringUtils.hasText(annotation.name()) ? annotation.name() : functionName;
				Declared previous = declared.put(name,
						new Declared(definition(name, functionName, annotation, where), ANNOTATION, where));
				if (previous != null) {
					throw invalid(where,
							"Schedule '" + name + "' is declared twice: " + previous.where() + " and " + where, null);
				}
			}
		}
		this.properties.forEach((name, entry) -> {
			String property = "queue-job.schedules.[" + name + "]";
			Declared annotated = declared.get(name);
			if (annotated == null && entry.function() == null) {
				throw invalid(property,
						property + ".function is not set, and no @QueueJobSchedule is named '" + name + "'", null);
			}
			ScheduleDefinition base = (annotated != null) ? annotated.definition()
					: new ScheduleDefinition(name, entry.function(), null, null, null, null, null, true, null, null);
			declared.put(name, new Declared(overridden(base, entry), PROPERTIES, property));
		});
		return declared;
	}

	private static ScheduleDefinition definition(String name, String function, QueueJobSchedule annotation,
			String where) {
		return new ScheduleDefinition(name, function, StringUtils.hasText(annotation.cron()) ? annotation.cron() : null,
				duration(where, "fixedRate", annotation.fixedRate()),
				duration(where, "fixedDelay", annotation.fixedDelay()),
				StringUtils.hasText(annotation.zone()) ? annotation.zone() : null, annotation.arguments(), true,
				annotation.missed(), annotation.overlap());
	}

	private static Duration duration(String where, String attribute, String value) {
		if (!StringUtils.hasText(value)) {
			return null;
		}
		try {
			return Duration.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw invalid(where,
					where + ": " + attribute + " '" + value + "' is not an ISO-8601 duration such as PT5M or PT30S",
					ex);
		}
	}

	private static ScheduleDefinition overridden(ScheduleDefinition base, ScheduleProperties entry) {
		boolean timing = entry.setsTiming();
		return new ScheduleDefinition(base.name(), (entry.function() != null) ? entry.function() : base.function(),
				timing ? entry.cron() : base.cron(), timing ? entry.fixedRate() : base.fixedRate(),
				timing ? entry.fixedDelay() : base.fixedDelay(), (entry.zone() != null) ? entry.zone() : base.zone(),
				(entry.arguments() != null) ? entry.arguments() : base.arguments(),
				(entry.enabled() != null) ? entry.enabled() : base.enabled(),
				(entry.missed() != null) ? entry.missed() : base.missed(),
				(entry.overlap() != null) ? entry.overlap() : base.overlap());
	}

	private ScheduleDefinition check(Declared declaration) {
		try {
			return this.validator.validate(declaration.definition());
		}
		catch (IllegalArgumentException ex) {
			throw invalid(declaration.where(),
					"Invalid schedule declared by " + declaration.where() + ": " + ex.getMessage(), ex);
		}
	}

	private void write(ScheduleDefinition definition, String source) {
		ScheduleTiming timing = ScheduleTiming.of(definition);
		Instant now = this.store.now();
		StoredSchedule existing = this.store.find(definition.name(), true);
		if (existing == null && this.store.insert(definition, source, timing.first(now))) {
			return;
		}
		// inserted meanwhile by another node starting at the same time
		existing = (existing != null) ? existing : this.store.find(definition.name(), true);
		boolean timingChanged = !existing.definition().sameTiming(definition);
		this.store.update(definition, source, timingChanged ? timing.first(now) : null, timingChanged);
	}

	private static InvalidQueueJobPropertyException invalid(String where, String message, Throwable cause) {
		return new InvalidQueueJobPropertyException(where, message,
				"Give each schedule exactly one of a cron expression (six fields, seconds first, such as"
						+ " \"0 0 2 * * *\"), a fixed rate or a fixed delay (ISO-8601 such as PT5M in the annotation,"
						+ " 5m in properties); a zone id such as Europe/Brussels; the name of a job function"
						+ " (a @QueueJob method: beanName.methodName); and its method's arguments as a JSON array"
						+ " (\"[]\" for a method without parameters).",
				cause);
	}

	/**
	 * A declared schedule, where it is declared.
	 */
	private record Declared(ScheduleDefinition definition, String source, String where) {

	}

}
