/**
 * The implementation of queue-job. Nothing under this package is API: its types may
 * change in any release. Applications use the public packages: {@code io.queuejob.spring}
 * (annotations, {@code JobQueue}, references), {@code event}, {@code operations},
 * {@code store} (the JPA read model), {@code autoconfigure} (properties, qualifiers,
 * customizer) and {@code test}.
 */
package io.queuejob.spring.internal;
