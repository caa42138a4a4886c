package io.queuejob.spring.autoconfigure;

import java.time.Duration;
import java.util.Map;

import io.queuejob.core.channel.ChannelConfig;
import io.queuejob.core.channel.ChannelTree;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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

}
