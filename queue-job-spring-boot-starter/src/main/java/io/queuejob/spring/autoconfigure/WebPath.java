package io.queuejob.spring.autoconfigure;

import java.util.regex.Pattern;

import io.queuejob.spring.InvalidQueueJobPropertyException;

/**
 * Checks the base path of the operations API and dashboard when it is bound (see
 * {@link QueueJobProperties.Web#setPath(String)}).
 */
final class WebPath {

	private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

	private WebPath() {
	}

	static String check(String path) {
		if (path == null || !PATH.matcher(path).matches()) {
			throw new InvalidQueueJobPropertyException("queue-job.web.path",
					"queue-job.web.path must start with '/', not end with '/', and hold "
							+ "letters, digits, '.', '_', '~' and '-' between slashes; got '" + path + "'",
					"Set queue-job.web.path to a path such as /queue-job or /ops/jobs.", null);
		}
		return path;
	}

}
