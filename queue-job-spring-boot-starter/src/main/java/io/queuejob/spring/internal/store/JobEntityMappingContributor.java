package io.queuejob.spring.internal.store;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.queuejob.spring.store.JobEntity;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.hibernate.boot.ResourceStreamLocator;
import org.hibernate.boot.spi.AdditionalMappingContributions;
import org.hibernate.boot.spi.AdditionalMappingContributor;
import org.hibernate.boot.spi.InFlightMetadataCollector;
import org.hibernate.boot.spi.MetadataBuildingContext;

/**
 * Adds {@link JobEntity} to a Hibernate persistence unit that asks for it, whatever
 * entity scanning the application uses, and qualifies its tables with the queue-job
 * schema when one is configured.
 * <p>
 * Hibernate finds this contributor as a Java service in every persistence unit it builds;
 * it does nothing unless the unit's settings contain {@link #ENABLED_SETTING}
 * {@code = true}. The starter's auto-configuration sets that, and {@link #SCHEMA_SETTING}
 * from {@code queue-job.schema}, on the entity manager factory of queue-job's data source
 * only. A persistence unit built without Spring Boot can set them too.
 * <p>
 * Without a schema the entity is contributed as it is annotated. With a schema it is
 * contributed through a small {@code orm.xml} document, merged with the annotations, that
 * names the schema for the entity's table {@code queue_job} and its join table
 * {@code queue_job_dependency} and nothing else, so the application's entities keep their
 * own schema. If the application's entity scanning already found the entity, or
 * Hibernate's XML mappings are turned off, the tables stay unqualified (with a warning
 * when a schema was asked for) and are looked up on the connection's {@code search_path}.
 */
public class JobEntityMappingContributor implements AdditionalMappingContributor {

	/**
	 * The setting that asks for {@link JobEntity} in a persistence unit: {@code true} or
	 * {@code false}.
	 */
	public static final String ENABLED_SETTING = "io.queuejob.jpa.enabled";

	/**
	 * The setting that names the schema of the queue-job tables; absent or empty for the
	 * connection's search path.
	 */
	public static final String SCHEMA_SETTING = "io.queuejob.jpa.schema";

	private static final Log logger = LogFactory.getLog(JobEntityMappingContributor.class);

	@Override
	public void contribute(AdditionalMappingContributions contributions, InFlightMetadataCollector metadata,
			ResourceStreamLocator resourceStreamLocator, MetadataBuildingContext buildingContext) {
		Map<String, Object> settings = buildingContext.getBootstrapContext().getConfigurationService().getSettings();
		if (!Boolean.parseBoolean(String.valueOf(settings.get(ENABLED_SETTING)))) {
			return;
		}
		String schema = schema(settings.get(SCHEMA_SETTING));
		if (metadata.getEntityBinding(JobEntity.class.getName()) != null) {
			if (schema != null) {
				logger.warn("JobEntity was found by the application's entity scanning, so its tables cannot be "
						+ "qualified with the schema '" + schema + "': they are looked up on the connection's "
						+ "search_path. Leave io.queuejob out of the entity scan.");
			}
			return;
		}
		if (schema != null && !buildingContext.getBuildingOptions().isXmlMappingEnabled()) {
			logger.warn("Hibernate's XML mappings are disabled (hibernate.xml_mapping_enabled), so the tables of "
					+ "JobEntity cannot be qualified with the schema '" + schema + "': they are looked up on the "
					+ "connection's search_path.");
			schema = null;
		}
		if (schema == null) {
			contributions.contributeEntity(JobEntity.class);
		}
		else {
			contributions.contributeBinding(new ByteArrayInputStream(mapping(schema)));
		}
	}

	private static String schema(Object value) {
		if (value == null || value.toString().isBlank()) {
			return null;
		}
		// the validated queue-job.schema; checked here too, as it goes into XML
		return QueueJobSchema.of(value.toString().strip()).name();
	}

	private static byte[] mapping(String schema) {
		// The document's default schema reaches the entity's table; the join table is
		// declared again, as annotated, to carry it too.
		return """
				<entity-mappings xmlns="https://jakarta.ee/xml/ns/persistence/orm" version="3.2">
				    <schema>%1$s</schema>
				    <entity class="%2$s" metadata-complete="false">
				        <attributes>
				            <many-to-many name="dependsOn" target-entity="%2$s" fetch="LAZY">
				                <join-table name="queue_job_dependency" schema="%1$s">
				                    <join-column name="child_id"/>
				                    <inverse-join-column name="parent_id"/>
				                </join-table>
				            </many-to-many>
				        </attributes>
				    </entity>
				</entity-mappings>
				""".formatted(schema, JobEntity.class.getName()).getBytes(StandardCharsets.UTF_8);
	}

}
