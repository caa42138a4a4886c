package io.queuejob.spring.autoconfigure;

import java.time.Duration;
import java.util.Map;

import io.queuejob.core.channel.ChannelConfig;
import io.queuejob.core.channel.ChannelTree;
import io.queuejob.core.channel.RateLimit;
import io.queuejob.spring.InvalidQueueJobPropertyException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ChannelTreeFactory}.
 */
class ChannelTreeFactoryTests {

	@Test
	void removalIntervalAloneDoesNotConfigureTheChannelAgain() {
		QueueJobProperties.Channel mail = new QueueJobProperties.Channel();
		mail.setRemovalInterval(Duration.ofDays(7));
		ChannelTree tree = ChannelTreeFactory.create("root:4, mail:2", Map.of("root.mail", mail));
		assertThat(tree.channels()).extracting(ChannelConfig::name, ChannelConfig::capacity)
			.contains(org.assertj.core.groups.Tuple.tuple("root.mail", 2));
	}

	@Test
	void rateInTheStructuredForm() {
		QueueJobProperties.Channel api = new QueueJobProperties.Channel();
		api.setRate("100/1m");
		ChannelTree tree = ChannelTreeFactory.create("root:4", Map.of("api", api));
		assertThat(tree.resolve("root.api").rate()).isEqualTo(new RateLimit(100, Duration.ofMinutes(1)));
		assertThat(tree.isUnlimited()).isFalse();
	}

	@Test
	void perKeyInTheStructuredForm() {
		QueueJobProperties.Channel api = new QueueJobProperties.Channel();
		api.setCapacity(4);
		api.setPerKey(1);
		ChannelTree tree = ChannelTreeFactory.create("root:8", Map.of("api", api));
		assertThat(tree.resolve("root.api").perKey()).isEqualTo(1);
		assertThat(tree.isUnlimited()).isFalse();
	}

	@Test
	void perKeyOnASequentialChannelNamesTheChannel() {
		QueueJobProperties.Channel export = new QueueJobProperties.Channel();
		export.setSequential(true);
		export.setPerKey(1);
		assertThatExceptionOfType(InvalidQueueJobPropertyException.class)
			.isThrownBy(() -> ChannelTreeFactory.create(null, Map.of("root.export", export)))
			.withMessageContaining("root.export")
			.withMessageContaining("per-key does not apply")
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("queue-job.channel.[root.export]"));
	}

	@Test
	void malformedRateInTheCompactFormNamesTheEntry() {
		assertThatExceptionOfType(InvalidQueueJobPropertyException.class)
			.isThrownBy(() -> ChannelTreeFactory.create("root:4, api:2:rate=100", Map.of()))
			.withMessageContaining("'api:2:rate=100'")
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("queue-job.channels"));
	}

	@Test
	void malformedRateInTheStructuredFormNamesTheChannel() {
		QueueJobProperties.Channel api = new QueueJobProperties.Channel();
		api.setRate("ten/1m");
		assertThatExceptionOfType(InvalidQueueJobPropertyException.class)
			.isThrownBy(() -> ChannelTreeFactory.create(null, Map.of("root.api", api)))
			.withMessageContaining("root.api")
			.withMessageContaining("Invalid rate 'ten/1m'")
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("queue-job.channel.[root.api]"));
	}

}
