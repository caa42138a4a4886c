package io.queuejob.spring.internal.store;

/**
 * The statement that releases waiting dependents, shared by the workers' move to done and
 * a user's set done so that both release by the same rule: a child waiting in
 * {@code wait_dependencies} moves to {@code pending} when each of its parents is done or
 * is one of the parents just moved to done. The parents are a relation with a column
 * {@code id} named by the caller, a CTE of the same statement; as a CTE's own rows are
 * not yet visible to the other parts of that statement, they count as done whatever state
 * the statement sees them in. A child among those parents is left to them.
 * <p>
 * Internal to the starter; not an API.
 */
public final class DependentsRelease {

	private DependentsRelease() {
	}

	/**
	 * The {@code UPDATE} that releases the dependents of the given parents, to use as a
	 * CTE or, after a {@code WITH} that defines the parents, as a statement of its own.
	 * Served by the primary key of {@code queue_job_dependency} (parent_id, child_id) and
	 * {@code queue_job_dependency_child_idx}.
	 * @param table the job table, schema-qualified if need be
	 * @param dependency the dependency table, schema-qualified if need be
	 * @param parents the name of the relation of the parents' ids (column {@code id})
	 * @return the SQL, without a trailing semicolon
	 */
	public static String update(String table, String dependency, String parents) {
		return """
				UPDATE %1$s c SET state = 'pending'
				WHERE c.state = 'wait_dependencies'
				  AND c.id IN (SELECT d.child_id FROM %2$s d JOIN %3$s r ON r.id = d.parent_id)
				  AND c.id NOT IN (SELECT r.id FROM %3$s r)
				  AND NOT EXISTS (SELECT 1 FROM %2$s d JOIN %1$s p ON p.id = d.parent_id
				                  WHERE d.child_id = c.id AND p.state <> 'done'
				                    AND p.id NOT IN (SELECT r.id FROM %3$s r))""".formatted(table, dependency, parents);
	}

}
