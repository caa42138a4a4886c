package io.queuejob.core.channel;

import java.util.List;

/**
 * Parses the compact channel configuration form. Placeholder until the parser lands.
 */
public final class ChannelConfigParser {

	private ChannelConfigParser() {
	}

	/**
	 * Parse the compact form.
	 * @param compact the compact form
	 * @return the channel configurations, in order
	 */
	public static List<ChannelConfig> parse(String compact) {
		throw new UnsupportedOperationException("not yet");
	}

}
