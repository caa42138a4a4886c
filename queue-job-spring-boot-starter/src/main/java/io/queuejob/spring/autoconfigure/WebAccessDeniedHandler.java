package io.queuejob.spring.autoconfigure;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * Answers the refusals of the queue-job security filter chain, a missing or wrong CSRF
 * token and a user without the authority, with 403 and a problem detail written at once.
 * Not through the servlet container's error page: that page is served under the
 * application's own security, which asks a request whose credentials were not read yet
 * (the CSRF check comes before HTTP Basic) to log in, with a 401 and a Basic challenge
 * that opens a browser's login dialog.
 * <p>
 * A CSRF refusal of a request with neither a user nor credentials is an authentication
 * failure, answered by the entry point like any other (401).
 */
final class WebAccessDeniedHandler implements AccessDeniedHandler {

	private final AuthenticationEntryPoint entryPoint;

	private final String authority;

	private final JacksonJsonHttpMessageConverter json = new JacksonJsonHttpMessageConverter();

	private final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	WebAccessDeniedHandler(AuthenticationEntryPoint entryPoint, String authority) {
		this.entryPoint = entryPoint;
		this.authority = authority;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException, ServletException {
		if (response.isCommitted()) {
			return;
		}
		boolean csrf = ex instanceof CsrfException;
		if (csrf && isWithoutCredentials(request)) {
			this.entryPoint.commence(request, response,
					new InsufficientAuthenticationException("No user and no credentials", ex));
			return;
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, csrf
				? "the CSRF token is missing or wrong: send the value of the XSRF-TOKEN cookie in the X-XSRF-TOKEN header"
				: "this needs the authority " + this.authority);
		problem.setTitle(csrf ? "Invalid CSRF token" : "Forbidden");
		response.setStatus(HttpStatus.FORBIDDEN.value());
		this.json.write(problem, MediaType.APPLICATION_PROBLEM_JSON, new ServletServerHttpResponse(response));
	}

	private boolean isWithoutCredentials(HttpServletRequest request) {
		return request.getHeader(HttpHeaders.AUTHORIZATION) == null
				&& !this.trustResolver.isAuthenticated(this.contexts.getContext().getAuthentication());
	}

}
