package io.queuejob.core.channel;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runner feeds the scheduler a bounded window of candidates per channel; the jobs it
 * then chooses, over as many rounds as it takes, are exactly those chosen with every
 * pending job in memory.
 */
class WindowedSchedulingTests {

	private static final String CHANNELS = "root:%d, A:%d, A.x:2, B:1:sequential, C:3:throttle=5, D.e:2";

	private static final List<String> JOB_CHANNELS = List.of("root", "A", "A.x", "A.y.z", "B", "root.B.q", "C", "D",
			"D.e", "D.e.f", "other");

	private static final List<String> STATES = List.of("pending", "pending", "pending", "pending", "enqueued",
			"started", "failed", "done", "wait_dependencies");

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 3, 7 })
	void windowedRoundsChooseTheSameJobsAsOneRoundOverAllJobs(int maxWindow) {
		Random random = new Random(4242L + maxWindow);
		for (int scenario = 0; scenario < 300; scenario++) {
			String channels = CHANNELS.formatted(1 + random.nextInt(12), 1 + random.nextInt(6));
			SchedulerHarness full = new SchedulerHarness(channels, Integer.MAX_VALUE);
			SchedulerHarness windowed = new SchedulerHarness(channels, maxWindow);
			int jobs = random.nextInt(40);
			for (int i = 0; i < jobs; i++) {
				String channel = JOB_CHANNELS.get(random.nextInt(JOB_CHANNELS.size()));
				int priority = random.nextInt(3);
				long created = random.nextInt(5);
				Long eta = random.nextInt(4) == 0 ? (long) (90 + random.nextInt(20)) : null;
				String state = STATES.get(random.nextInt(STATES.size()));
				full.notify(channel, "J" + i, i, created, priority, eta, state);
				windowed.notify(channel, "J" + i, i, created, priority, eta, state);
			}
			for (long now : new long[] { 100, 101, 106 }) {
				List<String> expected = full.run(now);
				assertThat(windowed.run(now)).as("scenario %d (%s) at %d", scenario, channels, now)
					.containsExactlyInAnyOrderElementsOf(expected);
				assertThat(windowed.wakeUp()).as("wake-up, scenario %d at %d", scenario, now).isEqualTo(full.wakeUp());
			}
		}
	}

}
