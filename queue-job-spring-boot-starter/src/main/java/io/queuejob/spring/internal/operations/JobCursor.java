package io.queuejob.spring.internal.operations;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

import io.queuejob.core.StorageLimits;
import io.queuejob.spring.operations.InvalidJobQueryException;
import io.queuejob.spring.operations.JobSort;

/**
 * A position in a job list: the creation instant and id of the last job of a page, and
 * the order it was read in. Written as an opaque URL-safe string; one read back is
 * checked like any other value bound to a query, so a forged or garbled cursor is refused
 * as such, never by the database.
 */
record JobCursor(JobSort sort, Instant dateCreated, long id) {

	private static final String VERSION = "1";

	/** Longer than any cursor written, whose numbers have at most 20 digits each. */
	private static final int MAX_LENGTH = 100;

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	static JobCursor after(JobSort sort, JobSummaryRow last) {
		return new JobCursor(sort, last.summary().dateCreated(), last.id());
	}

	String encode() {
		String text = String.join(":", VERSION, this.sort.name(), Long.toString(this.dateCreated.getEpochSecond()),
				Integer.toString(this.dateCreated.getNano()), Long.toString(this.id));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
	}

	static JobCursor decode(String cursor, JobSort sort) {
		JobCursor decoded = parse(cursor);
		if (decoded.sort() != sort) {
			throw new InvalidJobQueryException("cursor", "cursor belongs to a list sorted "
					+ decoded.sort().name().toLowerCase(Locale.ROOT) + ", not " + sort.name().toLowerCase(Locale.ROOT));
		}
		return decoded;
	}

	private static JobCursor parse(String cursor) {
		try {
			if (cursor.length() > MAX_LENGTH) {
				throw new IllegalArgumentException("too long");
			}
			String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
			String[] parts = text.split(":", -1);
			if (parts.length != 5 || !VERSION.equals(parts[0])) {
				throw new IllegalArgumentException("unknown cursor format");
			}
			long nanos = Long.parseLong(parts[3]);
			long id = Long.parseLong(parts[4]);
			if (nanos < 0 || nanos >= NANOS_PER_SECOND || id < 1) {
				throw new IllegalArgumentException("out of range");
			}
			Instant dateCreated = Instant.ofEpochSecond(Long.parseLong(parts[2]), nanos);
			if (!StorageLimits.isStorable(dateCreated)) {
				throw new IllegalArgumentException("out of range");
			}
			return new JobCursor(JobSort.valueOf(parts[1]), dateCreated, id);
		}
		catch (RuntimeException ex) {
			throw new InvalidJobQueryException("cursor", "cursor is not a cursor returned by a previous page");
		}
	}

}
