package io.queuejob.spring.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.queuejob.spring.schedule.MissedOccurrences;
import io.queuejob.spring.schedule.Overlap;

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
	 * Recurring jobs by schedule name, each overriding the @QueueJobSchedule of the same
	 * name. Names with dots go in brackets: "[nightly.report]".
	 */
	private Map<String, Schedule> schedules = new LinkedHashMap<>();

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
	 * The most bytes the value a job method returns may take as JSON, encoded in UTF-8. A
	 * larger result is not stored: the job is done with a note saying so as its result.
	 */
	private DataSize maxResultSize = DataSize.ofKilobytes(64);

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

	private final History history = new History();

	private final Scheduling scheduling = new Scheduling();

	private final Metrics metrics = new Metrics();

	private final Tracing tracing = new Tracing();

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

	public Map<String, Schedule> getSchedules() {
		return this.schedules;
	}

	public void setSchedules(Map<String, Schedule> schedules) {
		this.schedules = schedules;
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

	public DataSize getMaxResultSize() {
		return this.maxResultSize;
	}

	public void setMaxResultSize(DataSize maxResultSize) {
		this.maxResultSize = maxResultSize;
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

	public History getHistory() {
		return this.history;
	}

	public Scheduling getScheduling() {
		return this.scheduling;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	public Tracing getTracing() {
		return this.tracing;
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
		 * How long a try of the function's jobs may run before the worker stops it;
		 * overrides the function's @QueueJob timeout.
		 */
		private Duration timeout;

		/**
		 * Whether a try that timed out is retried through the retry pattern; when false,
		 * the job fails at once.
		 */
		private Boolean retryOnTimeout;

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

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Boolean getRetryOnTimeout() {
			return this.retryOnTimeout;
		}

		public void setRetryOnTimeout(Boolean retryOnTimeout) {
			this.retryOnTimeout = retryOnTimeout;
		}

		public String getPartitionKey() {
			return this.partitionKey;
		}

		public void setPartitionKey(String partitionKey) {
			this.partitionKey = partitionKey;
		}

	}

	/**
	 * One schedule: a job function run at each occurrence of a cron expression, a fixed
	 * rate or a fixed delay. Each property set overrides the @QueueJobSchedule of the
	 * same name; setting one of cron, fixed-rate and fixed-delay replaces the
	 * annotation's timing.
	 */
	public static class Schedule {

		/**
		 * Job function of the schedule's jobs ("beanName.methodName", or the name given
		 * in
		 * @QueueJob). Required unless a @QueueJobSchedule has the same name.
		 */
		private String function;

		/**
		 * Spring cron expression, six fields with seconds first ("0 0 2 * * *"), or a
		 * macro such as "@daily".
		 */
		private String cron;

		/**
		 * Time zone of the cron expression, such as "Europe/Brussels". UTC when not set.
		 */
		private String zone;

		/**
		 * Time between two occurrences.
		 */
		private Duration fixedRate;

		/**
		 * Time from the end of an occurrence's job to the next occurrence.
		 */
		private Duration fixedDelay;

		/**
		 * Arguments of the job method as a JSON array, such as ["daily", 7].
		 */
		private String arguments;

		/**
		 * Whether the schedule runs. Enabled when not set.
		 */
		private Boolean enabled;

		/**
		 * What to do with occurrences missed while no node ran, the schedule was paused
		 * or the runner role moved. Skip when not set.
		 */
		private MissedOccurrences missed;

		/**
		 * Whether an occurrence may start while the previous one waits or runs. Allow
		 * when not set.
		 */
		private Overlap overlap;

		public String getFunction() {
			return this.function;
		}

		public void setFunction(String function) {
			this.function = function;
		}

		public String getCron() {
			return this.cron;
		}

		public void setCron(String cron) {
			this.cron = cron;
		}

		public String getZone() {
			return this.zone;
		}

		public void setZone(String zone) {
			this.zone = zone;
		}

		public Duration getFixedRate() {
			return this.fixedRate;
		}

		public void setFixedRate(Duration fixedRate) {
			this.fixedRate = fixedRate;
		}

		public Duration getFixedDelay() {
			return this.fixedDelay;
		}

		public void setFixedDelay(Duration fixedDelay) {
			this.fixedDelay = fixedDelay;
		}

		public String getArguments() {
			return this.arguments;
		}

		public void setArguments(String arguments) {
			this.arguments = arguments;
		}

		public Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(Boolean enabled) {
			this.enabled = enabled;
		}

		public MissedOccurrences getMissed() {
			return this.missed;
		}

		public void setMissed(MissedOccurrences missed) {
			this.missed = missed;
		}

		public Overlap getOverlap() {
			return this.overlap;
		}

		public void setOverlap(Overlap overlap) {
			this.overlap = overlap;
		}

	}

	/**
	 * The materialisation of schedules' occurrences as jobs, on the runner's node.
	 */
	public static class Scheduling {

		/**
		 * Whether the runner's node materialises the occurrences of schedules as jobs.
		 */
		private boolean enabled = true;

		/**
		 * How late an occurrence may be materialised and still count as on time; an older
		 * one is missed, and its schedule's missed-occurrence policy decides.
		 */
		private Duration missedAfter = Duration.ofMinutes(1);

		/**
		 * The most missed occurrences of one schedule that the "all" policy stores jobs
		 * for at once: the latest ones.
		 */
		private int maxCatchUp = 100;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getMissedAfter() {
			return this.missedAfter;
		}

		public void setMissedAfter(Duration missedAfter) {
			this.missedAfter = missedAfter;
		}

		public int getMaxCatchUp() {
			return this.maxCatchUp;
		}

		public void setMaxCatchUp(int maxCatchUp) {
			this.maxCatchUp = maxCatchUp;
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

		/**
		 * How long a try may run when its job function sets no timeout; none when unset.
		 */
		private Duration defaultTimeout;

		/**
		 * How long a try stopped at its deadline or cancelled may take to end before its
		 * thread is given up as lost, its job finished and a new thread started instead.
		 */
		private Duration stopGrace = Duration.ofSeconds(10);

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

		public Duration getDefaultTimeout() {
			return this.defaultTimeout;
		}

		public void setDefaultTimeout(Duration defaultTimeout) {
			this.defaultTimeout = defaultTimeout;
		}

		public Duration getStopGrace() {
			return this.stopGrace;
		}

		public void setStopGrace(Duration stopGrace) {
			this.stopGrace = stopGrace;
		}

	}

	/**
	 * The LISTEN connection that wakes the runner and the workers.
	 */
	public static class Listener {

		/**
		 * Whether to LISTEN for notifications and hold this node's liveness and runner
		 * locks. Turned off, the runner and workers poll, every runner-enabled node
		 * plans, and no node rescues the jobs of a dead one.
		 */
		private boolean enabled = true;

		/**
		 * JDBC URL of a connection straight to PostgreSQL for the listener (and the
		 * starter's migrations), when the data source goes through a connection pooler
		 * such as PgBouncer. Default: the data source's URL.
		 */
		private String url;

		/**
		 * User of the listener's connection to {@code url}. Default: the application data
		 * source's user.
		 */
		private String username;

		/**
		 * Password of the listener's connection to {@code url}. Default: the application
		 * data source's password.
		 */
		private String password;

		/**
		 * How long this node counts on its listener connection (its liveness and runner
		 * locks) after the last probe the server answered on it; the node then stops
		 * claiming jobs and planning until a probe is answered again. Must be shorter
		 * than queue-job.runner.dead-node-grace, so that the other nodes rescue its jobs
		 * only after it stopped. Default: half the dead-node grace.
		 */
		private Duration fencingTimeout;

		/**
		 * Per notification channel, the shortest time between two notifications this node
		 * sends for the jobs it stores. Within it, the first storing transaction notifies
		 * and the others send one notification together at its end, after they committed;
		 * no job is missed, and fewer commits wait on NOTIFY's commit-time lock. Zero
		 * notifies from every storing transaction.
		 */
		private Duration notifyWindow = Duration.ofMillis(5);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getFencingTimeout() {
			return this.fencingTimeout;
		}

		public String getUrl() {
			return this.url;
		}

		public void setUrl(String url) {
			this.url = url;
		}

		public String getUsername() {
			return this.username;
		}

		public void setUsername(String username) {
			this.username = username;
		}

		public String getPassword() {
			return this.password;
		}

		public void setPassword(String password) {
			this.password = password;
		}

		public void setFencingTimeout(Duration fencingTimeout) {
			this.fencingTimeout = fencingTimeout;
		}

		public Duration getNotifyWindow() {
			return this.notifyWindow;
		}

		public void setNotifyWindow(Duration notifyWindow) {
			this.notifyWindow = notifyWindow;
		}

	}

	/**
	 * The autovacuum, which deletes done and cancelled jobs on the runner's node.
	 */
	public static class History {

		/**
		 * Whether the runner's node moves done and cancelled jobs out of the job table
		 * into the history table, whose daily partitions the autovacuum drops once their
		 * jobs' removal interval has passed. Off, finished jobs stay in the job table
		 * until the autovacuum deletes them.
		 */
		private boolean enabled = true;

		/**
		 * How long after they finished done and cancelled jobs move into the history, at
		 * the earliest; later when a channel's rate limit has a longer period.
		 */
		private Duration moveAfter = Duration.ofMinutes(5);

		/**
		 * Time between two moves into the history.
		 */
		private Duration moveInterval = Duration.ofMinutes(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getMoveAfter() {
			return this.moveAfter;
		}

		public void setMoveAfter(Duration moveAfter) {
			this.moveAfter = moveAfter;
		}

		public Duration getMoveInterval() {
			return this.moveInterval;
		}

		public void setMoveInterval(Duration moveInterval) {
			this.moveInterval = moveInterval;
		}

	}

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

		/**
		 * The shortest time between two counts of the waiting jobs per channel and reason
		 * behind the queue.job.waiting gauges, however often they are scraped. Each count
		 * is one grouped pass over the pending and wait_dependencies jobs.
		 */
		private Duration waitingRefresh = Duration.ofSeconds(30);

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

		public Duration getWaitingRefresh() {
			return this.waitingRefresh;
		}

		public void setWaitingRefresh(Duration waitingRefresh) {
			this.waitingRefresh = waitingRefresh;
		}

	}

	/**
	 * The spans of the jobs, when the application has an observation registry that
	 * traces.
	 */
	public static class Tracing {

		/**
		 * How the span of a job's try relates to the span that enqueued the job:
		 * "continue" makes it a child in the enqueuer's trace; "link" starts a new trace
		 * whose root span links to the enqueuing span, which needs Micrometer Tracing.
		 */
		private Execution execution = Execution.CONTINUE;

		public Execution getExecution() {
			return this.execution;
		}

		public void setExecution(Execution execution) {
			this.execution = execution;
		}

		/**
		 * How the span of a job's try relates to the span that enqueued the job.
		 */
		public enum Execution {

			/**
			 * The try's span continues the enqueuer's trace, as a child of the enqueuing
			 * span.
			 */
			CONTINUE,

			/**
			 * The try's span starts a new trace and links to the enqueuing span.
			 */
			LINK

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
