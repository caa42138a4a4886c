package io.queuejob.core.channel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configured channels, as a tree under {@code root}. Immutable and thread-safe.
 * <p>
 * A job's channel need not be configured: it then lives under its nearest configured
 * ancestor, which limits it, with no limit of its own ({@code root.sub.x} with only
 * {@code root.sub} configured lives as {@code root.sub.x}). An unconfigured channel is a
 * pass-through, so the tree only holds configured channels; {@link #resolve(String)} maps
 * any channel name onto the configured channel that governs it.
 */
public final class ChannelTree {

	private final Map<String, ChannelConfig> channels;

	private final Map<String, ChannelConfig> resolved = new ConcurrentHashMap<>();

	private ChannelTree(Map<String, ChannelConfig> channels) {
		this.channels = channels;
	}

	/**
	 * Build a tree from channel configurations. {@code root} is added, unlimited, when it
	 * is not configured.
	 * @param configs the configured channels
	 * @return the tree
	 * @throws InvalidChannelConfigException if a channel is configured twice
	 */
	public static ChannelTree of(Collection<ChannelConfig> configs) {
		Map<String, ChannelConfig> channels = new LinkedHashMap<>();
		channels.put(ChannelNames.ROOT, ChannelConfig.unlimited(ChannelNames.ROOT));
		boolean rootSeen = false;
		for (ChannelConfig config : configs) {
			boolean isRoot = config.name().equals(ChannelNames.ROOT);
			if ((isRoot && rootSeen) || (!isRoot && channels.containsKey(config.name()))) {
				throw new InvalidChannelConfigException("Channel " + config.name() + " is configured twice");
			}
			rootSeen |= isRoot;
			channels.put(config.name(), config);
		}
		return new ChannelTree(Collections.unmodifiableMap(channels));
	}

	/**
	 * Build a tree from the compact configuration form, for example
	 * {@code "root:4, mail:2, export:1:sequential"}.
	 * @param compact the compact form, see {@link ChannelConfigParser}
	 * @return the tree
	 * @throws InvalidChannelConfigException if an entry is malformed
	 */
	public static ChannelTree parse(String compact) {
		return of(ChannelConfigParser.parse(compact));
	}

	/**
	 * The root channel's configuration.
	 * @return the root channel
	 */
	public ChannelConfig root() {
		return this.channels.get(ChannelNames.ROOT);
	}

	/**
	 * The configured channels, root first, then in configuration order.
	 * @return the configured channels
	 */
	public Collection<ChannelConfig> channels() {
		return this.channels.values();
	}

	/**
	 * The rate periods of the configured channels that have a rate, by name.
	 * @return the periods, in configuration order
	 */
	public Map<String, Duration> ratePeriods() {
		return ratePeriods(channels());
	}

	/**
	 * The rate periods of the channels among some that have a rate, by name.
	 * @param channels the channels
	 * @return the periods, in the channels' order
	 */
	public static Map<String, Duration> ratePeriods(Collection<ChannelConfig> channels) {
		Map<String, Duration> periods = new LinkedHashMap<>();
		channels.stream()
			.filter((channel) -> channel.rate() != null)
			.forEach((channel) -> periods.put(channel.name(), channel.rate().period()));
		return periods;
	}

	/**
	 * Whether no channel limits its jobs: no capacity, no sequential channel, no throttle
	 * and no rate anywhere in the tree, {@code root} included. Every job may then start
	 * as soon as a worker is free.
	 * @return {@code true} if no configured channel
	 * {@linkplain ChannelConfig#isLimiting() limits} its jobs
	 */
	public boolean isUnlimited() {
		return this.channels.values().stream().noneMatch(ChannelConfig::isLimiting);
	}

	/**
	 * The configured channel that governs jobs of the given channel: the channel itself
	 * when it is configured, else its nearest configured ancestor.
	 * @param channel a channel name, with or without {@code root.}; {@code null} is root
	 * @return the governing configured channel
	 */
	public ChannelConfig resolve(String channel) {
		String key = (channel != null) ? channel : "";
		ChannelConfig config = this.resolved.get(key);
		if (config == null) {
			String name = ChannelNames.normalize(channel);
			while (!this.channels.containsKey(name)) {
				name = ChannelNames.parent(name);
			}
			config = this.channels.get(name);
			this.resolved.put(key, config);
		}
		return config;
	}

	/**
	 * The configured parent of a configured channel: its nearest configured ancestor.
	 * @param config a configured channel
	 * @return the configured parent, or {@code null} for root
	 */
	public ChannelConfig parentOf(ChannelConfig config) {
		String parent = ChannelNames.parent(config.name());
		return (parent != null) ? resolve(parent) : null;
	}

	/**
	 * The configured channels that govern jobs of the given channel, from the nearest up
	 * to root.
	 * @param channel a channel name
	 * @return the governing channels, nearest first, root last
	 */
	public List<ChannelConfig> path(String channel) {
		List<ChannelConfig> path = new ArrayList<>();
		for (ChannelConfig c = resolve(channel); c != null; c = parentOf(c)) {
			path.add(c);
		}
		return path;
	}

}
