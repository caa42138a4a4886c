package io.queuejob.spring.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.queuejob.spring.internal.store.QueueJobSchemaMigration;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The tables of the starter's migrations, read from the migration scripts themselves: the
 * shared test database is migrated once and their rows are deleted between tests, the
 * schema history staying as it is.
 */
final class QueueJobTables {

	private static final String MIGRATIONS = QueueJobSchemaMigration.LOCATION.replace("classpath:", "classpath*:")
			+ "/V*__*.sql";

	private static final Pattern CREATE_TABLE = Pattern
		.compile("(?i)CREATE\\s+(?:UNLOGGED\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\w+)");

	private static final Pattern VERSION = Pattern.compile("V(\\d+)__.*");

	/**
	 * The tables that hold jobs, in the order the migrations create them; the node
	 * registry is left out: it lists the nodes running now, whose heartbeats keep it.
	 */
	private static final List<String> JOB_TABLES = jobTables();

	private QueueJobTables() {
	}

	/**
	 * Apply the starter's migrations, as an application starting on the database does.
	 * @param dataSource the database
	 */
	static void migrate(DataSource dataSource) {
		new QueueJobSchemaMigration(dataSource).migrate();
	}

	/**
	 * Delete every job row, children first. Rows are deleted rather than truncated: a
	 * truncation waits for every transaction that touched the tables, and deleting keeps
	 * the ids increasing, so that a late update of a job of an earlier test never lands
	 * on a job of the next one.
	 * @param dataSource the database
	 */
	static void deleteJobs(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("SET lock_timeout = '30s'");
			for (int i = JOB_TABLES.size() - 1; i >= 0; i--) {
				statement.executeUpdate("DELETE FROM " + JOB_TABLES.get(i));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not delete the jobs of the shared test database " + JOB_TABLES
					+ " (a job of an earlier test may still hold its row)", ex);
		}
	}

	/**
	 * The tables that hold jobs.
	 * @return their names, in the order the migrations create them
	 */
	static List<String> jobTables() {
		List<String> tables = new ArrayList<>();
		for (Resource migration : migrations()) {
			Matcher matcher = CREATE_TABLE.matcher(read(migration));
			while (matcher.find()) {
				tables.add(matcher.group(1).toLowerCase());
			}
		}
		tables.remove("queue_job_node");
		tables.remove("queue_job_minute_watermark");
		if (!tables.contains("queue_job")) {
			throw new IllegalStateException("No queue_job table in the migrations " + MIGRATIONS);
		}
		return List.copyOf(tables);
	}

	private static List<Resource> migrations() {
		try {
			return Arrays.stream(new PathMatchingResourcePatternResolver().getResources(MIGRATIONS))
				.sorted(Comparator.comparingInt(QueueJobTables::version))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int version(Resource migration) {
		Matcher matcher = VERSION.matcher(migration.getFilename());
		return matcher.matches() ? Integer.parseInt(matcher.group(1)) : Integer.MAX_VALUE;
	}

	private static String read(Resource resource) {
		try (InputStream in = resource.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
