package io.queuejob.spring.store;

import io.queuejob.core.JobState;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores a {@link JobState} as its {@link JobState#dbValue() database value}, the word
 * the migration's check constraint and the JDBC store use.
 */
@Converter
final class JobStateConverter implements AttributeConverter<JobState, String> {

	@Override
	public String convertToDatabaseColumn(JobState state) {
		return (state != null) ? state.dbValue() : null;
	}

	@Override
	public JobState convertToEntityAttribute(String value) {
		return (value != null) ? JobState.fromDbValue(value) : null;
	}

}
