package io.queuejob.core.channel;

import java.util.Map;
import java.util.Set;

/**
 * What currently occupies the channels, per channel name as stored on the jobs.
 *
 * @param running how many jobs are {@code enqueued} or {@code started}, per channel
 * @param failed how many jobs are {@code failed}, per channel; only sequential channels
 * look at it, so the runner may count failed jobs of sequential channels only
 * @param paused the full names of the paused channels; a pause holds for the channel's
 * sub-channels too
 * @param recentStarts the recent starts of each rate-limited configured channel, by its
 * full name; a channel missing here started nothing within its period
 * @param runningByKey how many jobs with a partition key are {@code enqueued} or
 * {@code started}, per channel and key; only channels with a limit per key look at it, so
 * the runner may count the jobs of those channels only
 */
public record ChannelLoad(Map<String, Integer> running, Map<String, Integer> failed, Set<String> paused,
		Map<String, RecentStarts> recentStarts, Map<String, Map<String, Integer>> runningByKey) {

	/** No job running, none failed. */
	public static final ChannelLoad EMPTY = new ChannelLoad(Map.of(), Map.of());

	/**
	 * Copy the maps.
	 */
	public ChannelLoad {
		running = Map.copyOf(running);
		failed = Map.copyOf(failed);
		paused = Set.copyOf(paused);
		recentStarts = Map.copyOf(recentStarts);
		runningByKey = Map.copyOf(runningByKey);
	}

	/**
	 * A load without jobs counted per partition key.
	 * @param running how many jobs are {@code enqueued} or {@code started}, per channel
	 * @param failed how many jobs are {@code failed}, per channel
	 * @param paused the full names of the paused channels
	 * @param recentStarts the recent starts of each rate-limited channel
	 */
	public ChannelLoad(Map<String, Integer> running, Map<String, Integer> failed, Set<String> paused,
			Map<String, RecentStarts> recentStarts) {
		this(running, failed, paused, recentStarts, Map.of());
	}

	/**
	 * A load without paused channels and without recent starts.
	 * @param running how many jobs are {@code enqueued} or {@code started}, per channel
	 * @param failed how many jobs are {@code failed}, per channel
	 */
	public ChannelLoad(Map<String, Integer> running, Map<String, Integer> failed) {
		this(running, failed, Set.of(), Map.of(), Map.of());
	}

	/**
	 * The paused channel that holds jobs of the given channel back: the channel itself or
	 * its nearest paused ancestor.
	 * @param channel a channel name, with or without {@code root.}
	 * @return the full name of the paused channel, or {@code null} if none is paused
	 */
	public String pausedBy(String channel) {
		if (this.paused.isEmpty()) {
			return null;
		}
		for (String name = ChannelNames.normalize(channel); name != null; name = ChannelNames.parent(name)) {
			if (this.paused.contains(name)) {
				return name;
			}
		}
		return null;
	}

}
