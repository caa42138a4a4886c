package io.queuejob.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time read from {@code /proc} (Linux): of the local PostgreSQL server, of the
 * backends of one database, of given processes and of the whole machine. The server's
 * time is the postmaster's, with that of the children it reaped (backends that ended),
 * plus that of its live children (backends, WAL writer, checkpointer, …).
 */
final class Cpu {

	/** Clock ticks per second of the times in {@code /proc}. */
	static final double TICKS = clockTicks();

	private final long postmaster;

	private Cpu(long postmaster) {
		this.postmaster = postmaster;
	}

	/**
	 * The server of the bench's database, when it runs on this machine.
	 * @return the server's processes, or {@code null} if they cannot be read here
	 */
	static Cpu server() {
		try (Connection connection = Database.server();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
			rs.next();
			long[] backend = stat(rs.getLong(1));
			if (backend == null || !comm(rs.getLong(1)).equals("postgres")) {
				return null;
			}
			long postmaster = backend[0];
			return (stat(postmaster) != null) ? new Cpu(postmaster) : null;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The server's CPU time so far.
	 * @return seconds
	 */
	double serverSeconds() {
		long[] own = stat(this.postmaster);
		long ticks = own[1] + own[2] + own[3] + own[4];
		try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
			ticks += processes.filter((path) -> path.getFileName().toString().chars().allMatch(Character::isDigit))
				.mapToLong((path) -> {
					long[] stat = stat(Long.parseLong(path.getFileName().toString()));
					return (stat != null && stat[0] == this.postmaster) ? stat[1] + stat[2] : 0;
				})
				.sum();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return ticks / TICKS;
	}

	/**
	 * The CPU time so far of each backend connected to a database.
	 * @param database the database's name
	 * @return seconds per backend process id
	 */
	static Map<Long, Double> backends(String database) {
		Map<Long, Double> seconds = new HashMap<>();
		try (Connection connection = Database.server();
				PreparedStatement statement = connection
					.prepareStatement("SELECT pid FROM pg_stat_activity WHERE datname = ?")) {
			statement.setString(1, database);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					long[] stat = stat(rs.getLong(1));
					if (stat != null) {
						seconds.put(rs.getLong(1), (stat[1] + stat[2]) / TICKS);
					}
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return seconds;
	}

	/**
	 * The CPU time so far of processes (user and system, without their children's).
	 * @param pids the process ids
	 * @return seconds
	 */
	static double processes(Collection<Long> pids) {
		long ticks = 0;
		for (long pid : pids) {
			long[] stat = stat(pid);
			ticks += (stat != null) ? stat[1] + stat[2] : 0;
		}
		return ticks / TICKS;
	}

	/**
	 * The busy CPU time of the whole machine so far, every process's: all but idle and
	 * I/O wait.
	 * @return seconds, summed over the cores, or {@code NaN} without {@code /proc/stat}
	 */
	static double machineSeconds() {
		try {
			String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long busy = 0;
			// user nice system idle iowait irq softirq steal (guest time is in user)
			for (int i = 1; i <= 8 && i < cpu.length; i++) {
				busy += (i == 4 || i == 5) ? 0 : Long.parseLong(cpu[i]);
			}
			return busy / TICKS;
		}
		catch (IOException | RuntimeException ex) {
			return Double.NaN;
		}
	}

	/**
	 * The load averages of the machine, as {@code uptime} prints them.
	 * @return the 1, 5 and 15 minutes load averages
	 */
	static String load() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return fields[0] + ", " + fields[1] + ", " + fields[2];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	/** The 1-minute load average. */
	static double load1() {
		try {
			return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
		}
		catch (IOException | RuntimeException ex) {
			return Double.NaN;
		}
	}

	/**
	 * The fields of {@code /proc/<pid>/stat} the bench reads.
	 * @return the parent's id, utime, stime, cutime and cstime in ticks, or {@code null}
	 * if the process is gone or cannot be read
	 */
	private static long[] stat(long pid) {
		String line;
		try {
			line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
		}
		catch (IOException ex) {
			return null;
		}
		// the command, in parentheses, may hold spaces: the fields follow its last ')'
		String[] fields = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
		// fields[0] is the state (field 3 of proc(5)), so field k is fields[k - 3]
		return new long[] { Long.parseLong(fields[1]), Long.parseLong(fields[11]), Long.parseLong(fields[12]),
				Long.parseLong(fields[13]), Long.parseLong(fields[14]) };
	}

	private static String comm(long pid) {
		try {
			return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).trim();
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static double clockTicks() {
		try {
			Process process = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
			String out = new String(process.getInputStream().readAllBytes()).trim();
			return (process.waitFor() == 0) ? Double.parseDouble(out) : 100;
		}
		catch (IOException | RuntimeException ex) {
			return 100;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 100;
		}
	}

}
