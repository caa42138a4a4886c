package io.queuejob.spring.internal.operations;

import io.queuejob.core.JobState;
import io.queuejob.spring.operations.ChannelStatus;
import io.queuejob.spring.operations.InvalidJobQueryException;
import io.queuejob.spring.testsupport.JobRows.Stored;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Pause and resume of channels through
 * {@link io.queuejob.spring.operations.JobOperations}.
 */
class ChannelPauseOperationsTests extends OperationsTestSupport {

	@Test
	void pauseHandsBackTheEnqueuedJobsOfTheChannelAndItsSubChannelsOnly() {
		Stored enqueued = this.rows.job(JobState.ENQUEUED).channel("root.mail").insert();
		Stored enqueuedBelow = this.rows.job(JobState.ENQUEUED).channel("root.mail.bulk").insert();
		Stored started = this.rows.job(JobState.STARTED).channel("root.mail").insert();
		Stored sibling = this.rows.job(JobState.ENQUEUED).channel("root.mailbox").insert();
		ChannelStatus mail = this.operations.pause("mail");
		assertThat(mail.name()).isEqualTo("root.mail");
		assertThat(mail.paused()).isTrue();
		assertThat(mail.pending()).isOne();
		assertThat(this.rows.state(enqueued)).isEqualTo(JobState.PENDING);
		assertThat(this.rows.state(enqueuedBelow)).isEqualTo(JobState.PENDING);
		assertThat(this.rows.state(started)).as("a started job runs on").isEqualTo(JobState.STARTED);
		assertThat(this.rows.state(sibling)).isEqualTo(JobState.ENQUEUED);
		assertThat(this.operations.resume("root.mail").paused()).isFalse();
		assertThat(this.operations.channels()).noneMatch(ChannelStatus::paused);
	}

	@Test
	void aPausedChannelWithoutJobsIsListedAndPausingTwiceChangesNothing() {
		this.operations.pause("root.quiet.sub");
		assertThat(this.operations.pause("quiet.sub").paused()).isTrue();
		assertThat(this.operations.channels()).filteredOn(ChannelStatus::paused)
			.extracting(ChannelStatus::name)
			.containsExactly("root.quiet.sub");
		this.operations.resume("quiet.sub");
		assertThat(this.operations.resume("quiet.sub").paused()).as("resuming twice changes nothing").isFalse();
	}

	@Test
	void invalidChannelNamesAreRefusedNamingTheParameter() {
		assertThatExceptionOfType(InvalidJobQueryException.class).isThrownBy(() -> this.operations.pause("a..b"))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("channel"));
		assertThatExceptionOfType(InvalidJobQueryException.class).isThrownBy(() -> this.operations.pause(" "));
		assertThatExceptionOfType(InvalidJobQueryException.class)
			.isThrownBy(() -> this.operations.resume("x".repeat(300)));
	}

}
