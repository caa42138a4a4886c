package io.queuejob.core.channel;

import java.util.Map;

/**
 * What currently occupies the channels, per channel name as stored on the jobs.
 *
 * @param running how many jobs are {@code enqueued} or {@code started}, per channel
 * @param failed how many jobs are {@code failed}, per channel; only sequential channels
 * look at it, so the runner may count failed jobs of sequential channels only
 */
public record ChannelLoad(Map<String, Integer> running, Map<String, Integer> failed) {

	/** No job running, none failed. */
	public static final ChannelLoad EMPTY = new ChannelLoad(Map.of(), Map.of());

	/**
	 * Copy the maps.
	 */
	public ChannelLoad {
		running = Map.copyOf(running);
		failed = Map.copyOf(failed);
	}

}
