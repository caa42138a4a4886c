package io.queuejob.spring.internal.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.queuejob.spring.internal.store.JobMinuteStore;
import io.queuejob.spring.operations.InvalidJobQueryException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The series of the dashboard's charts: per channel, the jobs done and failed and their
 * time from enqueue to start, read from the per-minute rollup.
 */
@RestController
@RequestMapping("${queue-job.web.path:/queue-job}/api")
public class ChartsController {

	private final JobMinuteStore minutes;

	private final Clock clock;

	/**
	 * Create the controller.
	 * @param minutes the rollup
	 * @param clock the clock
	 */
	public ChartsController(JobMinuteStore minutes, Clock clock) {
		this.minutes = minutes;
		this.clock = clock;
	}

	/**
	 * The last hour, per minute, or the last day, per 15 minutes.
	 * @param range {@code hour} or {@code day}
	 * @return the series
	 */
	@GetMapping("/charts")
	public Series charts(@RequestParam(defaultValue = "hour") String range) {
		Range chosen = Range.of(range);
		Instant to = this.clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
		Instant from = to.minus(chosen.span);
		List<Point> points = this.minutes.series(from, chosen.step)
			.stream()
			.map((point) -> new Point(JobJson.text(point.at()), point.channel(), point.done(), point.failed(),
					point.latencyCount(), point.latencyMsSum(), point.latencyBuckets()))
			.toList();
		return new Series(chosen.name().toLowerCase(), chosen.step.toSeconds(), JobJson.text(from), JobJson.text(to),
				points);
	}

	/**
	 * The ranges the charts show.
	 */
	enum Range {

		HOUR(Duration.ofHours(1), Duration.ofMinutes(1)), DAY(Duration.ofDays(1), Duration.ofMinutes(15));

		private final Duration span;

		private final Duration step;

		Range(Duration span, Duration step) {
			this.span = span;
			this.step = step;
		}

		static Range of(String value) {
			for (Range range : values()) {
				if (range.name().equalsIgnoreCase(value)) {
					return range;
				}
			}
			throw new InvalidJobQueryException("range", "must be hour or day");
		}

	}

	/**
	 * The series of a range.
	 *
	 * @param range {@code hour} or {@code day}
	 * @param stepSeconds the length of each point
	 * @param from the first point's start
	 * @param to the end of the last point
	 * @param points the points with jobs, per step and channel, in time order
	 */
	public record Series(String range, long stepSeconds, String from, String to, List<Point> points) {

	}

	/**
	 * The jobs of one channel that ended in one step.
	 *
	 * @param at the step's start
	 * @param channel the channel
	 * @param done how many ended done
	 * @param failed how many ended failed
	 * @param latencyCount how many of them had started
	 * @param latencyMsSum the sum of their times from enqueue to start, in milliseconds
	 * @param latencyBuckets how many started under 100 ms, 1 s, 10 s, 1 min, and later
	 */
	public record Point(String at, String channel, long done, long failed, long latencyCount, long latencyMsSum,
			long[] latencyBuckets) {

	}

}
