package io.queuejob.spring.internal.function;

import io.queuejob.spring.RelatedLinkResolver;

/**
 * How a job function links to the record it works on: URL and label templates, or a
 * resolver bean.
 *
 * @param url the URL template, or {@code null} with a resolver
 * @param label the label template, or {@code null} for the default label
 * @param resolver the type of the resolver bean, or {@code null} with a URL template
 */
record RelatedActionDefinition(RelatedLinkTemplate url, RelatedLinkTemplate label,
		Class<? extends RelatedLinkResolver> resolver) {

}
