package io.queuejob.sample;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Logs, once the application is ready, the commands that show it at work.
 */
@Component
class ReadyMessage implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(ReadyMessage.class);

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port", "8080");
		logger.info(text(port));
	}

	static String text(String port) {
		String base = "localhost:" + port;
		return "queue-job sample ready: curl -X POST " + base + "/orders -H 'Content-Type: application/json'"
				+ " -d '{\"customer\": \"Ada\", \"email\": \"ada@example.com\", \"amount\": 42.50}'" + " then curl "
				+ base + "/jobs";
	}

}
