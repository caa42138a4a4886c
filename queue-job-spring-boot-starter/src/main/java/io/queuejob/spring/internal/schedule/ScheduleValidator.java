package io.queuejob.spring.internal.schedule;

import java.time.Instant;

import io.queuejob.core.StorageLimits;
import io.queuejob.spring.internal.function.JobArgumentCodec;
import io.queuejob.spring.internal.function.JobFunction;
import io.queuejob.spring.internal.function.JobFunctionRegistry;
import io.queuejob.spring.schedule.ScheduleDefinition;

import org.springframework.util.StringUtils;

/**
 * Checks a schedule before anything of it is stored: its name, its timing, its job
 * function and that its arguments fit the function's method. Internal.
 */
public final class ScheduleValidator {

	private final JobFunctionRegistry functions;

	private final JobArgumentCodec codec;

	/**
	 * Create a validator.
	 * @param functions the job functions
	 * @param codec the argument codec
	 */
	public ScheduleValidator(JobFunctionRegistry functions, JobArgumentCodec codec) {
		this.functions = functions;
		this.codec = codec;
	}

	/**
	 * Check a schedule.
	 * @param definition the schedule
	 * @return the schedule with its arguments written as the jobs store them
	 * @throws IllegalArgumentException naming the schedule when it is invalid
	 */
	public ScheduleDefinition validate(ScheduleDefinition definition) {
		String name = definition.name();
		if (!StringUtils.hasText(name) || name.length() > StorageLimits.MAX_NAME_LENGTH) {
			throw new IllegalArgumentException("A schedule's name must be 1 to " + StorageLimits.MAX_NAME_LENGTH
					+ " characters long, got '" + name + "'");
		}
		ScheduleTiming timing = ScheduleTiming.of(definition);
		if (timing.first(Instant.EPOCH) == null) {
			throw new IllegalArgumentException(
					"Schedule '" + name + "': the cron expression '" + definition.cron() + "' never occurs");
		}
		JobFunction function = this.functions.find(definition.function());
		if (function == null) {
			throw new IllegalArgumentException("Schedule '" + name + "': no job function '" + definition.function()
					+ "' in this application; known: " + this.functions.names());
		}
		String arguments;
		try {
			Object[] values = this.codec.read(function.method(), definition.arguments());
			arguments = this.codec.write(function.method(), values);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Schedule '" + name + "': arguments " + definition.arguments()
					+ " do not fit job function " + function.name() + ": " + ex.getMessage(), ex);
		}
		return definition.withArguments(arguments);
	}

}
