package io.queuejob.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class IdentityKeyTests {

	@Test
	void literalKeyKeepsItsValue() {
		IdentityKey key = IdentityKey.of("invoice-42");
		assertThat(key.value()).isEqualTo("invoice-42");
		assertThat(key.isExact()).isFalse();
		assertThat(key.resolve("mailer.send", "[1]")).isEqualTo("invoice-42");
	}

	@Test
	void blankOrNullKeyIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> IdentityKey.of(" "));
		assertThatIllegalArgumentException().isThrownBy(() -> IdentityKey.of(null));
	}

	@Test
	void keyLongerThanItsColumnOrHoldingNulIsRejected() {
		assertThat(IdentityKey.of("k".repeat(255)).value()).hasSize(255);
		assertThatIllegalArgumentException().isThrownBy(() -> IdentityKey.of("k".repeat(256)))
			.withMessage("identityKey must be at most 255 characters (the length of its column), got 256");
		assertThatIllegalArgumentException().isThrownBy(() -> IdentityKey.of("k\0"))
			.withMessageContaining("identityKey must not contain the character U+0000");
	}

	@Test
	void literalKeysAreEqualByValue() {
		assertThat(IdentityKey.of("a")).isEqualTo(IdentityKey.of("a")).hasSameHashCodeAs(IdentityKey.of("a"));
		assertThat(IdentityKey.of("a")).isNotEqualTo(IdentityKey.of("b"));
	}

	@Test
	void literalExactIsNotTheExactKey() {
		assertThat(IdentityKey.of("exact")).isNotEqualTo(IdentityKey.EXACT);
		assertThat(IdentityKey.of("exact").isExact()).isFalse();
	}

	@Test
	void exactKeyHasNoValueOfItsOwnAndResolvesToTheHash() {
		assertThat(IdentityKey.EXACT.isExact()).isTrue();
		assertThatIllegalStateException().isThrownBy(IdentityKey.EXACT::value);
		assertThat(IdentityKey.EXACT.resolve("mailer.send", "[1]"))
			.isEqualTo(IdentityKey.exactHash("mailer.send", "[1]"));
	}

	@Test
	void exactHashIsLowercaseHexSha256OfFunctionNulAndArguments() {
		// printf 'f\0[]' | sha256sum
		assertThat(IdentityKey.exactHash("f", "[]"))
			.isEqualTo("ef9886d1aed60723c7a72b5aaa6ae59b783a0792257984523254337c4d9b87e6");
	}

	@Test
	void exactHashEncodesTextAsUtf8() {
		// printf 'caf\xc3\xa9\0["\xc3\xbc"]' | sha256sum
		assertThat(IdentityKey.exactHash("caf\u00e9", "[\"\u00fc\"]"))
			.isEqualTo("589cffaf724eeb4b84f88328a7cf5a8add9af5e60d91c336198dd4b768e8a6c3");
	}

	@Test
	void exactHashIsStable() {
		assertThat(IdentityKey.exactHash("mailer.send", "[\"bob\",2]"))
			.isEqualTo(IdentityKey.exactHash("mailer.send", "[\"bob\",2]"))
			.hasSize(64)
			.matches("[0-9a-f]{64}");
	}

	@Test
	void exactHashDiffersForDifferentArgumentsOrFunctions() {
		String hash = IdentityKey.exactHash("mailer.send", "[1]");
		assertThat(IdentityKey.exactHash("mailer.send", "[2]")).isNotEqualTo(hash);
		assertThat(IdentityKey.exactHash("mailer.sendAll", "[1]")).isNotEqualTo(hash);
	}

	@Test
	void exactHashSeparatesFunctionFromArguments() {
		assertThat(IdentityKey.exactHash("ab", "c")).isNotEqualTo(IdentityKey.exactHash("a", "bc"));
	}

	@Test
	void exactHashRejectsNulInFunctionName() {
		assertThatIllegalArgumentException().isThrownBy(() -> IdentityKey.exactHash("a\0b", "[]"));
	}

}
