package io.queuejob.spring.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of queue-job. A property under {@code queue-job} that binds
 * nothing, such as a misspelled one, stops start-up naming it.
 */
@ConfigurationProperties(prefix = "queue-job", ignoreUnknownFields = false)
public class QueueJobProperties {

	/**
	 * Whether queue-job is enabled.
	 */
	private boolean enabled = true;

	/**
	 * Whether the listener, the runner and the workers of this node start with the
	 * application context. When not, the application starts them itself, for example with
	 * the context's start().
	 */
	private boolean autoStartup = true;

	/**
	 * Channels in the compact form, for example "root:4, mail:2, export:1:sequential,
	 * api:1:throttle=2s". A channel without a capacity is unlimited; root is unlimited
	 * unless configured.
	 */
	private String channels = "";

	/**
	 * Channels in the structured form, by channel name. Dotted names go in brackets:
	 * "[root.mail]".
	 */
	private Map<String, Channel> channel = new LinkedHashMap<>();

	/**
	 * Overrides of the @QueueJob options per job function name. Names with dots go in
	 * brackets: "[orderService.confirm]".
	 */
	private Map<String, Function> functions = new LinkedHashMap<>();

	/**
	 * How often the runner and the workers look for work when no notification arrives:
	 * the fallback for lost notifications.
	 */
	private Duration pollInterval = Duration.ofSeconds(5);

	/**
	 * Database schema of the queue-job tables. Empty for the connection's current schema.
	 */
	private String schema;

	/**
	 * The most bytes a job's arguments may take as JSON, encoded in UTF-8 (a character
	 * outside ASCII takes two to four). A call with larger arguments fails and stores
	 * nothing: keep large data elsewhere and pass a reference.
	 */
	private DataSize maxArgumentsSize = DataSize.ofMegabytes(1);

	/**
	 * Whether calls of job methods run at once in the caller's thread instead of being
	 * stored (for development and tests).
	 */
	private boolean noDelay;

	private final Migration migration = new Migration();

	private final Runner runner = new Runner();

	private final Worker worker = new Worker();

	private final Listener listener = new Listener();

	private final Vacuum vacuum = new Vacuum();

	private final Metrics metrics = new Metrics();

	private final Web web = new Web();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	public String getChannels() {
		return this.channels;
	}

	public void setChannels(String channels) {
		this.channels = channels;
	}

	public Map<String, Channel> getChannel() {
		return this.channel;
	}

	public void setChannel(Map<String, Channel> channel) {
		this.channel = channel;
	}

	public Map<String, Function> getFunctions() {
		return this.functions;
	}

	public void setFunctions(Map<String, Function> functions) {
		this.functions = functions;
	}

	public Duration getPollInterval() {
		return this.pollInterval;
	}

	public void setPollInterval(Duration pollInterval) {
		this.pollInterval = pollInterval;
	}

	public String getSchema() {
		return this.schema;
	}

	public void setSchema(String schema) {
		this.schema = schema;
	}

	public boolean isNoDelay() {
		return this.noDelay;
	}

	public void setNoDelay(boolean noDelay) {
		this.noDelay = noDelay;
	}

	public DataSize getMaxArgumentsSize() {
		return this.maxArgumentsSize;
	}

	public void setMaxArgumentsSize(DataSize maxArgumentsSize) {
		this.maxArgumentsSize = maxArgumentsSize;
	}

	public Migration getMigration() {
		return this.migration;
	}

	public Runner getRunner() {
		return this.runner;
	}

	public Worker getWorker() {
		return this.worker;
	}

	public Listener getListener() {
		return this.listener;
	}

