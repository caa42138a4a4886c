package io.queuejob.core.channel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Plays the runner and the database around a {@link ChannelScheduler}, in the shape of
 * OCA's {@code ChannelManager} doctests: jobs are notified with their state, and
 * {@link #run(long)} plans rounds (until the plan is complete), moves the chosen jobs to
 * {@code enqueued} and returns their names. Times are epoch seconds.
 */
final class SchedulerHarness {

	private final ChannelScheduler scheduler;

	private final Map<String, Job> jobs = new LinkedHashMap<>();

	private long wakeUp;

	private int rounds;

	SchedulerHarness(String channels) {
		this(channels, ChannelScheduler.DEFAULT_MAX_WINDOW);
	}

	SchedulerHarness(String channels, int maxWindow) {
		this.scheduler = new ChannelScheduler(ChannelTree.parse(channels), maxWindow);
	}

	/**
	 * Record a job in the given state, as OCA's {@code notify(db, channel, uuid, seq,
	 * date_created, priority, eta, state)}.
	 */
	SchedulerHarness notify(String channel, String name, long seq, long created, int priority, Long eta, String state) {
		this.jobs.put(name, new Job(new Candidate(seq, channel, priority, Instant.ofEpochSecond(created),
				(eta != null) ? Instant.ofEpochSecond(eta) : null), name, state));
		return this;
	}

	/** A pending job with priority 10, created at 0, no eta. */
	SchedulerHarness pending(String channel, String name, long seq) {
		return notify(channel, name, seq, 0, 10, null, "pending");
	}

	SchedulerHarness setState(String name, String state) {
		Job job = Objects.requireNonNull(this.jobs.get(name), name);
		this.jobs.put(name, new Job(job.candidate, name, state));
		return this;
	}

	SchedulerHarness done(String name) {
		return setState(name, "done");
	}

	/**
	 * Plan until complete at {@code now}, enqueue the chosen jobs, return their names.
	 */
	List<String> run(long now) {
		Instant instant = Instant.ofEpochSecond(now);
		List<String> chosen = new ArrayList<>();
		Plan plan;
		do {
			plan = round(instant);
			for (Candidate candidate : plan.toRun()) {
				Job job = byCandidate(candidate);
				setState(job.name, "enqueued");
				chosen.add(job.name);
			}
		}
		while (!plan.complete());
		this.wakeUp = plan.nextWakeUp().map(Instant::getEpochSecond).orElse(0L);
		return chosen;
	}

	/**
	 * The wake-up time of the last run, 0 when none, as OCA's {@code get_wakeup_time}.
	 */
	long wakeUp() {
		return this.wakeUp;
	}

	int rounds() {
		return this.rounds;
	}

	String state(String name) {
		return this.jobs.get(name).state;
	}

	private Plan round(Instant now) {
		this.rounds++;
		Map<String, Integer> running = new LinkedHashMap<>();
		Map<String, Integer> failed = new LinkedHashMap<>();
		Map<String, List<Candidate>> pending = new LinkedHashMap<>();
		for (Job job : this.jobs.values()) {
			String channel = job.candidate.channel();
			switch (job.state) {
				case "enqueued", "started" -> running.merge(channel, 1, Integer::sum);
				case "failed" -> failed.merge(channel, 1, Integer::sum);
				case "pending" -> pending.computeIfAbsent(channel, (c) -> new ArrayList<>()).add(job.candidate);
				default -> {
				}
			}
		}
		Round round = this.scheduler.round(now, new ChannelLoad(running, failed));
		Map<String, CandidateWindow> windows = new LinkedHashMap<>();
		pending.forEach((channel, jobs) -> {
			WindowRequest request = round.window(channel);
			if (request.limit() > 0) {
				windows.put(channel, load(jobs, request, now));
			}
		});
		return round.plan(windows);
	}

	private static CandidateWindow load(List<Candidate> jobs, WindowRequest request, Instant now) {
		List<Candidate> eligible = jobs.stream()
			.filter((job) -> request.includeNotDue() || job.isDue(now))
			.sorted(Candidate.ORDER)
			.toList();
		Instant nextEta = jobs.stream()
			.map(Candidate::eta)
			.filter((eta) -> eta != null && eta.isAfter(now))
			.min(Comparator.naturalOrder())
			.orElse(null);
		List<Candidate> window = eligible.subList(0, Math.min(request.limit(), eligible.size()));
		return new CandidateWindow(window, window.size() == eligible.size(), nextEta);
	}

	private Job byCandidate(Candidate candidate) {
		return this.jobs.values().stream().filter((job) -> job.candidate == candidate).findFirst().orElseThrow();
	}

	private record Job(Candidate candidate, String name, String state) {
	}

}
