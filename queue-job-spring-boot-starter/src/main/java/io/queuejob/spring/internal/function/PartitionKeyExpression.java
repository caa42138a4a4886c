package io.queuejob.spring.internal.function;

import java.lang.reflect.Method;

import io.queuejob.core.StorageLimits;

import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.expression.EvaluationException;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;

/**
 * A job function's partition key: a SpEL expression over the call's arguments, parsed
 * once, evaluated per call. The arguments are {@code #p0}, {@code #a0} or {@code #name}
 * (when the method was compiled with {@code -parameters}), as in Spring's cache
 * annotations. Internal.
 */
public final class PartitionKeyExpression {

	private static final SpelExpressionParser PARSER = new SpelExpressionParser();

	private static final ParameterNameDiscoverer PARAMETER_NAMES = new DefaultParameterNameDiscoverer();

	private final String function;

	private final Method method;

	private final String source;

	private final Expression expression;

	private PartitionKeyExpression(String function, Method method, String source, Expression expression) {
		this.function = function;
		this.method = method;
		this.source = source;
		this.expression = expression;
	}

	/**
	 * Parse an expression.
	 * @param function the job function's name
	 * @param method the job method
	 * @param source the expression
	 * @return the parsed expression
	 * @throws IllegalArgumentException if it does not parse
	 */
	static PartitionKeyExpression parse(String function, Method method, String source) {
		try {
			return new PartitionKeyExpression(function, method, source, PARSER.parseExpression(source));
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException(
					"invalid partition key expression '" + source + "': " + ex.getSimpleMessage(), ex);
		}
	}

	/**
	 * The partition key of one call.
	 * @param args the call's arguments
	 * @return the key, as the expression's value converted to a string
	 * @throws IllegalArgumentException naming the function and the expression when it
	 * fails, gives {@code null} or a key that cannot be stored
	 */
	public String evaluate(Object[] args) {
		Object value;
		try {
			value = this.expression
				.getValue(new MethodBasedEvaluationContext(null, this.method, args, PARAMETER_NAMES));
		}
		catch (EvaluationException ex) {
			throw invalid("failed: " + ex.getMessage(), ex);
		}
		if (value == null) {
			throw invalid("gave null; a job with a partition key expression needs a key for every call", null);
		}
		String key = value.toString();
		try {
			requireStorable(key);
		}
		catch (IllegalArgumentException ex) {
			throw invalid("gave an invalid key: " + ex.getMessage(), ex);
		}
		return key;
	}

	/**
	 * Check a partition key.
	 * @param key the key
	 * @throws IllegalArgumentException for a blank key, one longer than 255 characters or
	 * holding U+0000
	 */
	public static void requireStorable(String key) {
		if (key == null || key.isBlank()) {
			throw new IllegalArgumentException("Partition key must not be blank, got '" + key + "'");
		}
		StorageLimits.requireStorableText("partitionKey", key, StorageLimits.MAX_NAME_LENGTH);
	}

	private IllegalArgumentException invalid(String problem, Exception cause) {
		return new IllegalArgumentException(
				"Job function " + this.function + ": partition key expression '" + this.source + "' " + problem, cause);
	}

	@Override
	public String toString() {
		return this.source;
	}

}
