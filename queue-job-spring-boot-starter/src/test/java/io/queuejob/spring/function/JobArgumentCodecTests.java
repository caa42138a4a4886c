package io.queuejob.spring.function;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.queuejob.core.IdentityKey;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JobArgumentCodecTests {

	private final JobArgumentCodec codec = new JobArgumentCodec(JsonMapper.builder().build());

	@Test
	void argumentsRoundTripWithTheDeclaredTypes() throws Exception {
		Method method = Sample.class.getMethod("call", Line.class, List.class, Map.class, BigDecimal.class);
		Object[] args = { new Line("pen", 2), List.of(LocalDate.of(2026, 11, 23)),
				Map.of("net", new BigDecimal("10.00")), new BigDecimal("12.50") };
		String json = this.codec.write(method, args);
		assertThat(this.codec.read(method, json)).containsExactly(args);
	}

	@Test
	void canonicalFormSortsMembersAndDropsWhitespace() {
		assertThat(this.codec.canonical("[ {\"b\": [1, {\"z\": null, \"a\": true}], \"a\": \"x\\u0041\"}, 2 ]"))
			.isEqualTo("[{\"a\":\"xA\",\"b\":[1,{\"a\":true,\"z\":null}]},2]");
	}

	@Test
	void canonicalFormKeepsNumbersAsWritten() {
		assertThat(this.codec.canonical("[1.0, 1e5, -0, 12345678901234567890123]"))
			.isEqualTo("[1.0,1e5,-0,12345678901234567890123]");
	}

	@Test
	void equalArgumentsInAnyMapOrderHaveTheSameCanonicalForm() throws Exception {
		Method method = Sample.class.getMethod("raw", Object.class);
		Map<String, Object> forward = new LinkedHashMap<>();
		forward.put("first", 1);
		forward.put("second", Map.of("x", 1, "y", 2));
		Map<String, Object> backward = new LinkedHashMap<>();
		backward.put("second", new TreeMap<>(Map.of("y", 2, "x", 1)).descendingMap());
		backward.put("first", 1);
		String one = this.codec.write(method, new Object[] { forward });
		String other = this.codec.write(method, new Object[] { backward });
		assertThat(one).isNotEqualTo(other);
		assertThat(this.codec.canonical(one)).isEqualTo(this.codec.canonical(other));
		assertThat(IdentityKey.exactHash("f", this.codec.canonical(one)))
			.isEqualTo(IdentityKey.exactHash("f", this.codec.canonical(other)));
	}

	@Test
	void unwritableArgumentIsNamed() throws Exception {
		Method method = Sample.class.getMethod("raw", Object.class);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.codec.write(method, new Object[] { new Unwritable() }))
			.withMessageContaining("argument 'value' (parameter 1 of " + Sample.class.getName() + ".raw)");
	}

	@Test
	void argumentsOverTheSizeLimitFailNamingTheLimit() throws Exception {
		Method method = Sample.class.getMethod("raw", Object.class);
		JobArgumentCodec limited = new JobArgumentCodec(JsonMapper.builder().build(), 100);
		assertThat(limited.write(method, new Object[] { "x".repeat(90) })).hasSize(94);
		assertThatIllegalArgumentException().isThrownBy(() -> limited.write(method, new Object[] { "x".repeat(100) }))
			.withMessageContaining("104 bytes")
			.withMessageContaining("queue-job.max-arguments-size (100 bytes)");
	}

	@Test
	void theSizeLimitCountsTheBytesOfTheJsonInUtf8() throws Exception {
		Method method = Sample.class.getMethod("raw", Object.class);
		JobArgumentCodec limited = new JobArgumentCodec(JsonMapper.builder().build(), 100);
		// ["…"]: 4 bytes around 96 bytes of text; Jackson writes these characters as they
		// are
		assertThat(limited.write(method, new Object[] { "é".repeat(48) })).hasSize(52);
		assertThat(limited.write(method, new Object[] { "€".repeat(32) })).hasSize(36);
		assertThat(limited.write(method, new Object[] { "😀".repeat(24) })).hasSize(52);
		assertThatIllegalArgumentException().isThrownBy(() -> limited.write(method, new Object[] { "é".repeat(49) }))
			.withMessageContaining("102 bytes");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> limited.write(method, new Object[] { "€".repeat(32) + "x" }))
			.withMessageContaining("101 bytes");
		assertThatIllegalArgumentException().isThrownBy(() -> limited.write(method, new Object[] { "😀".repeat(25) }))
			.withMessageContaining("104 bytes");
	}

	@Test
	void storedArgumentsThatDoNotFitFailReadably() throws Exception {
		Method method = Sample.class.getMethod("raw", Object.class);
		assertThatIllegalArgumentException().isThrownBy(() -> this.codec.read(method, "[1, 2]"))
			.withMessageContaining("do not match its 1 parameter(s)");
		assertThatIllegalArgumentException().isThrownBy(() -> this.codec.read(method, "[tru"))
			.withMessageContaining("not valid JSON");
	}

	public record Line(String item, int quantity) {
	}

	public static class Unwritable {

		public String getValue() {
			throw new IllegalStateException("cannot be read");
		}

	}

	public static class Sample {

		public void call(Line line, List<LocalDate> dates, Map<String, BigDecimal> amounts, BigDecimal total) {
		}

		public void raw(Object value) {
		}

	}

}
