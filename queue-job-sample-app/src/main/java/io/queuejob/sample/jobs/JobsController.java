package io.queuejob.sample.jobs;

import java.util.List;

import io.queuejob.spring.autoconfigure.QueueJobProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /jobs}: the newest jobs first, read straight from the {@code queue_job}
 * table.
 */
@RestController
class JobsController {

	private static final String QUERY = """
			SELECT uuid, job_function, description, channel, state, priority, retry, max_retries, eta,
			       result, exc_name, exc_message, date_created, date_done
			FROM %s
			ORDER BY date_created DESC, id DESC
			LIMIT :limit
			""";

	private final JdbcClient jdbc;

	private final String query;

	JobsController(JdbcClient jdbc, QueueJobProperties properties) {
		this.jdbc = jdbc;
		String schema = properties.getSchema();
		this.query = QUERY.formatted(StringUtils.hasText(schema) ? schema + ".queue_job" : "queue_job");
	}

	@GetMapping("/jobs")
	List<JobView> jobs(@RequestParam(defaultValue = "100") int limit) {
		return this.jdbc.sql(this.query).param("limit", Math.max(limit, 0)).query(JobView.class).list();
	}

}
