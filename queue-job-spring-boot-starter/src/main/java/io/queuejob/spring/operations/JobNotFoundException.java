package io.queuejob.spring.operations;

import java.util.UUID;

/**
 * Thrown when no job has the given uuid.
 */
public class JobNotFoundException extends RuntimeException {

	private final UUID uuid;

	/**
	 * Create an exception.
	 * @param uuid the uuid no job has
	 */
	public JobNotFoundException(UUID uuid) {
		super("job " + uuid + " not found");
		this.uuid = uuid;
	}

	/**
	 * The uuid no job has.
	 * @return the uuid
	 */
	public UUID getUuid() {
		return this.uuid;
	}

}
