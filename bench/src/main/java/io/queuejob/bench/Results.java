package io.queuejob.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of a benchmark run, and the table that shows them.
 */
final class Results {

	private final Map<String, Row> rows = new LinkedHashMap<>();

	private final List<String> notes = new ArrayList<>();

	private final List<String> failures = new ArrayList<>();

	private final Map<String, Comparison> comparisons = new LinkedHashMap<>();

	void add(String workload, String unit, double value) {
		this.rows.computeIfAbsent(workload, (key) -> new Row(unit)).values.add(value);
		System.out.printf("  %-58s %12.1f %s%n", workload, value, unit);
	}

	/**
	 * Record a starter figure and its ideal's, measured in the same repetition.
	 * @param workload the row of the comparison table
	 * @param unit the figures' unit
	 * @param queueJob the starter's figure
	 * @param ideal the ideal's figure
	 * @param target the least ratio of the starter's figure to the ideal's (at most, when
	 * {@code atMost}); {@code 0} for a figure without a target
	 * @param atMost whether lower is better
	 */
	void compare(String workload, String unit, double queueJob, double ideal, double target, boolean atMost) {
		Comparison comparison = this.comparisons.computeIfAbsent(workload,
				(key) -> new Comparison(unit, target, atMost));
		comparison.queueJob.add(queueJob);
		comparison.ideal.add(ideal);
		System.out.printf("  %-58s %12.1f against %.1f %s (%.2f)%n", workload, queueJob, ideal, unit, queueJob / ideal);
	}

	void note(String note) {
		this.notes.add(note);
		System.out.println("  note: " + note);
	}

	void check(String workload, String problem) {
		if (problem != null) {
			this.failures.add(workload + ": " + problem);
			System.out.println("  FAILED CHECK " + workload + ": " + problem);
		}
	}

	boolean failed() {
		return !this.failures.isEmpty();
	}

	String table() {
		StringBuilder out = new StringBuilder();
		out.append(String.format("| %-58s | %10s | %10s | %10s | %4s | %-8s |%n", "workload", "median", "min", "max",
				"runs", "unit"));
		out.append(String.format("|%s|%s|%s|%s|%s|%s|%n", "-".repeat(60), "-".repeat(11) + ":", "-".repeat(11) + ":",
				"-".repeat(11) + ":", "-".repeat(5) + ":", "-".repeat(10)));
		this.rows.forEach((workload, row) -> {
			List<Double> sorted = new ArrayList<>(row.values);
			sorted.sort(null);
			int n = sorted.size();
			double median = (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
			out.append(String.format("| %-58s | %10s | %10s | %10s | %4d | %-8s |%n", workload, format(median),
					format(sorted.get(0)), format(sorted.get(n - 1)), n, row.unit));
		});
		out.append(System.lineSeparator());
		if (!this.comparisons.isEmpty()) {
			out.append(comparisons()).append(System.lineSeparator());
		}
		this.notes.forEach((note) -> out.append("- ").append(note).append(System.lineSeparator()));
		out.append(System.lineSeparator());
		out.append(this.failures.isEmpty() ? "Every run checked: each job ran exactly once." : "FAILED CHECKS:");
		out.append(System.lineSeparator());
		this.failures.forEach((failure) -> out.append("- ").append(failure).append(System.lineSeparator()));
		return out.toString();
	}

	/**
	 * The table of the starter against the hand-written ideal: medians over the
	 * repetitions, their ratio, the target and whether the ratio meets it.
	 */
	String comparisons() {
		StringBuilder out = new StringBuilder();
		out.append(String.format("| %-52s | %10s | %10s | %6s | %8s | %-4s |%n", "workload (unit)", "queue-job",
				"ideal", "ratio", "target", "met"));
		out.append(String.format("|%s|%s|%s|%s|%s|%s|%n", "-".repeat(54), "-".repeat(11) + ":", "-".repeat(11) + ":",
				"-".repeat(7) + ":", "-".repeat(9) + ":", "-".repeat(6)));
		this.comparisons.forEach((workload, comparison) -> {
			double queueJob = median(comparison.queueJob);
			double ideal = median(comparison.ideal);
			double ratio = queueJob / ideal;
			String target = (comparison.target == 0) ? "" : ((comparison.atMost ? "≤ " : "≥ ") + comparison.target);
			String met = (comparison.target == 0) ? ""
					: ((comparison.atMost ? ratio <= comparison.target : ratio >= comparison.target) ? "pass" : "miss");
			out.append(String.format("| %-52s | %10s | %10s | %6.2f | %8s | %-4s |%n",
					workload + " (" + comparison.unit + ")", format(queueJob), format(ideal), ratio, target, met));
		});
		return out.toString();
	}

	private static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		sorted.sort(null);
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	private static String format(double value) {
		return (value >= 100) ? String.format("%,.0f", value) : String.format("%.2f", value);
	}

	private static final class Comparison {

		final String unit;

		final double target;

		final boolean atMost;

		final List<Double> queueJob = new ArrayList<>();

		final List<Double> ideal = new ArrayList<>();

		Comparison(String unit, double target, boolean atMost) {
			this.unit = unit;
			this.target = target;
			this.atMost = atMost;
		}

	}

	private static final class Row {

		final String unit;

		final List<Double> values = new ArrayList<>();

		Row(String unit) {
			this.unit = unit;
		}

	}

}
