package io.queuejob.spring;

import java.util.List;

/**
 * Computes the link from a job to the record it works on, when a URL template is not
 * enough. Implementations are beans, named by
 * {@link RelatedAction#resolver() @RelatedAction(resolver = …)}.
 */
@FunctionalInterface
public interface RelatedLinkResolver {

	/**
	 * The link of a job.
	 * @param jobFunction the job function name, for example {@code orderService.confirm}
	 * @param arguments the job's arguments, read back with the method's parameter types
	 * (unmodifiable; may hold {@code null})
	 * @return the link, or {@code null} for none
	 */
	RelatedLink resolve(String jobFunction, List<Object> arguments);

}
