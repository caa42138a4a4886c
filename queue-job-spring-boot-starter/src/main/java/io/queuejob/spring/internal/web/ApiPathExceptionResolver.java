package io.queuejob.spring.internal.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.ErrorResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers the requests under the API's path that no endpoint of the API takes (an unknown
 * path, a method the endpoint does not take) with Spring MVC's own problem detail for
 * them, such as 404 or 405 with its {@code Allow} header, instead of the application's
 * error page. Spring MVC finds those errors before any controller, where the
 * {@link ApiExceptionHandler} does not apply; the errors of the API's controllers are
 * left to it.
 */
public final class ApiPathExceptionResolver implements HandlerExceptionResolver, Ordered {

	private final String apiPath;

	private final JacksonJsonHttpMessageConverter json = new JacksonJsonHttpMessageConverter();

	/**
	 * Create the resolver.
	 * @param path the base path of the dashboard, {@code queue-job.web.path}
	 */
	public ApiPathExceptionResolver(String path) {
		this.apiPath = path + "/api";
	}

	@Override
	public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (!(ex instanceof ErrorResponse error) || isApiController(handler) || !isUnderApiPath(request)
				|| response.isCommitted()) {
			return null;
		}
		try {
			response.setStatus(error.getStatusCode().value());
			error.getHeaders().forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
			this.json.write(error.getBody(), MediaType.APPLICATION_PROBLEM_JSON,
					new ServletServerHttpResponse(response));
			return new ModelAndView();
		}
		catch (IOException writeFailed) {
			return null;
		}
	}

	private static boolean isApiController(Object handler) {
		return handler instanceof HandlerMethod method
				&& (method.getBeanType() == JobsController.class || method.getBeanType() == OverviewController.class);
	}

	private boolean isUnderApiPath(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.equals(this.apiPath) || path.startsWith(this.apiPath + "/");
	}

	/**
	 * Just after Boot's error attributes, which only record the exception, and before
	 * Spring MVC's resolvers.
	 */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

}
