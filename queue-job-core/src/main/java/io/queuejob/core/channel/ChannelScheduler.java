package io.queuejob.core.channel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides which pending jobs run next under the channel rules: nested capacities, order
 * (priority, creation time, sequence; a job whose eta has passed competes like the rest),
 * sequential channels (strict order, blocked by a failed job), throttles (at most one job
 * start per interval), rates (at most N job starts per sliding period, from the recent
 * starts the runner reads), limits per partition key (at most N jobs of one key at once,
 * the keys taking turns within a priority) and paused channels. It does no I/O.
 * <p>
 * A scheduling round starts from what the database says now: the jobs enqueued or started
 * per channel and the failed jobs of sequential channels ({@link ChannelLoad}). The round
 * tells the runner how many candidates of each channel to load ({@link Round#window}),
 * never more than the channel could start, and then {@linkplain Round#plan plans}. The
 * runner therefore never needs every pending job in memory. When a window had to be cut
 * at {@link #maxWindow()}, the plan says it is not {@linkplain Plan#complete() complete}:
 * the runner applies it and plans again, and the jobs chosen over those rounds are
 * exactly the ones a single round over every pending job would choose.
 * <p>
 * The scheduler remembers only the throttle intervals in progress. It is meant for the
 * one runner thread of a node.
 */
public final class ChannelScheduler {

	/** The default for {@link #maxWindow()}. */
	public static final int DEFAULT_MAX_WINDOW = 1000;

	private final ChannelTree tree;

	private final int maxWindow;

	private final Map<String, List<ChannelConfig>> limitingPaths = new ConcurrentHashMap<>();

	private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();

	/**
	 * Create a scheduler with the {@linkplain #DEFAULT_MAX_WINDOW default window}.
	 * @param tree the configured channels
	 */
	public ChannelScheduler(ChannelTree tree) {
		this(tree, DEFAULT_MAX_WINDOW);
	}

	/**
	 * Create a scheduler.
	 * @param tree the configured channels
	 * @param maxWindow the most candidates to load per channel and round, at least 1
	 */
	public ChannelScheduler(ChannelTree tree, int maxWindow) {
		if (maxWindow < 1) {
			throw new IllegalArgumentException("maxWindow must be at least 1, got " + maxWindow);
		}
		this.tree = Objects.requireNonNull(tree, "tree must not be null");
		this.maxWindow = maxWindow;
	}

	/**
	 * The configured channels.
	 * @return the channel tree
	 */
	public ChannelTree tree() {
		return this.tree;
	}

	/**
	 * The most candidates a window holds.
	 * @return the window limit
	 */
	public int maxWindow() {
		return this.maxWindow;
	}

	/**
	 * Start a scheduling round.
	 * @param now the current instant
	 * @param load the jobs running and failed per channel, as the database says now
	 * @return the round
	 */
	public Round round(Instant now, ChannelLoad load) {
		return new Round(this, now, load);
	}

	/**
	 * Plan in one go from complete windows. Convenient when every pending job is at hand,
	 * as in tests.
	 * @param now the current instant
	 * @param load the jobs running and failed per channel
	 * @param pending every pending job, in any order
	 * @param nextEtas the earliest future eta per channel (may be empty: the etas of the
	 * given jobs are used as well)
	 * @return the plan
	 */
	public Plan plan(Instant now, ChannelLoad load, List<Candidate> pending, Map<String, Instant> nextEtas) {
		Map<String, List<Candidate>> byChannel = new LinkedHashMap<>();
		for (Candidate job : pending) {
			byChannel.computeIfAbsent(job.channel(), (channel) -> new ArrayList<>()).add(job);
		}
		Map<String, CandidateWindow> windows = new LinkedHashMap<>();
		byChannel.forEach((channel, jobs) -> {
			jobs.sort(Candidate.ORDER);
			windows.put(channel, CandidateWindow.complete(jobs, nextEtas.get(channel)));
		});
		nextEtas.forEach((channel, eta) -> windows.putIfAbsent(channel, CandidateWindow.complete(List.of(), eta)));
		return round(now, load).plan(windows);
	}

	/**
	 * The configured channels on a job channel's path that limit it (capacity,
	 * sequential, throttle, rate or limit per key), nearest first.
	 */
	List<ChannelConfig> limitingPath(String channel) {
		String key = (channel != null) ? channel : "";
		return this.limitingPaths.computeIfAbsent(key,
				(name) -> this.tree.path(channel).stream().filter(ChannelConfig::isLimiting).toList());
	}

	boolean isPaused(ChannelConfig channel, Instant now) {
		Instant until = this.pausedUntil.get(channel.name());
		return until != null && until.isAfter(now);
	}

	Instant pausedUntil(ChannelConfig channel) {
		return this.pausedUntil.get(channel.name());
	}

	void pause(ChannelConfig channel, Instant now) {
		this.pausedUntil.put(channel.name(), now.plus(channel.throttle()));
	}

	int windowLimit(int available) {
		return Math.min(available, this.maxWindow);
	}

}
