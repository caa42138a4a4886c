package io.queuejob.spring;

/**
 * Names who enqueues jobs: its answer, asked in the enqueuing thread, is stored as the
 * job's "created by". With Spring Security on the classpath, the auto-configuration
 * provides one that answers the name of the current non-anonymous authentication; declare
 * a bean of this type to name callers another way.
 */
@FunctionalInterface
public interface CreatedByProvider {

	/**
	 * The name of who enqueues jobs now, in the current thread.
	 * @return the name, or {@code null} if unknown
	 */
	String createdBy();

}
