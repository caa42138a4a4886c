package io.queuejob.spring.testsupport;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/**
 * An application with nothing of its own but auto-configuration, in a package without
 * entities or repositories, so that Boot's default entity and repository scanning finds
 * none of the starter's.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class AutoConfiguredApplication {

}
