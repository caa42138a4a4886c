package io.queuejob.spring.internal.web;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.queuejob.core.JobAction;
import io.queuejob.core.JobState;
import io.queuejob.spring.RelatedLink;
import io.queuejob.spring.operations.ActionResult;
import io.queuejob.spring.operations.ChannelStatus;
import io.queuejob.spring.operations.JobCounts;
import io.queuejob.spring.operations.JobDetail;
import io.queuejob.spring.operations.JobGraphView;
import io.queuejob.spring.operations.JobPage;
import io.queuejob.spring.operations.JobProgress;
import io.queuejob.spring.operations.JobSummary;
import io.queuejob.spring.operations.NodeStatus;
import io.queuejob.spring.operations.WaitingCounts;
import io.queuejob.spring.operations.WaitingReason;

/**
 * The JSON shapes of the API. Instants and durations are written as ISO-8601 strings
 * here, whatever the application's JSON settings, and states as their lowercase words.
 */
final class JobJson {

	private JobJson() {
	}

	static String text(Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

	static String text(Duration duration) {
		return (duration != null) ? duration.toString() : null;
	}

	static String text(UUID uuid) {
		return (uuid != null) ? uuid.toString() : null;
	}

	static String text(JobState state) {
		return (state != null) ? state.dbValue() : null;
	}

	/**
	 * A job as listed. {@code allowedActions} are the ids of the actions its state
	 * allows, as {@link JobAction} decides, which the dashboard offers.
	 */
	record Summary(String uuid, String graphUuid, String state, List<String> allowedActions, String channel,
			int priority, String function, String description, int retry, int maxRetries, String eta,
			String dateCreated, String dateStarted, String dateDone, String excName, String excMessage, String worker,
			String createdBy, Progress progress, String partitionKey) {

		static Summary of(JobSummary job) {
			return new Summary(text(job.uuid()), text(job.graphUuid()), text(job.state()),
					JobAction.allowedIn(job.state()).stream().map(JobAction::id).toList(), job.channel(),
					job.priority(), job.function(), job.description(), job.retry(), job.maxRetries(), text(job.eta()),
					text(job.dateCreated()), text(job.dateStarted()), text(job.dateDone()), job.excName(),
					job.excMessage(), job.worker(), job.createdBy(), Progress.of(job.progress()), job.partitionKey());
		}

	}

	/**
	 * What a job last reported of its progress.
	 */
	record Progress(int percent, String message, String reportedAt) {

		static Progress of(JobProgress progress) {
			return (progress != null)
					? new Progress(progress.percent(), progress.message(), text(progress.reportedAt())) : null;
		}

	}

	record Page(List<Summary> jobs, String nextCursor) {

		static Page of(JobPage page) {
			return new Page(page.jobs().stream().map(Summary::of).toList(), page.nextCursor());
		}

	}

	static Map<String, Object> counts(JobCounts counts) {
		Map<String, Object> json = new LinkedHashMap<>();
		counts.counts().forEach((state, count) -> json.put(state.dbValue(), count));
		json.put("capped", counts.capped().stream().map(JobState::dbValue).toList());
		return json;
	}

	record Detail(@JsonUnwrapped Summary summary, @JsonRawValue String args, @JsonRawValue String result,
			String excInfo, String dateEnqueued, String dateFailed, String dateCancelled, Long execTimeMs,
			String identityKey, List<String> dependsOn, List<String> dependents, Graph graph, RelatedLink related,
			Waiting waiting, String timeout, String dateDeadline, String schedule, String scheduledAt) {

		static Detail of(JobDetail job, RelatedLink related, WaitingReason waiting) {
			return new Detail(Summary.of(job.summary()), job.argsJson(), job.resultJson(), job.excInfo(),
					text(job.dateEnqueued()), text(job.dateFailed()), text(job.dateCancelled()), job.execTimeMs(),
					job.identityKey(), job.dependsOn().stream().map(UUID::toString).toList(),
					job.dependents().stream().map(UUID::toString).toList(),
					(job.graph() != null) ? Graph.of(job.graph()) : null, related, Waiting.of(waiting),
					text(job.timeout()), text(job.dateDeadline()), job.schedule(), text(job.scheduledAt()));
		}

	}

	record Waiting(String kind, String channel, String job, String until, String message) {

		static Waiting of(WaitingReason reason) {
			return (reason != null) ? new Waiting(reason.kind().name().toLowerCase(Locale.ROOT), reason.channel(),
					text(reason.job()), text(reason.until()), reason.message()) : null;
		}

	}

	record Graph(List<GraphNode> nodes, List<GraphEdge> edges) {

		static Graph of(JobGraphView graph) {
			return new Graph(
					graph.nodes()
						.stream()
						.map((node) -> new GraphNode(text(node.uuid()), text(node.state()), node.function(),
								node.description()))
						.toList(),
					graph.edges()
						.stream()
						.map((edge) -> new GraphEdge(text(edge.parent()), text(edge.child())))
						.toList());
		}

	}

	record GraphNode(String uuid, String state, String function, String description) {

	}

	record GraphEdge(String parent, String child) {

	}

	record Result(List<String> changed, List<Refusal> refused) {

		static Result of(ActionResult result) {
			return new Result(result.changed().stream().map(UUID::toString).toList(),
					result.refused()
						.stream()
						.map((refusal) -> new Refusal(text(refusal.uuid()), text(refusal.state()), refusal.reason()))
						.toList());
		}

	}

	record Refusal(String uuid, String state, String reason) {

	}

	record Channel(String name, Integer capacity, boolean sequential, String throttle, long waiting, long pending,
			long enqueued, long started, long failed, boolean paused, Map<String, Long> waitingReasons) {

		static Channel of(ChannelStatus channel, WaitingCounts waiting) {
			Map<String, Long> reasons = new LinkedHashMap<>();
			waiting.channels()
				.getOrDefault(channel.name(), Map.of())
				.forEach((kind, count) -> reasons.put(kind.name().toLowerCase(Locale.ROOT), count));
			return new Channel(channel.name(), channel.capacity(), channel.sequential(), text(channel.throttle()),
					channel.waiting(), channel.pending(), channel.enqueued(), channel.started(), channel.failed(),
					channel.paused(), reasons);
		}

	}

	record ClusterNode(String name, boolean runner, int workerThreads, int busyThreads, String startedAt,
			String lastSeen) {

		static ClusterNode of(NodeStatus node) {
			return new ClusterNode(node.name(), node.runner(), node.workerThreads(), node.busyThreads(),
					text(node.startedAt()), text(node.lastSeen()));
		}

	}

	record Selection(List<String> uuids) {

	}

}
