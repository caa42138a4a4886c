package io.queuejob.core.channel;

/**
 * Rules for channel names. A full channel name is a dot-separated path that starts with
 * {@code root}, for example {@code root.mail.bulk}. The {@code root.} prefix may be
 * omitted wherever a name is accepted.
 */
public final class ChannelNames {

	/** The name of the root channel. */
	public static final String ROOT = "root";

	private static final String ROOT_PREFIX = ROOT + ".";

	private ChannelNames() {
	}

	/**
	 * Return the full name of a channel: {@code null} or blank is {@code root}, a name
	 * that does not start with {@code root.} gets that prefix.
	 * @param name a channel name, with or without the {@code root.} prefix
	 * @return the full channel name
	 * @throws InvalidChannelConfigException if a segment is empty or holds a character
	 * that the configuration syntax reserves ({@code , : =})
	 */
	public static String normalize(String name) {
		if (name == null || name.isBlank()) {
			return ROOT;
		}
		String trimmed = name.strip();
		String full = (trimmed.equals(ROOT) || trimmed.startsWith(ROOT_PREFIX)) ? trimmed : ROOT_PREFIX + trimmed;
		for (String segment : full.split("\\.", -1)) {
			if (segment.isEmpty()) {
				throw new InvalidChannelConfigException("Invalid channel name '" + name + "': empty segment");
			}
			if (!segment.equals(segment.strip())) {
				throw new InvalidChannelConfigException(
						"Invalid channel name '" + name + "': segment '" + segment + "' has surrounding spaces");
			}
			for (char reserved : new char[] { ',', ':', '=' }) {
				if (segment.indexOf(reserved) >= 0) {
					throw new InvalidChannelConfigException(
							"Invalid channel name '" + name + "': '" + reserved + "' is not allowed in a channel name");
				}
			}
		}
		return full;
	}

	/**
	 * Return the parent of a full channel name, or {@code null} for {@code root}.
	 * @param fullName a full channel name, as returned by {@link #normalize(String)}
	 * @return the parent's full name, or {@code null}
	 */
	public static String parent(String fullName) {
		int dot = fullName.lastIndexOf('.');
		return (dot < 0) ? null : fullName.substring(0, dot);
	}

}
