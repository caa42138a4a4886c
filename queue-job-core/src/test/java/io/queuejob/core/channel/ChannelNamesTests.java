package io.queuejob.core.channel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ChannelNamesTests {

	@Test
	void nullOrBlankIsRoot() {
		assertThat(ChannelNames.normalize(null)).isEqualTo("root");
		assertThat(ChannelNames.normalize("  ")).isEqualTo("root");
	}

	@Test
	void rootPrefixIsOptional() {
		assertThat(ChannelNames.normalize("mail")).isEqualTo("root.mail");
		assertThat(ChannelNames.normalize(" root.mail ")).isEqualTo("root.mail");
		assertThat(ChannelNames.normalize("rootish")).isEqualTo("root.rootish");
	}

	@Test
	void emptySegmentIsRejected() {
		assertThatExceptionOfType(InvalidChannelConfigException.class).isThrownBy(() -> ChannelNames.normalize("a..b"))
			.withMessageContaining("'a..b'")
			.withMessageContaining("empty segment");
	}

	@Test
	void reservedCharacterIsRejected() {
		assertThatExceptionOfType(InvalidChannelConfigException.class).isThrownBy(() -> ChannelNames.normalize("a=b"))
			.withMessageContaining("'='");
	}

	@Test
	void parentOfRootIsNull() {
		assertThat(ChannelNames.parent("root")).isNull();
		assertThat(ChannelNames.parent("root.a.b")).isEqualTo("root.a");
	}

}
