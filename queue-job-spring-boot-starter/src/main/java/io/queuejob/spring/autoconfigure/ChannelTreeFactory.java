package io.queuejob.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.queuejob.core.channel.ChannelConfig;
import io.queuejob.core.channel.ChannelConfigParser;
import io.queuejob.core.channel.ChannelTree;
import io.queuejob.core.channel.InvalidChannelConfigException;
import io.queuejob.core.channel.RateLimit;
import io.queuejob.spring.InvalidQueueJobPropertyException;

/**
 * Builds the channel tree from {@code queue-job.channels} (compact form) and
 * {@code queue-job.channel.*} (structured form). A malformed entry stops start-up with an
 * {@link InvalidQueueJobPropertyException} naming it and the form it must take.
 */
final class ChannelTreeFactory {

	private static final String COMPACT_FORM = "queue-job.channels is a list of name[:capacity[:option]*]"
			+ " separated by commas or newlines, for example \"root:4, mail:2, export:1:sequential,"
			+ " api:1:throttle=2s\": a capacity is a whole number of at least 1 (left out for unlimited), the"
			+ " options are sequential (capacity 1 or none), throttle=<duration> (500ms, 2s, 1m),"
			+ " rate=<starts>/<duration> (100/1m) and per-key=<jobs> (at least 1, not on a sequential channel).";

	private static final String STRUCTURED_FORM = "Under queue-job.channel.<name>, capacity is a whole number of at"
			+ " least 1 (left out for unlimited), sequential is true or false (a sequential channel has capacity 1"
			+ " or none), throttle and removal-interval are positive durations (2s, 7d), rate is starts per period"
			+ " (100/1m), per-key is a whole number of at least 1; names with dots go in"
			+ " brackets: queue-job.channel.[root.mail].capacity.";

	private ChannelTreeFactory() {
	}

	static ChannelTree create(String compact, Map<String, QueueJobProperties.Channel> structured) {
		List<ChannelConfig> configs = new ArrayList<>();
		try {
			configs.addAll(ChannelConfigParser.parse(compact));
		}
		catch (InvalidChannelConfigException ex) {
			throw new InvalidQueueJobPropertyException("queue-job.channels",
					"Invalid queue-job.channels: " + ex.getMessage(), "Correct the entry. " + COMPACT_FORM, ex);
		}
		structured.forEach((name, channel) -> {
			if (onlyRemovalInterval(channel)) {
				// not a scheduling setting: the channel may be configured in the
				// compact form
				return;
			}
			try {
				RateLimit rate = (channel.getRate() != null) ? ChannelConfigParser.parseRate(channel.getRate()) : null;
				configs.add(new ChannelConfig(name, channel.getCapacity(), channel.isSequential(),
						channel.getThrottle(), rate, channel.getPerKey()));
			}
			catch (InvalidChannelConfigException ex) {
				throw new InvalidQueueJobPropertyException("queue-job.channel.[" + name + "]",
						"Invalid queue-job.channel[" + name + "]: " + ex.getMessage(),
						"Correct queue-job.channel.[" + name + "]. " + STRUCTURED_FORM, ex);
			}
		});
		try {
			return ChannelTree.of(configs);
		}
		catch (InvalidChannelConfigException ex) {
			throw new InvalidQueueJobPropertyException("queue-job.channels",
					"Invalid channels (queue-job.channels and queue-job.channel): " + ex.getMessage(),
					"Configure each channel once: in queue-job.channels or under queue-job.channel.<name>, not both.",
					ex);
		}
	}

	private static boolean onlyRemovalInterval(QueueJobProperties.Channel channel) {
		return channel.getRemovalInterval() != null && channel.getCapacity() == null && !channel.isSequential()
				&& channel.getThrottle() == null && channel.getRate() == null && channel.getPerKey() == null;
	}

}
