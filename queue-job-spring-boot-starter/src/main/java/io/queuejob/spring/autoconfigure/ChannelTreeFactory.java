package io.queuejob.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.queuejob.core.channel.ChannelConfig;
import io.queuejob.core.channel.ChannelConfigParser;
import io.queuejob.core.channel.ChannelTree;
import io.queuejob.core.channel.InvalidChannelConfigException;

/**
 * Builds the channel tree from {@code queue-job.channels} (compact form) and
 * {@code queue-job.channel.*} (structured form).
 */
final class ChannelTreeFactory {

	private ChannelTreeFactory() {
	}

	static ChannelTree create(String compact, Map<String, QueueJobProperties.Channel> structured) {
		List<ChannelConfig> configs = new ArrayList<>();
		try {
			configs.addAll(ChannelConfigParser.parse(compact));
		}
		catch (InvalidChannelConfigException ex) {
			throw new InvalidChannelConfigException("Invalid queue-job.channels: " + ex.getMessage());
		}
		structured.forEach((name, channel) -> {
			if (onlyRemovalInterval(channel)) {
				// not a scheduling setting: the channel may be configured in the
				// compact form
				return;
			}
			try {
				configs
					.add(new ChannelConfig(name, channel.getCapacity(), channel.isSequential(), channel.getThrottle()));
			}
			catch (InvalidChannelConfigException ex) {
				throw new InvalidChannelConfigException("Invalid queue-job.channel[" + name + "]: " + ex.getMessage());
			}
		});
		try {
			return ChannelTree.of(configs);
		}
		catch (InvalidChannelConfigException ex) {
			throw new InvalidChannelConfigException(
					"Invalid channels (queue-job.channels and queue-job.channel): " + ex.getMessage());
		}
	}

	private static boolean onlyRemovalInterval(QueueJobProperties.Channel channel) {
		return channel.getRemovalInterval() != null && channel.getCapacity() == null && !channel.isSequential()
				&& channel.getThrottle() == null;
	}

}