	public Vacuum getVacuum() {
		return this.vacuum;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	public Web getWeb() {
		return this.web;
	}

	/**
	 * The structured configuration of one channel.
	 */
	public static class Channel {

		/**
		 * How many jobs of the channel may be enqueued or started at once, cluster-wide.
		 * Unlimited when not set.
		 */
		private Integer capacity;

		/**
		 * Whether jobs run one at a time in strict order, a failed job blocking the
		 * channel until it is requeued, cancelled or set done.
		 */
		private boolean sequential;

		/**
		 * Minimum interval between two job starts in the channel.
		 */
		private Duration throttle;

		/**
		 * Most job starts in the channel and its sub-channels per sliding period,
		 * cluster-wide, as starts/period, for example 100/1m.
		 */
		private String rate;

		/**
		 * How many jobs of one partition key may be enqueued or started at once in the
		 * channel and its sub-channels, cluster-wide. No limit per key when not set.
		 */
		private Integer perKey;

		/**
		 * How long done and cancelled jobs of the channel and of its sub-channels without
		 * their own setting are kept. Defaults to queue-job.vacuum.removal-interval.
		 */
		private Duration removalInterval;

		public Integer getCapacity() {
			return this.capacity;
		}

		public void setCapacity(Integer capacity) {
			this.capacity = capacity;
		}

		public boolean isSequential() {
			return this.sequential;
		}

		public void setSequential(boolean sequential) {
			this.sequential = sequential;
		}

		public Duration getThrottle() {
			return this.throttle;
		}

		public void setThrottle(Duration throttle) {
			this.throttle = throttle;
		}

		public String getRate() {
			return this.rate;
		}

		public void setRate(String rate) {
			this.rate = rate;
		}

		public Integer getPerKey() {
			return this.perKey;
		}

		public void setPerKey(Integer perKey) {
			this.perKey = perKey;
		}

		public Duration getRemovalInterval() {
			return this.removalInterval;
		}

		public void setRemovalInterval(Duration removalInterval) {
			this.removalInterval = removalInterval;
		}

	}

	/**
	 * One job function: overrides of its @QueueJob options, which win over the
	 * annotation, or the declaration of a bean method without @QueueJob that
	 * JobQueue.delayable may enqueue.
	 */
	public static class Function {

		/**
		 * Whether the entry's name ("beanName.methodName") declares a public void method
		 * without @QueueJob as a job function, so that JobQueue.delayable may enqueue it
		 * and workers may run it. Not needed for @QueueJob methods, which are job
		 * functions anyway.
		 */
		private boolean delayable;

		/**
		 * Channel of the function's jobs.
		 */
		private String channel;

		/**
		 * Retry pattern, for example "1:10, 5:60, 10:(60-120)": from try N on, wait S
		 * seconds (or a random number of seconds in a range).
		 */
		private String retryPattern;

		/**
		 * Total tries allowed; 0 means unlimited.
		 */
		private Integer maxRetries;

		/**
		 * Priority of the function's jobs; smaller runs first.
		 */
		private Integer priority;

		/**
		 * URL template of the link from a job to the record it works on, for example
		 * "/orders/{0}" ({0} is the first argument, {0.id} a property of it); overrides
		 * the function's @RelatedAction.
		 */
		private String relatedUrl;

		/**
		 * Text of the related link, a template like related-url. Defaults to the
		 * function's @RelatedAction label, else "Related record".
		 */
		private String relatedLabel;

		/**
		 * SpEL expression over the job method's arguments that gives each job's partition
		 * key, for example #p0.tenantId; overrides @QueueJob(partitionKey).
		 */
		private String partitionKey;

		public boolean isDelayable() {
			return this.delayable;
		}

		public void setDelayable(boolean delayable) {
			this.delayable = delayable;
		}

		public String getChannel() {
			return this.channel;
		}

		public void setChannel(String channel) {
			this.channel = channel;
		}

		public String getRetryPattern() {
			return this.retryPattern;
		}

		public void setRetryPattern(String retryPattern) {
			this.retryPattern = retryPattern;
		}

		public Integer getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(Integer maxRetries) {
			this.maxRetries = maxRetries;
		}

		public Integer getPriority() {
			return this.priority;
		}

		public void setPriority(Integer priority) {
			this.priority = priority;
		}

		public String getRelatedUrl() {
			return this.relatedUrl;
		}

		public void setRelatedUrl(String relatedUrl) {
			this.relatedUrl = relatedUrl;
		}

		public String getRelatedLabel() {
			return this.relatedLabel;
		}

		public void setRelatedLabel(String relatedLabel) {
			this.relatedLabel = relatedLabel;
		}

		public String getPartitionKey() {
			return this.partitionKey;
		}

		public void setPartitionKey(String partitionKey) {
			this.partitionKey = partitionKey;
		}

	}

	/**
	 * Schema migration.
	 */
	public static class Migration {

		/**
		 * Whether the starter creates and updates its tables with Flyway, under its own
		 * history table "queue_job_schema_history". Turn off to apply the shipped SQL
		 * yourself.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * The runner, which moves pending jobs to enqueued under the channel rules.
	 */
	public static class Runner {

		/**
		 * Whether this node may be the runner.
		 */
		private boolean enabled = true;

		/**
		 * The most pending jobs of one channel the runner loads in one round; the runner
		 * also plans no round while a tenth of this many jobs wait for a worker.
		 */
		private int maxWindow = 1000;

		/**
		 * How long a node may be without its liveness lock (held by its listener
		 * connection) before the jobs it started are taken for dead and requeued.
		 */
		private Duration deadNodeGrace = Duration.ofSeconds(10);

		public Duration getDeadNodeGrace() {
			return this.deadNodeGrace;
		}

		public void setDeadNodeGrace(Duration deadNodeGrace) {
			this.deadNodeGrace = deadNodeGrace;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxWindow() {
			return this.maxWindow;
		}

		public void setMaxWindow(int maxWindow) {
			this.maxWindow = maxWindow;
		}

	}

	/**
	 * The workers, which run enqueued jobs.
	 */
	public static class Worker {

		/**
		 * Whether this node runs jobs.
		 */
		private boolean enabled = true;

		/**
		 * How many jobs this node runs at once.
		 */
		private int threads = 8;

		/**
		 * How long a stopping node waits for its running jobs before handing the rest
		 * back.
		 */
		private Duration shutdownGrace = Duration.ofSeconds(30);

		/**
		 * How many jobs this node claims beyond its free threads while its jobs are short
		 * (under 20 ms on average), so that a thread that finishes finds its next job
		 * claimed. Defaults to three per thread; 0 claims for free threads only.
		 */
		private Integer claimAhead;

		/**
		 * Whether the workers claim the ready pending jobs (no eta) themselves when no
		 * channel limits its jobs (no capacity, sequential channel or throttle, root
		 * included), in one step instead of two through the runner, which then enqueues
		 * only the jobs with an eta. Every node must have the same channel configuration.
		 */
		private boolean directClaims = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getThreads() {
			return this.threads;
		}

		public void setThreads(int threads) {
			this.threads = threads;
		}

		public Duration getShutdownGrace() {
			return this.shutdownGrace;
		}

		public void setShutdownGrace(Duration shutdownGrace) {
			this.shutdownGrace = shutdownGrace;
		}

		public Integer getClaimAhead() {
			return this.claimAhead;
		}

		public void setClaimAhead(Integer claimAhead) {
			this.claimAhead = claimAhead;
		}

		public boolean isDirectClaims() {
			return this.directClaims;
		}

		public void setDirectClaims(boolean directClaims) {
			this.directClaims = directClaims;
		}

	}

	/**
	 * The LISTEN connection that wakes the runner and the workers.
	 */
	public static class Listener {

		/**
		 * Whether to LISTEN for notifications. Turn off behind a connection pooler in
		 * transaction mode; the runner and workers then poll.
		 */
		private boolean enabled = true;

		/**
		 * How long this node counts on its listener connection (its liveness and runner
		 * locks) after the last probe the server answered on it; the node then stops
		 * claiming jobs and planning until a probe is answered again. Must be shorter
		 * than queue-job.runner.dead-node-grace, so that the other nodes rescue its jobs
		 * only after it stopped. Default: half the dead-node grace.
		 */
		private Duration fencingTimeout;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getFencingTimeout() {
			return this.fencingTimeout;
		}

		public void setFencingTimeout(Duration fencingTimeout) {
			this.fencingTimeout = fencingTimeout;
		}

	}

	/**
	 * The autovacuum, which deletes done and cancelled jobs on the runner's node.
	 */
	public static class Vacuum {

		/**
		 * Whether the runner's node deletes done and cancelled jobs once their removal
		 * interval has passed. Failed jobs are always kept.
		 */
		private boolean enabled = true;

		/**
		 * Time between two runs of the autovacuum.
		 */
		private Duration interval = Duration.ofHours(1);

		/**
		 * How long done and cancelled jobs are kept after they finished, unless their
		 * channel sets its own removal-interval.
		 */
		private Duration removalInterval = Duration.ofDays(30);

		/**
		 * The most jobs deleted in one transaction.
		 */
		private int batchSize = 1000;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public Duration getRemovalInterval() {
			return this.removalInterval;
		}

		public void setRemovalInterval(Duration removalInterval) {
			this.removalInterval = removalInterval;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

	}

	/**
	 * The Micrometer metrics, when Micrometer and a meter registry are present.
	 */
	public static class Metrics {

		/**
		 * The shortest time between two reads of the pending jobs of each channel from
		 * the database, however often the gauges are scraped.
		 */
		private Duration depthRefresh = Duration.ofSeconds(15);

		/**
		 * The most pending jobs counted per channel: the depth gauge stops there, so that
		 * reading it costs the same on a backlog of millions.
		 */
		private int depthLimit = 10000;

		public Duration getDepthRefresh() {
			return this.depthRefresh;
		}

		public void setDepthRefresh(Duration depthRefresh) {
			this.depthRefresh = depthRefresh;
		}

		public int getDepthLimit() {
			return this.depthLimit;
		}

		public void setDepthLimit(int depthLimit) {
			this.depthLimit = depthLimit;
		}

	}

	/**
	 * The operations REST API (and the dashboard) served by the starter.
	 */
	public static class Web {

		/**
		 * Whether the operations API and dashboard are served. When not set, they are on
		 * with Spring Security on the classpath and off without it.
		 */
		private Boolean enabled;

		/**
		 * Base path of the dashboard; the API lives under "{path}/api". Starts with '/',
		 * does not end with '/'.
		 */
		private String path = "/queue-job";

		/**
		 * Authority a user needs for the API and the dashboard when Spring Security is on
		 * the classpath.
		 */
		private String authority = "QUEUE_JOB_ADMIN";

		public Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(Boolean enabled) {
			this.enabled = enabled;
		}

		public String getPath() {
			return this.path;
		}

		/**
		 * Set the base path, checked here once for every user of it.
		 * @param path the path, such as {@code /ops/jobs}
		 * @throws IllegalStateException if the path is malformed
		 */
		public void setPath(String path) {
			this.path = WebPath.check(path);
		}

		public String getAuthority() {
			return this.authority;
		}

		public void setAuthority(String authority) {
			this.authority = authority;
		}

	}

}
