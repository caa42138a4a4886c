package io.queuejob.spring.web;

import io.queuejob.spring.operations.InvalidJobQueryException;
import io.queuejob.spring.operations.JobNotFoundException;
import io.queuejob.spring.operations.TransitionRefusedException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers the errors of the operations API with problem details: 400 for bad parameters
 * (the {@code parameter} property names it), 404 for an unknown job, 409 for a refused
 * transition. It applies to the API's controllers only, before any advice of the
 * application.
 */
@RestControllerAdvice(assignableTypes = { JobsController.class, OverviewController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiExceptionHandler {

	@ExceptionHandler
	ProblemDetail invalidQuery(InvalidJobQueryException ex) {
		return badRequest(ex.getParameter(), ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail unreadableBody(HttpMessageNotReadableException ex) {
		return badRequest("uuids", "the body must be a JSON object such as {\"uuids\": [\"…\"]}");
	}

	@ExceptionHandler
	ProblemDetail unsupportedBody(HttpMediaTypeNotSupportedException ex) {
		return badRequest("uuids", "the body must be JSON (Content-Type: application/json)");
	}

	@ExceptionHandler
	ProblemDetail notFound(JobNotFoundException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		problem.setTitle("Job not found");
		return problem;
	}

	@ExceptionHandler
	ProblemDetail refused(TransitionRefusedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setTitle("Transition not allowed");
		problem.setProperty("state", ex.getState().dbValue());
		return problem;
	}

	private static ProblemDetail badRequest(String parameter, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Invalid " + parameter);
		problem.setProperty("parameter", parameter);
		return problem;
	}

}
