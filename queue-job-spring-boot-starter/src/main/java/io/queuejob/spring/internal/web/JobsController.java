package io.queuejob.spring.internal.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.queuejob.core.JobAction;
import io.queuejob.core.JobState;
import io.queuejob.spring.internal.function.RelatedActions;
import io.queuejob.spring.operations.InvalidJobQueryException;
import io.queuejob.spring.operations.JobDetail;
import io.queuejob.spring.operations.JobFilter;
import io.queuejob.spring.operations.JobOperations;
import io.queuejob.spring.operations.JobQuery;
import io.queuejob.spring.operations.WaitingReason;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The jobs of the operations API: lists, counts, one job in full, and the actions on one
 * job or a selection.
 */
@RestController
@RequestMapping("${queue-job.web.path:/queue-job}/api/jobs")
public class JobsController {

	private final JobOperations operations;

	private final RelatedActions relatedActions;

	/**
	 * Create the controller.
	 * @param operations the operations it exposes
	 * @param relatedActions the links from a job to the record it works on
	 */
	public JobsController(JobOperations operations, RelatedActions relatedActions) {
		this.operations = operations;
		this.relatedActions = relatedActions;
	}

	/**
	 * One page of the jobs matching the filters.
	 * @param state the states (repeatable)
	 * @param channel the exact channel name
	 * @param function the exact job function name
	 * @param text a case-insensitive substring of description or exception
	 * @param createdFrom created at or after (ISO-8601)
	 * @param createdTo created before (ISO-8601)
	 * @param doneFrom done at or after (ISO-8601)
	 * @param doneTo done before (ISO-8601)
	 * @param sort {@code newest} or {@code oldest}
	 * @param limit 1 to {@link JobOperations#MAX_PAGE_SIZE}, 50 when absent
	 * @param cursor the cursor of the previous page
	 * @return the page
	 */
	@GetMapping
	public Object list(@RequestParam(required = false) List<String> state,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String function,
			@RequestParam(required = false) String text, @RequestParam(required = false) String createdFrom,
			@RequestParam(required = false) String createdTo, @RequestParam(required = false) String doneFrom,
			@RequestParam(required = false) String doneTo, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
		JobFilter filter = Parameters.filter(state, channel, function, text, createdFrom, createdTo, doneFrom, doneTo);
		JobQuery query = new JobQuery(filter, Parameters.sort(sort), Parameters.limit(limit),
				Parameters.blankToNull(cursor));
		return JobJson.Page.of(this.operations.list(query));
	}

	/**
	 * The number of matching jobs per state, capped.
	 * @param channel the exact channel name
	 * @param function the exact job function name
	 * @param text a case-insensitive substring of description or exception
	 * @param createdFrom created at or after (ISO-8601)
	 * @param createdTo created before (ISO-8601)
	 * @param doneFrom done at or after (ISO-8601)
	 * @param doneTo done before (ISO-8601)
	 * @return the counts and the capped states
	 */
	@GetMapping("/counts")
	public Map<String, Object> counts(@RequestParam(required = false) String channel,
			@RequestParam(required = false) String function, @RequestParam(required = false) String text,
			@RequestParam(required = false) String createdFrom, @RequestParam(required = false) String createdTo,
			@RequestParam(required = false) String doneFrom, @RequestParam(required = false) String doneTo) {
		JobFilter filter = Parameters.filter(null, channel, function, text, createdFrom, createdTo, doneFrom, doneTo);
		return JobJson.counts(this.operations.counts(filter));
	}

	/**
	 * One job in full.
	 * @param uuid the job's uuid
	 * @return the job
	 */
	@GetMapping("/{uuid}")
	public Object detail(@PathVariable String uuid) {
		JobDetail job = this.operations.detail(Parameters.uuid("uuid", uuid));
		JobState state = job.summary().state();
		WaitingReason waiting = (state == JobState.PENDING || state == JobState.WAIT_DEPENDENCIES)
				? this.operations.waitingReason(job.summary().uuid()) : null;
		return JobJson.Detail.of(job,
				this.relatedActions.linkFor(job.summary().function(), job.argsJson()).orElse(null), waiting);
	}

	/**
	 * Requeue one job.
	 * @param uuid the job's uuid
	 * @return the job after the change
	 */
	@PostMapping("/{uuid}/requeue")
	public Object requeue(@PathVariable String uuid) {
		return performOne(JobAction.REQUEUE, uuid);
	}

	/**
	 * Cancel one job.
	 * @param uuid the job's uuid
	 * @return the job after the change
	 */
	@PostMapping("/{uuid}/cancel")
	public Object cancel(@PathVariable String uuid) {
		return performOne(JobAction.CANCEL, uuid);
	}

	/**
	 * Set one job done.
	 * @param uuid the job's uuid
	 * @return the job after the change
	 */
	@PostMapping("/{uuid}/done")
	public Object done(@PathVariable String uuid) {
		return performOne(JobAction.DONE, uuid);
	}

	/**
	 * Requeue a selection of jobs.
	 * @param selection the uuids
	 * @return the jobs changed and refused
	 */
	@PostMapping("/requeue")
	public Object requeueAll(@RequestBody JobJson.Selection selection) {
		return perform(JobAction.REQUEUE, selection);
	}

	/**
	 * Cancel a selection of jobs.
	 * @param selection the uuids
	 * @return the jobs changed and refused
	 */
	@PostMapping("/cancel")
	public Object cancelAll(@RequestBody JobJson.Selection selection) {
		return perform(JobAction.CANCEL, selection);
	}

	/**
	 * Set a selection of jobs done.
	 * @param selection the uuids
	 * @return the jobs changed and refused
	 */
	@PostMapping("/done")
	public Object doneAll(@RequestBody JobJson.Selection selection) {
		return perform(JobAction.DONE, selection);
	}

	private Object performOne(JobAction action, String uuid) {
		return JobJson.Summary.of(this.operations.performOne(action, Parameters.uuid("uuid", uuid)));
	}

	private Object perform(JobAction action, JobJson.Selection selection) {
		List<String> values = (selection != null) ? selection.uuids() : null;
		if (values == null || values.isEmpty()) {
			throw new InvalidJobQueryException("uuids", "uuids must list at least one job uuid");
		}
		List<UUID> uuids = new ArrayList<>(values.size());
		for (String value : values) {
			uuids.add(Parameters.uuid("uuids", value));
		}
		return JobJson.Result.of(this.operations.perform(action, uuids));
	}

}
