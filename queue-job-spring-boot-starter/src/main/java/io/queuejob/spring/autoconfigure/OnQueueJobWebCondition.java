package io.queuejob.spring.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Matches when the operations API and dashboard are on: {@code queue-job.web.enabled}
 * when set, else whether Spring Security is on the classpath (to protect them).
 */
final class OnQueueJobWebCondition extends SpringBootCondition {

	static final String SECURITY_FILTER_CHAIN = "org.springframework.security.web.SecurityFilterChain";

	static final String HTTP_SECURITY = "org.springframework.security.config.annotation.web.builders.HttpSecurity";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		// read from the environment: conditions are evaluated before QueueJobProperties
		// is bound
		Boolean enabled = context.getEnvironment().getProperty("queue-job.web.enabled", Boolean.class);
		if (enabled != null) {
			return new ConditionOutcome(enabled, "queue-job.web.enabled is " + enabled);
		}
		boolean security = ClassUtils.isPresent(SECURITY_FILTER_CHAIN, context.getClassLoader())
				&& ClassUtils.isPresent(HTTP_SECURITY, context.getClassLoader());
		return new ConditionOutcome(security, security ? "Spring Security is on the classpath"
				: "Spring Security is not on the classpath and queue-job.web.enabled is not set");
	}

}
