package io.queuejob.spring.autoconfigure;

import io.queuejob.spring.internal.function.RelatedActions;
import io.queuejob.spring.internal.store.JobMinuteStore;
import io.queuejob.spring.internal.web.ApiExceptionHandler;
import io.queuejob.spring.internal.web.ApiPathExceptionResolver;
import io.queuejob.spring.internal.web.ChartsController;
import io.queuejob.spring.internal.web.Dashboard;
import io.queuejob.spring.internal.web.ChannelPauseController;
import io.queuejob.spring.internal.web.JobsController;
import io.queuejob.spring.internal.web.OverviewController;
import io.queuejob.spring.internal.web.SchedulesController;
import io.queuejob.spring.operations.JobOperations;
import io.queuejob.spring.schedule.JobSchedules;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * {@link AutoConfiguration Auto-configuration} of the operations REST API under
 * {@code queue-job.web.path} (default {@code /queue-job}) + {@code /api}.
 * <p>
 * On when {@code queue-job.web.enabled} is true, or when it is not set and Spring
 * Security is on the classpath. With Spring Security, a {@link SecurityFilterChain} named
 * {@value #SECURITY_FILTER_CHAIN} protects the base path and everything under it: an
 * authenticated user with the authority {@code queue-job.web.authority}, 401 (not a
 * redirect) for the API when unauthenticated, CSRF tokens in the {@code XSRF-TOKEN}
 * cookie to be sent back in the {@code X-XSRF-TOKEN} header, 403 with a problem detail
 * (never a login challenge) for a wrong CSRF token or a user without the authority. It
 * matches only that path and comes after Boot's servlet security auto-configuration, so
 * Boot's default chain, which backs off when any chain exists, is already registered and
 * keeps protecting the rest of the application. Define a bean of that name to replace it.
 * Without Spring Security a warning at start-up says the API is unprotected.
 * <p>
 * Other parts served under the base path (the dashboard) add their own configuration.
 */
@AutoConfiguration(after = QueueJobOperationsAutoConfiguration.class, afterName = {
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(JobOperations.class)
@Conditional(OnQueueJobWebCondition.class)
@EnableConfigurationProperties(QueueJobProperties.class)
public final class QueueJobWebAutoConfiguration {

	/** The name of the security filter chain of the API and dashboard. */
	public static final String SECURITY_FILTER_CHAIN = "queueJobSecurityFilterChain";

	/**
	 * The order of that chain: before Boot's default chain
	 * ({@code SecurityProperties.BASIC_AUTH_ORDER}) and any chain without an order.
	 */
	public static final int SECURITY_FILTER_CHAIN_ORDER = Ordered.LOWEST_PRECEDENCE - 15;

	private static final Log logger = LogFactory.getLog(QueueJobWebAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	JobsController queueJobJobsController(JobOperations operations, RelatedActions relatedActions) {
		return new JobsController(operations, relatedActions);
	}

	@Bean
	@ConditionalOnMissingBean
	OverviewController queueJobOverviewController(JobOperations operations) {
		return new OverviewController(operations);
	}

	@Bean
	@ConditionalOnMissingBean
	ChannelPauseController queueJobChannelPauseController(JobOperations operations) {
		return new ChannelPauseController(operations);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(JobSchedules.class)
	SchedulesController queueJobSchedulesController(JobSchedules schedules) {
		return new SchedulesController(schedules);
	}

	@Bean
	@ConditionalOnMissingBean
	ChartsController queueJobChartsController(JobMinuteStore minutes, QueueJobSettings settings) {
		return new ChartsController(minutes, settings.getClock());
	}

	@Bean
	@ConditionalOnMissingBean
	Dashboard queueJobDashboard(QueueJobProperties properties) {
		return new Dashboard(properties.getWeb().getPath());
	}

	@Bean
	RouterFunction<ServerResponse> queueJobDashboardPage(Dashboard dashboard) {
		return dashboard.pageRoutes();
	}

	@Bean
	@ConditionalOnMissingBean
	ApiExceptionHandler queueJobApiExceptionHandler() {
		return new ApiExceptionHandler();
	}

	@Bean
	@ConditionalOnMissingBean
	ApiPathExceptionResolver queueJobApiPathExceptionResolver(QueueJobProperties properties) {
		return new ApiPathExceptionResolver(properties.getWeb().getPath());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { OnQueueJobWebCondition.SECURITY_FILTER_CHAIN, OnQueueJobWebCondition.HTTP_SECURITY })
	static class SecurityConfiguration {

		@Bean(name = SECURITY_FILTER_CHAIN)
		@ConditionalOnMissingBean(name = SECURITY_FILTER_CHAIN)
		@Order(SECURITY_FILTER_CHAIN_ORDER)
		SecurityFilterChain queueJobSecurityFilterChain(HttpSecurity http, QueueJobProperties properties)
				throws Exception {
			String path = properties.getWeb().getPath();
			AuthenticationEntryPoint entryPoint = entryPoint(
					PathPatternRequestMatcher.withDefaults().matcher(path + "/api/**"));
			return http.securityMatcher(path, path + "/**")
				.authorizeHttpRequests(
						(requests) -> requests.anyRequest().hasAuthority(properties.getWeb().getAuthority()))
				.httpBasic((basic) -> basic.realmName("queue-job"))
				.csrf((csrf) -> csrf.spa())
				.requestCache((cache) -> cache.requestCache(new NullRequestCache()))
				.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint)
					.accessDeniedHandler(new WebAccessDeniedHandler(entryPoint, properties.getWeb().getAuthority())))
				.build();
		}

		/**
		 * The API answers 401 without a challenge, so that the dashboard's requests never
		 * open a browser's login dialog; a page asks for HTTP Basic credentials.
		 */
		private static AuthenticationEntryPoint entryPoint(RequestMatcher api) {
			HttpStatusEntryPoint unauthorized = new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED);
			BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
			basic.setRealmName("queue-job");
			return (request, response, exception) -> {
				if (api.matches(request)) {
					unauthorized.commence(request, response, exception);
				}
				else {
					basic.commence(request, response, exception);
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass(OnQueueJobWebCondition.SECURITY_FILTER_CHAIN)
	static class UnprotectedConfiguration {

		@Bean
		SmartInitializingSingleton queueJobWebUnprotectedWarning(QueueJobProperties properties) {
			return () -> logger.warn("queue-job operations API and dashboard are on (queue-job.web.enabled=true) "
					+ "without Spring Security: anyone who can reach " + properties.getWeb().getPath()
					+ " can read and change jobs. Add Spring Security, or protect the path yourself.");
		}

	}

}
