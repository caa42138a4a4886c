package io.queuejob.spring.testsupport;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A {@link MockMvc} on an application's API and dashboard, through its security filter
 * chain, whose every request comes from a user with the authority the API asks for by
 * default ({@code QUEUE_JOB_ADMIN}).
 */
public final class AdminMockMvc {

	/** The authority the API and dashboard ask for by default. */
	public static final String AUTHORITY = "QUEUE_JOB_ADMIN";

	private AdminMockMvc() {
	}

	/**
	 * Build the {@link MockMvc}.
	 * @param context the web application
	 * @return requests as the admin user
	 */
	public static MockMvc of(WebApplicationContext context) {
		return MockMvcBuilders.webAppContextSetup(context)
			.apply(springSecurity())
			.defaultRequest(get("/").with(user("admin").authorities(new SimpleGrantedAuthority(AUTHORITY))))
			.build();
	}

}
