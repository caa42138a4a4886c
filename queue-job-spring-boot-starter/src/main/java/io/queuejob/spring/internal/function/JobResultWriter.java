package io.queuejob.spring.internal.function;

import java.nio.charset.StandardCharsets;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes what a job method returned as the JSON stored in the job's {@code result}, with
 * the mapper of the job arguments. A job that succeeded never fails here: a value that
 * cannot be written, or whose JSON is larger than the limit, is replaced by a note (a
 * JSON string) saying why, and a warning is logged. Internal.
 */
public final class JobResultWriter {

	/** The default for the size limit of a job's result: 64 KiB of JSON in UTF-8. */
	public static final long DEFAULT_MAX_SIZE = 64 * 1024;

	private static final Log logger = LogFactory.getLog(JobResultWriter.class);

	private final JsonMapper mapper;

	private final long maxSize;

	/**
	 * Create a writer with the mapper of the job arguments.
	 * @param codec the argument codec, whose mapper is used
	 * @param maxSize the most bytes a result may take as JSON in UTF-8
	 */
	public JobResultWriter(JobArgumentCodec codec, long maxSize) {
		this.mapper = codec.mapper();
		this.maxSize = maxSize;
	}

	/**
	 * Write a job method's return value.
	 * @param function the job function's name, for the log
	 * @param value what the method returned
	 * @return the JSON to store, or {@code null} for {@code null}, an empty
	 * {@code Optional} or a {@code void} method
	 */
	public String write(String function, Object value) {
		if (value == null) {
			return null;
		}
		String json;
		try {
			json = this.mapper.writeValueAsString(value);
		}
		catch (RuntimeException ex) {
			String type = value.getClass().getName();
			logger.warn("Result of job function " + function + " not stored: a " + type + " cannot be written as JSON: "
					+ ex.getMessage());
			return note("Result not stored: a " + type + " cannot be written as JSON");
		}
		if ("null".equals(json)) {
			return null;
		}
		long size = json.getBytes(StandardCharsets.UTF_8).length;
		if (size > this.maxSize) {
			logger.warn("Result of job function " + function + " not stored: its JSON takes " + size
					+ " bytes, more than queue-job.max-result-size (" + this.maxSize + " bytes)");
			return note("Result not stored: its JSON takes " + size + " bytes, more than queue-job.max-result-size ("
					+ this.maxSize + " bytes)");
		}
		return json;
	}

	private String note(String text) {
		return this.mapper.writeValueAsString(text);
	}

}
