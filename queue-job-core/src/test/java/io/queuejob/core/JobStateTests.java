package io.queuejob.core;

import java.util.EnumSet;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JobStateTests {

	@Test
	void dbValuesAreLowercaseNames() {
		assertThat(JobState.WAIT_DEPENDENCIES.dbValue()).isEqualTo("wait_dependencies");
		assertThat(JobState.PENDING.dbValue()).isEqualTo("pending");
		assertThat(JobState.ENQUEUED.dbValue()).isEqualTo("enqueued");
		assertThat(JobState.STARTED.dbValue()).isEqualTo("started");
		assertThat(JobState.DONE.dbValue()).isEqualTo("done");
		assertThat(JobState.CANCELLED.dbValue()).isEqualTo("cancelled");
		assertThat(JobState.FAILED.dbValue()).isEqualTo("failed");
	}

	@ParameterizedTest
	@EnumSource(JobState.class)
	void dbValueRoundTrips(JobState state) {
		assertThat(JobState.fromDbValue(state.dbValue())).isSameAs(state);
	}

	@Test
	void unknownDbValueIsRejectedWithItsName() {
		assertThatIllegalArgumentException().isThrownBy(() -> JobState.fromDbValue("running"))
			.withMessageContaining("'running'");
		assertThatIllegalArgumentException().isThrownBy(() -> JobState.fromDbValue("PENDING"))
			.withMessageContaining("'PENDING'");
		assertThatIllegalArgumentException().isThrownBy(() -> JobState.fromDbValue(null)).withMessageContaining("null");
	}

	@Test
	void onlyDoneAndCancelledAreFinished() {
		assertThat(statesWhere(JobState::isFinished)).isEqualTo(EnumSet.of(JobState.DONE, JobState.CANCELLED));
	}

	private static EnumSet<JobState> statesWhere(Predicate<JobState> predicate) {
		EnumSet<JobState> states = EnumSet.noneOf(JobState.class);
		for (JobState state : JobState.values()) {
			if (predicate.test(state)) {
				states.add(state);
			}
		}
		return states;
	}

}
