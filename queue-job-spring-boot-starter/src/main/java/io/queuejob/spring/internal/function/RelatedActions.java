package io.queuejob.spring.internal.function;

import java.util.Arrays;
import java.util.Collections;
import java.util.Optional;

import io.queuejob.spring.RelatedAction;
import io.queuejob.spring.RelatedLink;
import io.queuejob.spring.RelatedLinks;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;

/**
 * Answers the link from a job to the record it works on, as its function declares with
 * {@link RelatedAction @RelatedAction} or {@code queue-job.functions.[name].related-url}.
 * Used by the operations API and the dashboard.
 */
public final class RelatedActions implements RelatedLinks {

	private static final Log logger = LogFactory.getLog(RelatedActions.class);

	private final JobFunctionRegistry functions;

	private final JobArgumentCodec codec;

	private final JsonMapper mapper;

	private final BeanFactory beanFactory;

	/**
	 * Create the related actions.
	 * @param functions the job functions
	 * @param codec reads arguments back for resolver beans
	 * @param mapper reads arguments as JSON for URL templates
	 * @param beanFactory where resolver beans are found
	 */
	public RelatedActions(JobFunctionRegistry functions, JobArgumentCodec codec, JsonMapper mapper,
			BeanFactory beanFactory) {
		this.functions = functions;
		this.codec = codec;
		this.mapper = mapper;
		this.beanFactory = beanFactory;
	}

	@Override
	public Optional<RelatedLink> linkFor(String jobFunction, String argsJson) {
		JobFunction function = this.functions.find(jobFunction);
		RelatedActionDefinition definition = (function != null) ? this.functions.relatedAction(function.name()) : null;
		if (definition == null) {
			return Optional.empty();
		}
		try {
			return Optional.ofNullable((definition.resolver() != null) ? resolve(function, definition, argsJson)
					: expand(definition, argsJson));
		}
		catch (RuntimeException ex) {
			logger.warn("No related link for a job of " + jobFunction + ": " + ex.getMessage());
			logger.debug("Related link failure", ex);
			return Optional.empty();
		}
	}

	private RelatedLink resolve(JobFunction function, RelatedActionDefinition definition, String argsJson) {
		Object[] arguments = this.codec.read(function.method(), argsJson);
		return this.beanFactory.getBean(definition.resolver())
			.resolve(function.name(), Collections.unmodifiableList(Arrays.asList(arguments)));
	}

	private RelatedLink expand(RelatedActionDefinition definition, String argsJson) {
		JsonNode arguments = this.mapper.readTree(argsJson);
		String url = definition.url().expand(arguments, true);
		if (url == null) {
			return null;
		}
		String label = (definition.label() != null) ? definition.label().expand(arguments, false) : null;
		return new RelatedLink(url, (label != null && !label.isBlank()) ? label : DEFAULT_LABEL);
	}

}
