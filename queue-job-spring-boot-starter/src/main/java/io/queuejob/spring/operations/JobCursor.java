package io.queuejob.spring.operations;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A position in a job list: the creation instant and id of the last job of a page, and
 * the order it was read in. Written as an opaque URL-safe string.
 */
record JobCursor(JobSort sort, Instant dateCreated, long id) {

	private static final String VERSION = "1";

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
					+ decoded.sort().name().toLowerCase() + ", not " + sort.name().toLowerCase());
		}
		return decoded;
	}

	private static JobCursor parse(String cursor) {
		try {
			String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
			String[] parts = text.split(":", -1);
			if (parts.length != 5 || !VERSION.equals(parts[0])) {
				throw new IllegalArgumentException("unknown cursor format");
			}
			return new JobCursor(JobSort.valueOf(parts[1]),
					Instant.ofEpochSecond(Long.parseLong(parts[2]), Long.parseLong(parts[3])),
					Long.parseLong(parts[4]));
		}
		catch (RuntimeException ex) {
			throw new InvalidJobQueryException("cursor", "cursor is not a cursor returned by a previous page");
		}
	}

}
