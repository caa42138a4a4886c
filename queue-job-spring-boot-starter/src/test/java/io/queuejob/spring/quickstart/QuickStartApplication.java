package io.queuejob.spring.quickstart;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application as the README's Quick start builds it: the starter, a PostgreSQL data
 * source, and the beans of its steps.
 */
@SpringBootApplication
class QuickStartApplication {

}
