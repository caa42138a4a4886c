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

	void add(String workload, String unit, double value) {
		this.rows.computeIfAbsent(workload, (key) -> new Row(unit)).values.add(value);
		System.out.printf("  %-58s %12.1f %s%n", workload, value, unit);
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
		this.notes.forEach((note) -> out.append("- ").append(note).append(System.lineSeparator()));
		out.append(System.lineSeparator());
		out.append(this.failures.isEmpty() ? "Every run checked: each job ran exactly once." : "FAILED CHECKS:");
		out.append(System.lineSeparator());
		this.failures.forEach((failure) -> out.append("- ").append(failure).append(System.lineSeparator()));
		return out.toString();
	}

	private static String format(double value) {
		return (value >= 100) ? String.format("%,.0f", value) : String.format("%.2f", value);
	}

	private static final class Row {

		final String unit;

		final List<Double> values = new ArrayList<>();

		Row(String unit) {
			this.unit = unit;
		}

	}

}
