package io.queuejob.spring.web;

/**
 * Thrown when a request parameter or body has a value the API does not accept; answered
 * with 400 and a problem detail naming the parameter.
 */
class InvalidParameterException extends RuntimeException {

	private final String parameter;

	InvalidParameterException(String parameter, String message) {
		super(message);
		this.parameter = parameter;
	}

	String getParameter() {
		return this.parameter;
	}

}
