package io.queuejob.core.graph;

import java.util.UUID;

/**
 * A job node with a name, and optionally the uuid of a graph it was stored in before.
 */
class TestJob extends JobNode {

	private final String name;

	private final UUID existingGraphUuid;

	TestJob(String name) {
		this(name, null);
	}

	TestJob(String name, UUID existingGraphUuid) {
		this.name = name;
		this.existingGraphUuid = existingGraphUuid;
	}

	@Override
	public UUID graphUuid() {
		return this.existingGraphUuid;
	}

	@Override
	public String toString() {
		return this.name;
	}

}
