package io.queuejob.core.channel;

import java.time.Duration;
import java.util.List;

import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ChannelConfigParserTests {

	@Test
	void nullOrBlankInputGivesNoChannels() {
		assertThat(ChannelConfigParser.parse(null)).isEmpty();
		assertThat(ChannelConfigParser.parse("")).isEmpty();
		assertThat(ChannelConfigParser.parse(" \n , \n")).isEmpty();
	}

	@Test
	void rootWithCapacity() {
		assertThat(ChannelConfigParser.parse("root:4")).containsExactly(new ChannelConfig("root", 4, false, null));
	}

	@Test
	void rootAndSubChannel() {
		assertThat(ChannelConfigParser.parse("root:4,root.sub:2"))
			.containsExactly(new ChannelConfig("root", 4, false, null), new ChannelConfig("root.sub", 2, false, null));
	}

	@Test
	void sequentialSubChannelWithCapacityTwoIsRejected() {
		assertInvalid("root:4,root.sub:2:sequential").withMessageContaining("'root.sub:2:sequential'")
			.withMessageContaining("sequential channel must have a capacity of 1, got 2");
	}

	@Test
	void nameWithoutCapacityIsUnlimited() {
		assertThat(ChannelConfigParser.parse("root")).containsExactly(new ChannelConfig("root", null, false, null));
	}

	@Test
	void rootPrefixIsOptional() {
		assertThat(ChannelConfigParser.parse("sub:2")).containsExactly(new ChannelConfig("root.sub", 2, false, null));
	}

	@Test
	void whitespaceAndEmptyEntriesAreTolerated() {
		assertThat(ChannelConfigParser.parse("\n    root : 4,\n    ,\n    foo:1: throttle = 2 ,\n")).containsExactly(
				new ChannelConfig("root", 4, false, null),
				new ChannelConfig("root.foo", 1, false, Duration.ofSeconds(2)));
	}

	@Test
	void entriesMayBeSeparatedByNewlines() {
		assertThat(ChannelConfigParser.parse("root : 4\nfoo:1:sequential\r\nbaz")).containsExactly(
				new ChannelConfig("root", 4, false, null), new ChannelConfig("root.foo", 1, true, null),
				new ChannelConfig("root.baz", null, false, null));
	}

	@Test
	void bareSequentialMeansTrue() {
		ChannelConfig config = parseOne("S:1:sequential");
		assertThat(config.sequential()).isTrue();
		assertThat(config.capacity()).isEqualTo(1);
	}

	@Test
	void sequentialFalseIsNotSequential() {
		assertThat(parseOne("S:1:sequential=false").sequential()).isFalse();
		assertThat(parseOne("S:3:sequential=false")).isEqualTo(new ChannelConfig("S", 3, false, null));
	}

	@Test
	void sequentialValueIsCaseInsensitive() {
		assertThat(parseOne("S:1:sequential=TRUE").sequential()).isTrue();
		assertThat(parseOne("S:1:sequential = False").sequential()).isFalse();
	}

	@Test
	void throttleInWholeSeconds() {
		ChannelConfig config = parseOne("T:2:throttle=2");
		assertThat(config.capacity()).isEqualTo(2);
		assertThat(config.throttle()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void throttleWithUnit() {
		assertThat(parseOne("T:1:throttle=500ms").throttle()).isEqualTo(Duration.ofMillis(500));
		assertThat(parseOne("T:1:throttle=2s").throttle()).isEqualTo(Duration.ofSeconds(2));
		assertThat(parseOne("T:1:throttle=1m").throttle()).isEqualTo(Duration.ofMinutes(1));
		assertThat(parseOne("T:1:throttle=1h").throttle()).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void throttleInIso8601() {
		assertThat(parseOne("T:1:throttle=PT2S").throttle()).isEqualTo(Duration.ofSeconds(2));
		assertThat(parseOne("T:1:throttle=PT0.25S").throttle()).isEqualTo(Duration.ofMillis(250));
	}

	@Test
	void optionsCanBeCombined() {
		assertThat(parseOne("S:1:throttle=1s:sequential"))
			.isEqualTo(new ChannelConfig("S", 1, true, Duration.ofSeconds(1)));
	}

	@Test
	void fullExample() {
		List<ChannelConfig> configs = ChannelConfigParser
			.parse("root:4,mail:2,root.export:1:sequential,api:1:throttle=2");
		assertThat(configs).containsExactly(new ChannelConfig("root", 4, false, null),
				new ChannelConfig("root.mail", 2, false, null), new ChannelConfig("root.export", 1, true, null),
				new ChannelConfig("root.api", 1, false, Duration.ofSeconds(2)));
	}

	@Test
	void resultIsUnmodifiable() {
		List<ChannelConfig> configs = ChannelConfigParser.parse("root:4");
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(configs::clear);
	}

	@Test
	void missingNameIsRejected() {
		assertInvalid(":1").withMessage("Invalid channel entry ':1': missing channel name");
	}

	@Test
	void nonNumericCapacityIsRejected() {
		assertInvalid("S:sequential").withMessageContaining("'S:sequential'")
			.withMessageContaining("capacity must be a whole number of at least 1, got 'sequential'")
			.withMessageContaining("options come after the capacity");
		assertInvalid("S:two")
			.withMessage("Invalid channel entry 'S:two': capacity must be a whole number of at least 1, got 'two'");
	}

	@Test
	void zeroCapacityIsRejected() {
		assertInvalid("S:0")
			.withMessage("Invalid channel entry 'S:0': capacity must be a whole number of at least 1, got '0'");
	}

	@Test
	void negativeCapacityIsRejected() {
		assertInvalid("S:-1")
			.withMessage("Invalid channel entry 'S:-1': capacity must be a whole number of at least 1, got '-1'");
	}

	@Test
	void tooLargeCapacityIsRejected() {
		assertInvalid("S:99999999999")
			.withMessage("Invalid channel entry 'S:99999999999': capacity '99999999999' is too large");
	}

	@Test
	void emptyCapacityIsRejected() {
		assertInvalid("mail:").withMessageStartingWith("Invalid channel entry 'mail:': empty capacity");
		assertInvalid("mail::sequential")
			.withMessageStartingWith("Invalid channel entry 'mail::sequential': empty capacity");
	}

	@Test
	void duplicateOptionIsRejected() {
		assertInvalid("S:1:sequential:sequential")
			.withMessage("Invalid channel entry 'S:1:sequential:sequential': duplicate option 'sequential'");
		assertInvalid("S:1:throttle=1:throttle=2")
			.withMessage("Invalid channel entry 'S:1:throttle=1:throttle=2': duplicate option 'throttle'");
	}

	@Test
	void unknownOptionIsRejected() {
		assertInvalid("S:1:k=v").withMessage(
				"Invalid channel entry 'S:1:k=v': unknown option 'k' (known options: sequential, throttle, rate, per-key)");
	}

	@Test
	void sequentialWithCapacityAboveOneIsRejected() {
		assertInvalid("S:2:sequential").withMessage(
				"Invalid channel entry 'S:2:sequential': Channel root.S: a sequential channel must have a capacity of 1, got 2")
			.withCauseInstanceOf(InvalidChannelConfigException.class);
	}

	@Test
	void optionWithMoreThanOneEqualsSignIsRejected() {
		assertInvalid("S:1:throttle=b=c")
			.withMessageStartingWith("Invalid channel entry 'S:1:throttle=b=c': incorrect option 'throttle=b=c'");
		assertInvalid("S:1:a=b=c")
			.withMessageStartingWith("Invalid channel entry 'S:1:a=b=c': incorrect option 'a=b=c'");
	}

	@Test
	void optionWithoutNameIsRejected() {
		assertInvalid("S:1:=true")
			.withMessage("Invalid channel entry 'S:1:=true': incorrect option '=true': missing option name");
	}

	@Test
	void bareThrottleIsRejected() {
		assertInvalid("S:1:throttle").withMessage(
				"Invalid channel entry 'S:1:throttle': option 'throttle' needs a value, for example 'throttle=2s'");
		assertInvalid("S:1:throttle=").withMessageContaining("'S:1:throttle='")
			.withMessageContaining("option 'throttle' needs a value");
	}

	@Test
	void badThrottleValueIsRejected() {
		assertInvalid("S:1:throttle=soon").withMessageContaining("'S:1:throttle=soon'")
			.withMessageContaining("option 'throttle' must be a positive duration")
			.withMessageEndingWith("got 'soon'");
		assertInvalid("S:1:throttle=2d").withMessageContaining("got '2d'");
		assertInvalid("S:1:throttle=1.5s").withMessageContaining("got '1.5s'");
		assertInvalid("S:1:throttle=PTxS").withMessageContaining("got 'PTxS'");
	}

	@Test
	void nonPositiveThrottleIsRejected() {
		assertInvalid("S:1:throttle=0").withMessageContaining("'S:1:throttle=0'")
			.withMessageContaining("option 'throttle' must be a positive duration");
		assertInvalid("S:1:throttle=PT-1S").withMessageContaining("option 'throttle' must be a positive duration");
	}

	@Test
	void badBooleanIsRejected() {
		assertInvalid("S:1:sequential=yes").withMessage(
				"Invalid channel entry 'S:1:sequential=yes': option 'sequential' must be true or false, got 'yes'");
	}

	@Test
	void emptyOptionIsRejected() {
		assertInvalid("S:1:").withMessage("Invalid channel entry 'S:1:': empty option");
		assertInvalid("S:1:sequential: :").withMessage("Invalid channel entry 'S:1:sequential: :': empty option");
	}

	@Test
	void badNameIsRejected() {
		assertInvalid("a..b").withMessage("Invalid channel entry 'a..b': Invalid channel name 'a..b': empty segment")
			.withCauseInstanceOf(InvalidChannelConfigException.class);
		assertInvalid("a..b:1").withMessageStartingWith("Invalid channel entry 'a..b:1': ")
			.withMessageContaining("empty segment");
	}

	@Test
	void errorNamesTheOffendingEntryAmongOthers() {
		assertInvalid("root:4,\n  mail:2 ,\n  export:1:sequential:k ,api:1").withMessage(
				"Invalid channel entry 'export:1:sequential:k': unknown option 'k' (known options: sequential, throttle, rate, per-key)");
	}

	private static ChannelConfig parseOne(String compact) {
		List<ChannelConfig> configs = ChannelConfigParser.parse(compact);
		assertThat(configs).hasSize(1);
		return configs.get(0);
	}

	@Test
	void rateWithUnit() {
		assertThat(ChannelConfigParser.parse("api:4:rate=100/1m"))
			.containsExactly(new ChannelConfig("root.api", 4, false, null, new RateLimit(100, Duration.ofMinutes(1))));
	}

	@Test
	void rateWithSecondsOrIsoPeriodAndOtherOptions() {
		assertThat(ChannelConfigParser.parse("api:1:throttle=1s:rate=10/2, b:2:rate=5/PT0.5S"))
			.extracting(ChannelConfig::rate)
			.containsExactly(new RateLimit(10, Duration.ofSeconds(2)), new RateLimit(5, Duration.ofMillis(500)));
	}

	@Test
	void malformedRatesAreRejectedNamingTheEntry() {
		assertInvalid("api:4:rate").withMessageContaining("'api:4:rate'").withMessageContaining("needs a value");
		assertInvalid("api:4:rate=100").withMessageContaining("'api:4:rate=100'")
			.withMessageContaining("'rate=<starts>/<duration>'");
		assertInvalid("api:4:rate=0/1m").withMessageContaining("at least 1, got '0'");
		assertInvalid("api:4:rate=x/1m").withMessageContaining("got 'x'");
		assertInvalid("api:4:rate=10/0s").withMessageContaining("positive period");
		assertInvalid("api:4:rate=10/1y").withMessageContaining("got '1y'");
		assertInvalid("api:4:rate=10/1m:rate=5/1s").withMessageContaining("duplicate option 'rate'");
		assertInvalid("api:4:rate=99999999999/1m").withMessageContaining("too many");
	}

	@Test
	void perKeyLimitsTheJobsOfOneKey() {
		assertThat(ChannelConfigParser.parse("api:4:per-key=1, tenants:8:per-key=2")).extracting(ChannelConfig::perKey)
			.containsExactly(1, 2);
		assertThat(ChannelConfigParser.parse("api:4:rate=10/1s:per-key=3").get(0).perKey()).isEqualTo(3);
		assertThat(ChannelConfigParser.parse("api:4").get(0).perKey()).isNull();
	}

	@Test
	void malformedPerKeyIsRejectedNamingTheEntry() {
		assertInvalid("api:4:per-key").withMessageStartingWith("Invalid channel entry 'api:4:per-key'")
			.withMessageContaining("'per-key=1'");
		assertInvalid("api:4:per-key=0").withMessageContaining("at least 1").withMessageEndingWith("got '0'");
		assertInvalid("api:4:per-key=x").withMessageContaining("got 'x'");
		assertInvalid("api:4:per-key=99999999999").withMessageContaining("too many");
		assertInvalid("api:4:per-key=1:per-key=2").withMessageContaining("duplicate option 'per-key'");
		assertInvalid("api:1:sequential:per-key=1").withMessageContaining("'api:1:sequential:per-key=1'")
			.withMessageContaining("per-key does not apply");
	}

	private static ThrowableAssertAlternative<InvalidChannelConfigException> assertInvalid(String compact) {
		return assertThatExceptionOfType(InvalidChannelConfigException.class)
			.isThrownBy(() -> ChannelConfigParser.parse(compact));
	}

}
