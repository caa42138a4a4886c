package io.queuejob.spring.internal.store;

import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@link StopStore} in plain JDBC.
 */
final class JdbcStopStore implements StopStore {

	private final JdbcTemplate jdbc;

	private final String cancelledAmong;

	JdbcStopStore(JobTables tables) {
		this.jdbc = tables.jdbc();
		// the unique index on uuid
		this.cancelledAmong = """
				SELECT uuid FROM %s WHERE uuid = ANY (?) AND state = 'cancelled'
				""".formatted(tables.table());
	}

	@Override
	public List<UUID> cancelledAmong(Collection<UUID> uuids) {
		return this.jdbc.query(this.cancelledAmong,
				(PreparedStatement ps) -> ps.setArray(1, JobTables.array(ps, "uuid", List.copyOf(uuids))),
				(rs, row) -> rs.getObject(1, UUID.class));
	}

}
