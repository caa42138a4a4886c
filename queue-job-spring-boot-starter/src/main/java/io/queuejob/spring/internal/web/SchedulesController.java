package io.queuejob.spring.internal.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.queuejob.spring.schedule.JobSchedules;
import io.queuejob.spring.schedule.ScheduleNotFoundException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The schedules of the operations API: the list, one schedule, and the actions pause,
 * resume and run now.
 */
@RestController
@RequestMapping("${queue-job.web.path:/queue-job}/api/schedules")
public class SchedulesController {

	private final JobSchedules schedules;

	/**
	 * Create the controller.
	 * @param schedules the schedules it exposes
	 */
	public SchedulesController(JobSchedules schedules) {
		this.schedules = schedules;
	}

	/**
	 * Every schedule, by name.
	 * @return the schedules
	 */
	@GetMapping
	public List<?> list() {
		return this.schedules.list().stream().map(ScheduleJson::of).toList();
	}

	/**
	 * One schedule.
	 * @param name its name
	 * @return the schedule
	 */
	@GetMapping("/{name}")
	public Object get(@PathVariable String name) {
		return ScheduleJson.of(this.schedules.find(name).orElseThrow(() -> new ScheduleNotFoundException(name)));
	}

	/**
	 * Pause a schedule.
	 * @param name its name
	 * @return the schedule after the change
	 */
	@PostMapping("/{name}/pause")
	public Object pause(@PathVariable String name) {
		this.schedules.pause(name);
		return get(name);
	}

	/**
	 * Resume a schedule.
	 * @param name its name
	 * @return the schedule after the change
	 */
	@PostMapping("/{name}/resume")
	public Object resume(@PathVariable String name) {
		this.schedules.resume(name);
		return get(name);
	}

	/**
	 * Store a job of a schedule now.
	 * @param name its name
	 * @return the job's uuid, as {@code {"uuid": "…"}}
	 */
	@PostMapping("/{name}/run")
	public Map<String, UUID> runNow(@PathVariable String name) {
		return Map.of("uuid", this.schedules.runNow(name));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notFound(ScheduleNotFoundException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		problem.setTitle("Schedule not found");
		return answer(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> refused(IllegalStateException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setTitle("Not run");
		return answer(problem);
	}

	/**
	 * A problem detail with its content type set, so that it is written whatever the
	 * request accepts, even when its {@code Accept} header cannot be read.
	 */
	private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
