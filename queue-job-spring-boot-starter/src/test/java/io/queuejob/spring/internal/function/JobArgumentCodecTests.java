package io.queuejob.spring.internal.function;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.queuejob.core.IdentityKey;
import org.junit.jupiter.api.Test;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.DefaultTyping;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JobArgumentCodecTests {

	private static volatile boolean markerInitialized;

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

	@Test
	void ordinaryArgumentsComeBackAsPassed() throws Exception {
		Method method = Sample.class.getMethod("ordinary", Line.class, List.class, Map.class, Set.class, Instant.class,
				BigDecimal.class, Size.class, UUID.class, Optional.class, Object.class, int.class);
		Object[] args = { new Line("pen", 2), List.of(new Line("ink", 1)),
				Map.of("a", LocalDate.of(2026, 1, 2), "b", LocalDate.of(2026, 3, 4), "c", LocalDate.of(2026, 5, 6)),
				Set.of("x", "y", "z", "w", "v"), Instant.parse("2026-11-23T10:15:30.123456Z"), new BigDecimal("12.50"),
				Size.LARGE, UUID.randomUUID(), Optional.of("here"), null, 7 };
		String json = this.codec.write(method, args);
		assertThat(this.codec.read(method, json)).containsExactly(args);
	}

	@Test
	void aThreadIsRefusedNamingTheParameter() throws Exception {
		Method method = Sample.class.getMethod("thread", Thread.class);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.codec.write(method, new Object[] { Thread.currentThread() }))
			.withMessageStartingWith("Cannot store argument 'thread' (parameter 1 of " + Sample.class.getName()
					+ ".thread) as java.lang.Thread: java.lang.Thread is a thread, which exists in this process only");
	}

	@Test
	void aClassLoaderAStreamAndALambdaAreRefused() throws Exception {
		Method method = Sample.class.getMethod("raw", Object.class);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.codec.write(method, new Object[] { getClass().getClassLoader() }))
			.withMessageContaining("argument 'value'")
			.withMessageContaining("is a class loader");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.codec.write(method, new Object[] { new ByteArrayInputStream(new byte[1]) }))
			.withMessageContaining("java.io.ByteArrayInputStream is a resource (AutoCloseable");
		Runnable lambda = () -> {
		};
		assertThatIllegalArgumentException().isThrownBy(() -> this.codec.write(method, new Object[] { lambda }))
			.withMessageContaining("is a lambda or method reference");
	}

	@Test
	void anObjectWithoutPropertiesIsRefused() throws Exception {
		Method method = Sample.class.getMethod("opaque", Opaque.class);
		assertThatIllegalArgumentException().isThrownBy(() -> this.codec.write(method, new Object[] { new Opaque() }))
			.withMessageContaining("argument 'opaque' (parameter 1 of ")
			.withMessageContaining(Opaque.class.getName()
					+ " has no properties: it would be stored as {} and read back as a new, empty object");
	}

	@Test
	void whatCannotBeStoredIsRefusedWhereverItIsInAnArgument() throws Exception {
		Method holder = Sample.class.getMethod("holder", Holder.class);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.codec.write(holder, new Object[] { new Holder(Thread.currentThread(), null) }))
			.withMessageContaining("argument 'holder' (parameter 1 of ")
			.withMessageContaining("at thread, java.lang.Thread is a thread");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.codec.write(holder, new Object[] { new Holder(null, new Opaque()) }))
			.withMessageContaining("at opaque, " + Opaque.class.getName() + " has no properties");
		Method optional = Sample.class.getMethod("maybeThread", Optional.class);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.codec.write(optional, new Object[] { Optional.of(Thread.currentThread()) }))
			.withMessageContaining("argument 'thread'")
			.withMessageContaining("java.lang.Thread is a thread");
		Method raw = Sample.class.getMethod("raw", Object.class);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.codec.write(raw, new Object[] { List.of("fine", new Opaque()) }))
			.withMessageContaining("at [1], " + Opaque.class.getName() + " has no properties");
	}

	@Test
	void aValueThatDoesNotComeBackAsPassedIsRefused() throws Exception {
		Method raw = Sample.class.getMethod("raw", Object.class);
		// read back as java.lang.Object, 12.50 is a Double
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.codec.write(raw, new Object[] { new BigDecimal("12.50") }))
			.withMessageContaining("Argument 'value' (parameter 1 of " + Sample.class.getName() + ".raw)"
					+ " does not come back as passed: stored as 12.50, it is read back as java.lang.Object and written 12.5")
			.withMessageContaining("(the value is a java.math.BigDecimal;");
		Method item = Sample.class.getMethod("item", Item.class);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.codec.write(item, new Object[] { new PricedItem("pen", 3) }))
			.withMessageContaining("Argument 'item' (parameter 1 of ")
			.withMessageContaining("does not come back as passed: stored as {\"name\":\"pen\",\"price\":3}")
			.withMessageContaining("(the value is a " + PricedItem.class.getName());
	}

	@Test
	void aValueThatCannotBeReadBackIsRefusedWithJacksonsReason() throws Exception {
		Method method = Sample.class.getMethod("writeOnly", WriteOnly.class);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.codec.write(method, new Object[] { WriteOnly.of("a") }))
			.withMessageStartingWith(
					"Argument 'value' (parameter 1 of " + Sample.class.getName() + ".writeOnly) cannot be read back as "
							+ WriteOnly.class.getName() + ": Cannot construct instance");
	}

	@Test
	void nulIsRefusedButAnEscapedBackslashBeforeU0000IsNot() throws Exception {
		Method method = Sample.class.getMethod("raw", Object.class);
		assertThatIllegalArgumentException().isThrownBy(() -> this.codec.write(method, new Object[] { "a\0b" }))
			.withMessageContaining("argument 'value'")
			.withMessageContaining("U+0000");
		assertThat(this.codec.write(method, new Object[] { "\\u0000" })).isEqualTo("[\"\\\\u0000\"]");
	}

	@Test
	void scalarParametersAreCheckedOnceAndStillWrittenEachTime() throws Exception {
		Method method = Sample.class.getMethod("ids", long.class, String.class);
		assertThat(this.codec.write(method, new Object[] { 1L, "a" })).isEqualTo("[1,\"a\"]");
		assertThat(this.codec.write(method, new Object[] { 2L, "b\"" })).isEqualTo("[2,\"b\\\"\"]");
		assertThatIllegalArgumentException().isThrownBy(() -> this.codec.write(method, new Object[] { 3L, "\0" }))
			.withMessageContaining("U+0000");
	}

	@Test
	void aNonFiniteNumberIsCheckedEvenAfterFiniteOnes() throws Exception {
		JobArgumentCodec codec = new JobArgumentCodec(
				JsonMapper.builder().disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build());
		Method method = Sample.class.getMethod("ratio", double.class);
		assertThat(codec.write(method, new Object[] { 1.5 })).isEqualTo("[1.5]");
		assertThatIllegalArgumentException().isThrownBy(() -> codec.write(method, new Object[] { Double.NaN }))
			.withMessageContaining("Argument 'ratio' (parameter 1 of ")
			.withMessageContaining("cannot be read back as double");
	}

	@Test
	void storedTypeHintsChooseNoClassEvenWhenTheApplicationTurnsDefaultTypingOn() throws Exception {
		JsonMapper application = JsonMapper.builder()
			.activateDefaultTyping(BasicPolymorphicTypeValidator.builder().allowIfSubType(Object.class).build(),
					DefaultTyping.NON_FINAL)
			.build();
		// the application's mapper instantiates what a row names
		assertThat(application.readValue("[\"" + Control.class.getName() + "\",{}]", Object.class))
			.isInstanceOf(Control.class);
		JobArgumentCodec codec = new JobArgumentCodec(application);
		Method raw = Sample.class.getMethod("raw", Object.class);
		Method shape = Sample.class.getMethod("shape", Shape.class);
		assertThat(codec.write(raw, new Object[] { new ArrayList<>(List.of(1, 2)) })).isEqualTo("[[1,2]]");
		assertThat(codec.write(shape, new Object[] { new Shape(3) })).isEqualTo("[{\"sides\":3}]");
		RecordingClassLoader loader = new RecordingClassLoader(getClass().getClassLoader());
		ClassLoader previous = Thread.currentThread().getContextClassLoader();
		Thread.currentThread().setContextClassLoader(loader);
		try {
			String marker = JobArgumentCodecTests.class.getName() + "$Marker";
			assertThat(codec.read(raw, "[[\"" + marker + "\",{\"sides\":4}]]")[0])
				.isEqualTo(List.of(marker, Map.of("sides", 4)));
			assertThat(codec.read(raw, "[{\"@class\":\"" + marker + "\",\"sides\":4}]")[0])
				.isEqualTo(Map.of("@class", marker, "sides", 4));
			Object read = codec.read(shape, "[{\"@class\":\"" + marker + "\",\"sides\":4}]")[0];
			assertThat(read).isExactlyInstanceOf(Shape.class);
			assertThat(((Shape) read).sides).isEqualTo(4);
		}
		finally {
			Thread.currentThread().setContextClassLoader(previous);
		}
		assertThat(loader.requested).noneMatch((name) -> name.endsWith("Marker"));
		assertThat(markerInitialized).isFalse();
	}

	public record Line(String item, int quantity) {
	}

	public record Holder(Thread thread, Opaque opaque) {
	}

	public static class Item {

		public String name;

	}

	public static class PricedItem extends Item {

		public int price;

		PricedItem(String name, int price) {
			this.name = name;
			this.price = price;
		}

	}

	public enum Size {

		SMALL, LARGE

	}

	public static class Opaque {

		private final int hidden = 42;

	}

	public static class WriteOnly {

		private final String value;

		private WriteOnly(String value, int version) {
			this.value = value;
		}

		static WriteOnly of(String value) {
			return new WriteOnly(value, 1);
		}

		public String getValue() {
			return this.value;
		}

	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
	public static class Shape {

		public int sides;

		public Shape() {
		}

		Shape(int sides) {
			this.sides = sides;
		}

	}

	public static class Marker extends Shape {

		static {
			markerInitialized = true;
		}

	}

	public static class Control {

	}

	static final class RecordingClassLoader extends ClassLoader {

		final List<String> requested = new CopyOnWriteArrayList<>();

		RecordingClassLoader(ClassLoader parent) {
			super(parent);
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			this.requested.add(name);
			return super.loadClass(name, resolve);
		}

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

		public void ordinary(Line line, List<Line> lines, Map<String, LocalDate> dates, Set<String> tags, Instant at,
				BigDecimal amount, Size size, UUID id, Optional<String> note, Object nothing, int count) {
		}

		public void thread(Thread thread) {
		}

		public void maybeThread(Optional<Thread> thread) {
		}

		public void opaque(Opaque opaque) {
		}

		public void holder(Holder holder) {
		}

		public void item(Item item) {
		}

		public void writeOnly(WriteOnly value) {
		}

		public void ids(long id, String name) {
		}

		public void ratio(double ratio) {
		}

		public void shape(Shape shape) {
		}

	}

}
