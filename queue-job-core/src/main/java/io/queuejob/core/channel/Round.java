package io.queuejob.core.channel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One scheduling round of a {@link ChannelScheduler}: first ask for the
 * {@linkplain #window(String) window} of each channel that has pending jobs, load those
 * jobs, then {@linkplain #plan(Map) plan}. A round is used once, by one thread.
 */
public final class Round {

	private final ChannelScheduler scheduler;

	private final Instant now;

	private final ChannelLoad load;

	private final Map<String, Slot> slots = new HashMap<>();

	private boolean planned;

	Round(ChannelScheduler scheduler, Instant now, ChannelLoad load) {
		this.scheduler = scheduler;
		this.now = Objects.requireNonNull(now, "now must not be null");
		this.load = load;
		load.running().forEach((channel, count) -> slotsOf(channel).forEach((slot) -> slot.running += count));
		load.failed().forEach((channel, count) -> slotsOf(channel).forEach((slot) -> slot.failed += count));
		load.runningByKey()
			.forEach((channel, keys) -> slotsOf(channel).stream()
				.filter((slot) -> slot.config.perKey() != null)
				.forEach((slot) -> keys.forEach((key, count) -> slot.runningByKey.merge(key, count, Integer::sum))));
	}

	/**
	 * What to load for a channel.
	 * @param channel a channel name as stored on pending jobs
	 * @return how many jobs to load and whether to include jobs that are not due yet
	 */
	public WindowRequest window(String channel) {
		if (this.load.pausedBy(channel) != null) {
			return new WindowRequest(0, false);
		}
		List<Slot> path = slotsOf(channel);
		int available = Integer.MAX_VALUE;
		boolean strict = false;
		Integer perKey = null;
		Set<String> fullKeys = new HashSet<>();
		for (Slot slot : path) {
			available = Math.min(available, slot.budget());
			strict |= slot.config.sequential();
			if (slot.config.perKey() != null) {
				perKey = (perKey != null) ? Math.min(perKey, slot.config.perKey()) : slot.config.perKey();
				slot.runningByKey.forEach((key, count) -> {
					if (count >= slot.config.perKey()) {
						fullKeys.add(key);
					}
				});
			}
		}
		return new WindowRequest(this.scheduler.windowLimit(available), strict, perKey, fullKeys);
	}

	/**
	 * Decide which jobs run now.
	 * @param windows the loaded window of each channel that has pending jobs, by channel
	 * name as stored; a channel may be missing when its window limit was 0
	 * @return the plan
	 */
	public Plan plan(Map<String, CandidateWindow> windows) {
		if (this.planned) {
			throw new IllegalStateException("A round plans once; start a new round");
		}
		this.planned = true;
		List<Candidate> all = new ArrayList<>();
		boolean complete = true;
		for (Map.Entry<String, CandidateWindow> entry : windows.entrySet()) {
			CandidateWindow window = entry.getValue();
			all.addAll(window.jobs());
			if (!window.complete() && window.jobs().isEmpty()) {
				complete &= !freeze(entry.getKey());
			}
		}
		all = inTurns(all);
		Map<String, Candidate> lastByChannel = new HashMap<>();
		for (Candidate job : all) {
			CandidateWindow window = windows.get(job.channel());
			if (window != null && !window.complete()) {
				lastByChannel.put(job.channel(), job);
			}
		}
		Map<Candidate, String> lastOfIncomplete = new IdentityHashMap<>();
		lastByChannel.forEach((channel, job) -> lastOfIncomplete.put(job, channel));
		List<Candidate> toRun = new ArrayList<>();
		Instant wakeUp = null;
		for (Candidate job : all) {
			if (this.load.pausedBy(job.channel()) != null) {
				continue;
			}
			List<Slot> path = slotsOf(job.channel());
			if (!job.isDue(this.now)) {
				path.stream().filter((slot) -> slot.config.sequential()).forEach((slot) -> slot.strictlyBlocked = true);
				wakeUp = earliest(wakeUp, wakeUpFor(path, job.eta()));
			}
			else if (path.stream().allMatch((slot) -> slot.budget() > 0)) {
				if (path.stream().allMatch((slot) -> slot.keyAllows(job.partitionKey()))) {
					path.forEach((slot) -> take(slot, job.partitionKey()));
					toRun.add(job);
				}
				else {
					path.stream()
						.filter((slot) -> slot.config.sequential())
						.forEach((slot) -> slot.strictlyBlocked = true);
				}
			}
			String incomplete = lastOfIncomplete.get(job);
			if (incomplete != null) {
				complete &= !freeze(incomplete);
			}
		}
		for (Map.Entry<String, CandidateWindow> entry : windows.entrySet()) {
			Instant eta = entry.getValue().nextEta();
			if (eta != null && eta.isAfter(this.now) && this.load.pausedBy(entry.getKey()) == null) {
				wakeUp = earliest(wakeUp, wakeUpFor(slotsOf(entry.getKey()), eta));
			}
		}
		wakeUp = earliest(wakeUp, throttleWakeUp());
		wakeUp = earliest(wakeUp, rateWakeUp());
		return new Plan(toRun, wakeUp, complete);
	}

	/**
	 * The candidates in the order they compete: by priority, then in turns by partition
	 * key (each key's first job, then each key's second, and so on) within a channel that
	 * limits its jobs per key, then by creation time and id. Jobs without a key, and jobs
	 * of sequential channels, which keep strict order, all take the first turn.
	 */
	private List<Candidate> inTurns(List<Candidate> candidates) {
		candidates.sort(Candidate.ORDER);
		Map<Candidate, Integer> turns = new IdentityHashMap<>();
		Map<List<String>, Integer> seen = new HashMap<>();
		for (Candidate job : candidates) {
			String rotatingChannel = rotatingChannel(job);
			if (rotatingChannel != null) {
				turns.put(job, seen.merge(List.of(rotatingChannel, job.partitionKey()), 1, Integer::sum) - 1);
			}
		}
		List<Candidate> ordered = new ArrayList<>(candidates);
		ordered.sort(Comparator.comparingInt(Candidate::priority)
			.thenComparingInt((job) -> turns.getOrDefault(job, 0))
			.thenComparing(Candidate.ORDER));
		return ordered;
	}

	/**
	 * The nearest channel on a keyed job's path that limits its jobs per key, or
	 * {@code null} when the job does not rotate with other keys.
	 */
	private String rotatingChannel(Candidate job) {
		if (job.partitionKey() == null) {
			return null;
		}
		String rotating = null;
		for (ChannelConfig config : this.scheduler.limitingPath(job.channel())) {
			if (config.sequential()) {
				return null;
			}
			if (rotating == null && config.perKey() != null) {
				rotating = config.name();
			}
		}
		return rotating;
	}

	private void take(Slot slot, String partitionKey) {
		slot.selected++;
		if (partitionKey != null && slot.config.perKey() != null) {
			slot.selectedByKey.merge(partitionKey, 1, Integer::sum);
		}
		if (slot.config.throttle() != null) {
			this.scheduler.pause(slot.config, this.now);
		}
	}

	/**
	 * A window was cut after its last job: the channel's next job is unknown and could
	 * compete with any job behind it, so nothing more is decided on its path this round.
	 * @return whether the channel could still have started a job
	 */
	private boolean freeze(String channel) {
		List<Slot> path = slotsOf(channel);
		if (path.stream().anyMatch((slot) -> slot.budget() == 0)) {
			return false;
		}
		path.forEach((slot) -> slot.frozen = true);
		return true;
	}

	private Instant wakeUpFor(List<Slot> path, Instant at) {
		return path.stream().allMatch(Slot::hasCapacity) ? at : null;
	}

	private Instant throttleWakeUp() {
		Instant wakeUp = null;
		for (Slot slot : this.slots.values()) {
			if (this.scheduler.isPaused(slot.config, this.now)
					&& slotsOf(slot.config.name()).stream().allMatch(Slot::hasCapacity)) {
				wakeUp = earliest(wakeUp, this.scheduler.pausedUntil(slot.config));
			}
		}
		return wakeUp;
	}

	/**
	 * When the first channel whose rate is used up for now may start a job again: when
	 * the oldest start within its period leaves it.
	 */
	private Instant rateWakeUp() {
		Instant wakeUp = null;
		for (Slot slot : this.slots.values()) {
			if (slot.config.rate() != null && slot.rateRemaining() <= 0
					&& slotsOf(slot.config.name()).stream().allMatch(Slot::hasCapacity)) {
				Instant freesAt = slot.recent.windowFreesAt();
				wakeUp = earliest(wakeUp, (freesAt != null) ? freesAt : this.now.plus(slot.config.rate().period()));
			}
		}
		return wakeUp;
	}

	private static Instant earliest(Instant a, Instant b) {
		if (a == null) {
			return b;
		}
		return (b == null || a.isBefore(b)) ? a : b;
	}

	private List<Slot> slotsOf(String channel) {
		List<ChannelConfig> path = this.scheduler.limitingPath(channel);
		List<Slot> result = new ArrayList<>(path.size());
		for (ChannelConfig config : path) {
			result.add(this.slots.computeIfAbsent(config.name(), (name) -> new Slot(config)));
		}
		return result;
	}

	/**
	 * The state of one limiting channel during the round.
	 */
	private final class Slot {

		private final ChannelConfig config;

		private final RecentStarts recent;

		private int running;

		private int failed;

		private int selected;

		private final Map<String, Integer> runningByKey = new HashMap<>();

		private final Map<String, Integer> selectedByKey = new HashMap<>();

		private boolean strictlyBlocked;

		private boolean frozen;

		Slot(ChannelConfig config) {
			this.config = config;
			this.recent = Round.this.load.recentStarts().getOrDefault(config.name(), RecentStarts.NONE);
		}

		/**
		 * How many more jobs the channel's rate lets start within its period.
		 */
		int rateRemaining() {
			if (this.config.rate() == null) {
				return Integer.MAX_VALUE;
			}
			return Math.max(0, this.config.rate().starts() - this.recent.count() - this.selected);
		}

		/**
		 * Whether one more job of the given partition key may start in this channel.
		 */
		boolean keyAllows(String partitionKey) {
			if (partitionKey == null || this.config.perKey() == null) {
				return true;
			}
			return this.runningByKey.getOrDefault(partitionKey, 0)
					+ this.selectedByKey.getOrDefault(partitionKey, 0) < this.config.perKey();
		}

		boolean hasCapacity() {
			if (this.config.sequential() && this.failed > 0) {
				return false;
			}
			return this.config.capacity() == null || this.running + this.selected < this.config.capacity();
		}

		int budget() {
			if (!hasCapacity() || this.strictlyBlocked || this.frozen
					|| Round.this.scheduler.isPaused(this.config, Round.this.now)) {
				return 0;
			}
			int budget = (this.config.capacity() != null) ? this.config.capacity() - this.running - this.selected
					: Integer.MAX_VALUE;
			budget = Math.min(budget, rateRemaining());
			return (this.config.throttle() != null) ? Math.min(budget, 1) : budget;
		}

	}

}
