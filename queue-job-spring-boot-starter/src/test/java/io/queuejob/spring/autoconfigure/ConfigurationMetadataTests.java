package io.queuejob.spring.autoconfigure;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata IDEs complete from: every key of a channel and of a job
 * function, the health switch, and the hints for channels and function names.
 */
class ConfigurationMetadataTests {

	private final Map<String, JsonNode> properties = ConfigurationMetadata.properties();

	private final Map<String, JsonNode> hints = ConfigurationMetadata.hints();

	@Test
	void everyKeyOfAChannelIsDescribedWithItsType() {
		assertThat(type("queue-job.channel.*.capacity")).isEqualTo("java.lang.Integer");
		assertThat(type("queue-job.channel.*.sequential")).isEqualTo("java.lang.Boolean");
		assertThat(type("queue-job.channel.*.throttle")).isEqualTo("java.time.Duration");
		assertThat(type("queue-job.channel.*.removal-interval")).isEqualTo("java.time.Duration");
		assertThat(this.properties.get("queue-job.channel.*.sequential").get("defaultValue").asBoolean()).isFalse();
	}

	@Test
	void everyKeyOfAJobFunctionIsDescribedWithItsType() {
		assertThat(type("queue-job.functions.*.channel")).isEqualTo("java.lang.String");
		assertThat(type("queue-job.functions.*.priority")).isEqualTo("java.lang.Integer");
		assertThat(type("queue-job.functions.*.max-retries")).isEqualTo("java.lang.Integer");
		assertThat(type("queue-job.functions.*.retry-pattern")).isEqualTo("java.lang.String");
		assertThat(type("queue-job.functions.*.related-url")).isEqualTo("java.lang.String");
		assertThat(type("queue-job.functions.*.related-label")).isEqualTo("java.lang.String");
		assertThat(type("queue-job.functions.*.timeout")).isEqualTo("java.time.Duration");
		assertThat(type("queue-job.functions.*.retry-on-timeout")).isEqualTo("java.lang.Boolean");
	}

	@Test
	void entryKeysAreThoseOfTheEntryClasses() {
		assertThat(names("queue-job.channel.*."))
			.containsExactlyInAnyOrderElementsOf(entryKeys("queue-job.channel.*.", QueueJobProperties.Channel.class));
		assertThat(names("queue-job.functions.*.")).containsExactlyInAnyOrderElementsOf(
				entryKeys("queue-job.functions.*.", QueueJobProperties.Function.class));
	}

	@Test
	void healthSwitchIsDescribed() {
		JsonNode health = this.properties.get("management.health.queuejob.enabled");
		assertThat(health).isNotNull();
		assertThat(health.get("type").asString()).isEqualTo("java.lang.Boolean");
		assertThat(health.get("defaultValue").asBoolean()).isTrue();
		assertThat(health.get("description").asString()).contains("queueJob health indicator");
	}

	@Test
	void compactChannelsAreHintedWithExamplesOfTheOptions() {
		assertThat(values("queue-job.channels")).contains("root:8, mail:2, export:1:sequential",
				"root:4, api:1:throttle=2s");
		assertThat(providers("queue-job.channels")).contains("any");
	}

	@Test
	void channelAndFunctionNamesAreHinted() {
		assertThat(values("queue-job.channel.keys")).contains("root", "[root.mail]");
		assertThat(values("queue-job.functions.keys")).contains("[orderService.confirm]");
		assertThat(providers("queue-job.functions.keys")).contains("spring-bean-reference", "any");
		assertThat(values("queue-job.functions.*.retry-pattern")).contains("1:10, 5:60");
	}

	private String type(String name) {
		JsonNode property = this.properties.get(name);
		assertThat(property).as(name).isNotNull();
		assertThat(property.get("description").asString()).as("description of %s", name).isNotBlank();
		return property.get("type").asString();
	}

	private List<String> names(String prefix) {
		return this.properties.keySet().stream().filter((name) -> name.startsWith(prefix)).toList();
	}

	private static List<String> entryKeys(String prefix, Class<?> type) {
		return Arrays.stream(BeanUtils.getPropertyDescriptors(type))
			.filter((property) -> property.getWriteMethod() != null)
			.map((property) -> prefix + DataObjectPropertyName.toDashedForm(property.getName()))
			.toList();
	}

	private List<String> values(String hint) {
		assertThat(this.hints).containsKey(hint);
		return this.hints.get(hint).path("values").valueStream().map((value) -> value.get("value").asString()).toList();
	}

	private List<String> providers(String hint) {
		return this.hints.get(hint)
			.path("providers")
			.valueStream()
			.map((provider) -> provider.get("name").asString())
			.toList();
	}

}
