package io.queuejob.spring.operations;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.queuejob.spring.operations.WaitingReason.Kind;

/**
 * How many jobs wait to run, per channel and per reason: the {@code pending} and
 * {@code wait_dependencies} jobs of each channel, each counted under the
 * {@link WaitingReason.Kind kind} that
 * {@link JobOperations#waitingReason(java.util.UUID)} would give it.
 *
 * @param countedAt when the jobs were counted, by this node's clock
 * @param channels the counts of each channel that has waiting jobs, by the channel's name
 * as stored on its jobs; a kind without jobs is left out
 */
public record WaitingCounts(Instant countedAt, Map<String, Map<Kind, Long>> channels) {

	/**
	 * Copy the maps.
	 */
	public WaitingCounts {
		Map<String, Map<Kind, Long>> copy = new LinkedHashMap<>();
		channels.forEach((channel, kinds) -> {
			Map<Kind, Long> counts = new EnumMap<>(Kind.class);
			kinds.forEach((kind, count) -> {
				if (count > 0) {
					counts.put(kind, count);
				}
			});
			copy.put(channel, Collections.unmodifiableMap(counts));
		});
		channels = Collections.unmodifiableMap(copy);
	}

	/**
	 * How many jobs of a channel wait for the given reason.
	 * @param channel the channel's name as stored on its jobs, such as {@code root.mail}
	 * @param kind the reason
	 * @return the count, 0 when none
	 */
	public long count(String channel, Kind kind) {
		return this.channels.getOrDefault(channel, Map.of()).getOrDefault(kind, 0L);
	}

}
