package io.queuejob.core;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JobActionTests {

	@Test
	void everyStateButStartedCanBeRequeued() {
		assertThat(JobAction.REQUEUE.allowedFrom()).isEqualTo(EnumSet.complementOf(EnumSet.of(JobState.STARTED)));
	}

	@Test
	void onlyWaitingRunningAndFailedJobsCanBeCancelled() {
		assertThat(JobAction.CANCEL.allowedFrom()).isEqualTo(EnumSet.of(JobState.PENDING, JobState.ENQUEUED,
				JobState.STARTED, JobState.FAILED, JobState.WAIT_DEPENDENCIES));
	}

	@Test
	void everyStateButStartedAndDoneCanBeSetDone() {
		assertThat(JobAction.DONE.allowedFrom())
			.isEqualTo(EnumSet.complementOf(EnumSet.of(JobState.STARTED, JobState.DONE)));
	}

	@Test
	void aStartedJobCanOnlyBeCancelled() {
		assertThat(JobAction.allowedIn(JobState.STARTED)).containsExactly(JobAction.CANCEL);
	}

	@Test
	void aDoneJobCanOnlyBeRequeued() {
		assertThat(JobAction.allowedIn(JobState.DONE)).containsExactly(JobAction.REQUEUE);
	}

	@Test
	void aFailedJobTakesEveryAction() {
		assertThat(JobAction.allowedIn(JobState.FAILED)).containsExactly(JobAction.REQUEUE, JobAction.CANCEL,
				JobAction.DONE);
	}

	@Test
	void aCancelledJobCanBeRequeuedOrSetDone() {
		assertThat(JobAction.allowedIn(JobState.CANCELLED)).containsExactly(JobAction.REQUEUE, JobAction.DONE);
	}

	@ParameterizedTest
	@EnumSource(JobState.class)
	void allowedInAgreesWithIsAllowedFrom(JobState state) {
		for (JobAction action : JobAction.values()) {
			assertThat(JobAction.allowedIn(state).contains(action)).as("%s from %s", action, state)
				.isEqualTo(action.isAllowedFrom(state));
		}
	}

	@Test
	void idsAreTheLowercaseNames() {
		assertThat(JobAction.REQUEUE.id()).isEqualTo("requeue");
		assertThat(JobAction.CANCEL.id()).isEqualTo("cancel");
		assertThat(JobAction.DONE.id()).isEqualTo("done");
	}

	@Test
	void refusalsNameTheStateAndTheAction() {
		assertThat(JobAction.REQUEUE.refusal(JobState.STARTED)).isEqualTo("a started job cannot be requeued");
		assertThat(JobAction.CANCEL.refusal(JobState.ENQUEUED)).isEqualTo("an enqueued job cannot be cancelled");
		assertThat(JobAction.DONE.refusal(JobState.DONE)).isEqualTo("a done job cannot be set done");
	}

	@Test
	void allowedStatesCannotBeChanged() {
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> JobAction.CANCEL.allowedFrom().add(JobState.DONE));
	}

}
