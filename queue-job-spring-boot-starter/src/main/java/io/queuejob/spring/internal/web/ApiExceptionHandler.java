package io.queuejob.spring.internal.web;

import java.sql.SQLException;

import io.queuejob.spring.operations.InvalidJobQueryException;
import io.queuejob.spring.operations.JobNotFoundException;
import io.queuejob.spring.operations.TransitionRefusedException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers the errors of the operations API with problem details: 400 for bad parameters
 * (the {@code parameter} property names it) and for values the database refuses, 404 for
 * an unknown job, 409 for a refused transition, Spring MVC's own statuses for requests it
 * cannot take (such as 406), and 500 for anything else, which is logged. It applies to
 * the API's controllers only, before any advice of the application.
 */
@RestControllerAdvice(assignableTypes = { JobsController.class, OverviewController.class, ChannelPauseController.class,
		SchedulesController.class, ChartsController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	/** The SQL state class of "data exception": a value the database does not take. */
	private static final String DATA_EXCEPTION = "22";

	private static final Log log = LogFactory.getLog(ApiExceptionHandler.class);

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalidQuery(InvalidJobQueryException ex) {
		return answer(badRequest(ex.getParameter(), ex.getMessage()));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return handleExceptionInternal(ex,
				badRequest("uuids", "the body must be a JSON object such as {\"uuids\": [\"…\"]}"), headers,
				HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return handleExceptionInternal(ex,
				badRequest("uuids", "the body must be JSON (Content-Type: application/json)"), headers,
				HttpStatus.BAD_REQUEST, request);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notFound(JobNotFoundException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		problem.setTitle("Job not found");
		return answer(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> refused(TransitionRefusedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setTitle("Transition not allowed");
		problem.setProperty("state", ex.getState().dbValue());
		return answer(problem);
	}

	/**
	 * A value the database refused: the operations check every value they bind, so this
	 * is one they do not know of yet; the request, not the server, is at fault.
	 */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> databaseRefused(DataAccessException ex) {
		if (!(ex instanceof DataIntegrityViolationException) && !isDataException(ex)) {
			return failed(ex);
		}
		log.debug("The database refused a value of an operations API request", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"a value of the request is outside what the database accepts");
		problem.setTitle("Invalid parameter");
		return answer(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> failed(RuntimeException ex) {
		log.error("The operations API failed", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"the server failed to answer; its log says why");
		problem.setTitle("Internal error");
		return answer(problem);
	}

	/**
	 * Spring MVC's problem details with their content type set, like the others.
	 */
	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		HttpHeaders problemHeaders = new HttpHeaders();
		problemHeaders.addAll(headers);
		if (body instanceof ProblemDetail) {
			problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
		return new ResponseEntity<>(body, problemHeaders, statusCode);
	}

	/**
	 * A problem detail with its content type set, so that it is written whatever the
	 * request accepts, even when its {@code Accept} header cannot be read.
	 */
	private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static boolean isDataException(DataAccessException ex) {
		return ex.getMostSpecificCause() instanceof SQLException sql && sql.getSQLState() != null
				&& sql.getSQLState().startsWith(DATA_EXCEPTION);
	}

	private static ProblemDetail badRequest(String parameter, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Invalid " + parameter);
		problem.setProperty("parameter", parameter);
		return problem;
	}

}
