package io.queuejob.core.channel;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

class ChannelTreeTests {

	@Test
	void simpleConfiguration() {
		ChannelTree tree = ChannelTree.parse("root:4,autosub.sub:2,seq:1:sequential");
		assertThat(tree.root().capacity()).isEqualTo(4);
		assertThat(tree.root().sequential()).isFalse();
		assertThat(tree.channels()).extracting(ChannelConfig::name)
			.containsExactly("root", "root.autosub.sub", "root.seq");
	}

	@Test
	void treeWithoutAnyLimitIsUnlimited() {
		assertThat(ChannelTree.of(List.of()).isUnlimited()).isTrue();
		assertThat(ChannelTree.of(List.of(ChannelConfig.unlimited("root.mail"))).isUnlimited()).isTrue();
	}

	@Test
	void anyCapacitySequentialOrThrottledChannelLimitsTheTree() {
		assertThat(ChannelTree.parse("root:4").isUnlimited()).isFalse();
		assertThat(ChannelTree.parse("mail:2").isUnlimited()).isFalse();
		assertThat(ChannelTree.of(List.of(new ChannelConfig("root.seq", null, true, null))).isUnlimited()).isFalse();
		assertThat(ChannelTree.of(List.of(new ChannelConfig("root.api", null, false, Duration.ofSeconds(2))))
			.isUnlimited()).isFalse();
	}

	@Test
	void unconfiguredIntermediateChannelIsAPassThroughToItsAncestor() {
		ChannelTree tree = ChannelTree.parse("root:4,autosub.sub:2,seq:1:sequential");
		assertThat(tree.resolve("root.autosub")).isSameAs(tree.root());
	}

	@Test
	void configuredSubChannelResolvesWithOrWithoutRootPrefix() {
		ChannelTree tree = ChannelTree.parse("root:4,autosub.sub:2,seq:1:sequential");
		ChannelConfig sub = tree.resolve("root.autosub.sub");
		assertThat(sub.name()).isEqualTo("root.autosub.sub");
		assertThat(sub.capacity()).isEqualTo(2);
		assertThat(sub.sequential()).isFalse();
		assertThat(tree.resolve("autosub.sub")).isSameAs(sub);
	}

	@Test
	void sequentialChannelResolvesWithCapacityOne() {
		ChannelTree tree = ChannelTree.parse("root:4,autosub.sub:2,seq:1:sequential");
		ChannelConfig seq = tree.resolve("seq");
		assertThat(seq.name()).isEqualTo("root.seq");
		assertThat(seq.capacity()).isEqualTo(1);
		assertThat(seq.sequential()).isTrue();
	}

	@Test
	void resolveByName() {
		ChannelTree tree = ChannelTree.parse("root:4,root.sub:2,autosub.sub:3");
		assertThat(tree.resolve("root")).isSameAs(tree.root());
		assertThat(tree.resolve(null)).isSameAs(tree.root());
		assertThat(tree.resolve("root.sub").name()).isEqualTo("root.sub");
		assertThat(tree.resolve("sub").name()).isEqualTo("root.sub");
		assertThat(tree.resolve("autosub.sub").name()).isEqualTo("root.autosub.sub");
	}

	@Test
	void unconfiguredChannelResolvesToNearestConfiguredAncestorWithoutRepeatingSegments() {
		ChannelTree tree = ChannelTree.parse("root:4,root.sub:2");
		ChannelConfig sub = tree.resolve("root.sub");
		assertThat(tree.resolve("root.sub.not.configured")).isSameAs(sub);
		assertThat(tree.path("root.sub.not.configured")).extracting(ChannelConfig::name)
			.containsExactly("root.sub", "root");
	}

	@Test
	void rootIsAddedUnlimitedWhenAbsent() {
		ChannelTree tree = ChannelTree.parse("mail:2");
		assertThat(tree.root()).isEqualTo(ChannelConfig.unlimited("root"));
		assertThat(tree.root().capacity()).isNull();
		assertThat(tree.root().isLimiting()).isFalse();
		assertThat(tree.resolve("other")).isSameAs(tree.root());
	}

	@Test
	void emptyConfigurationHasOnlyAnUnlimitedRoot() {
		ChannelTree tree = ChannelTree.parse(null);
		assertThat(tree.channels()).containsExactly(ChannelConfig.unlimited("root"));
	}

	@Test
	void rootConfiguredTwiceIsRejected() {
		assertThatExceptionOfType(InvalidChannelConfigException.class)
			.isThrownBy(() -> ChannelTree.parse("root:4,root:2"))
			.withMessage("Channel root is configured twice");
	}

	@Test
	void channelConfiguredTwiceUnderDifferentSpellingsIsRejected() {
		assertThatExceptionOfType(InvalidChannelConfigException.class)
			.isThrownBy(() -> ChannelTree.parse("mail:2,root.mail:3"))
			.withMessage("Channel root.mail is configured twice");
	}

	@Test
	void pathFromDeepUnconfiguredChannelGoesThroughConfiguredAncestorsOnly() {
		ChannelTree tree = ChannelTree.parse("root:8,a:4,a.b.c:1");
		List<ChannelConfig> path = tree.path("a.b.c.d.e");
		assertThat(path).extracting(ChannelConfig::name).containsExactly("root.a.b.c", "root.a", "root");
		assertThat(tree.parentOf(tree.resolve("a.b.c")).name()).isEqualTo("root.a");
		assertThat(tree.parentOf(tree.root())).isNull();
	}

	@Test
	void pathOfRootIsRootAlone() {
		ChannelTree tree = ChannelTree.parse("root:4,mail:2");
		assertThat(tree.path("root")).containsExactly(tree.root());
	}

	@Test
	void malformedEntryIsReportedByTheTree() {
		assertThatExceptionOfType(InvalidChannelConfigException.class)
			.isThrownBy(() -> ChannelTree.parse("root:4,mail:0"))
			.withMessageStartingWith("Invalid channel entry 'mail:0'");
	}

	@Test
	void ratePeriodsAreThoseOfTheChannelsWithARateByName() {
		ChannelTree tree = ChannelTree.parse("root:4, api:4:rate=100/1m, mail:2, bulk:1:rate=5/PT0.5S");
		assertThat(tree.ratePeriods()).containsExactly(entry("root.api", Duration.ofMinutes(1)),
				entry("root.bulk", Duration.ofMillis(500)));
		assertThat(ChannelTree.parse("root:4").ratePeriods()).isEmpty();
	}

}
