package io.queuejob.spring.autoconfigure;

import io.queuejob.spring.CreatedByProvider;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Names the caller by the authentication in Spring Security's
 * {@link SecurityContextHolder}, unless it is anonymous or not authenticated.
 */
final class SecurityContextCreatedByProvider implements CreatedByProvider {

	private final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	@Override
	public String createdBy() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return this.trustResolver.isAuthenticated(authentication) ? authentication.getName() : null;
	}

}
