package io.queuejob.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A deduplication key for jobs: while a job with the same key is waiting, pending or
 * enqueued, enqueueing another one returns the existing job instead. Either a literal
 * string ({@link #of(String)}) or {@link #EXACT}, a hash of the job function and its
 * arguments. Value-based: compare with {@link #equals(Object)}.
 */
public final class IdentityKey {

	/** The key made of a hash of the job function and its arguments. */
	public static final IdentityKey EXACT = new IdentityKey(null);

	private static final char SEPARATOR = '\0';

	private final String value;

	private IdentityKey(String value) {
		this.value = value;
	}

	/**
	 * Create a literal identity key. It is used as given, even if it reads
	 * {@code "exact"}.
	 * @param value the key, not blank, at most {@link StorageLimits#MAX_NAME_LENGTH}
	 * characters
	 * @return the key
	 * @throws IllegalArgumentException if {@code value} is {@code null}, blank, longer
	 * than its column or holds U+0000
	 */
	public static IdentityKey of(String value) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("Identity key must not be blank, got '" + value + "'");
		}
		StorageLimits.requireStorableText("identityKey", value, StorageLimits.MAX_NAME_LENGTH);
		return new IdentityKey(value);
	}

	/**
	 * Whether this is the {@link #EXACT} key.
	 * @return {@code true} for {@link #EXACT}
	 */
	public boolean isExact() {
		return this.value == null;
	}

	/**
	 * The literal key.
	 * @return the key as given to {@link #of(String)}
	 * @throws IllegalStateException for {@link #EXACT}, whose value depends on the job
	 * (see {@link #resolve(String, String)})
	 */
	public String value() {
		if (isExact()) {
			throw new IllegalStateException("The exact identity key has no value of its own; use resolve(...)");
		}
		return this.value;
	}

	/**
	 * The key to store for a job: the literal value, or for {@link #EXACT} the
	 * {@link #exactHash(String, String) exact hash}.
	 * @param jobFunction the job function name
	 * @param canonicalArgumentsJson the job's arguments as canonical JSON
	 * @return the key to store
	 */
	public String resolve(String jobFunction, String canonicalArgumentsJson) {
		return isExact() ? exactHash(jobFunction, canonicalArgumentsJson) : this.value;
	}

	/**
	 * The exact key of a call: a lowercase hex SHA-256 over the UTF-8 bytes of the job
	 * function name, a {@code \0} separator and the arguments JSON.
	 * @param jobFunction the job function name, without {@code \0}
	 * @param canonicalArgumentsJson the arguments as canonical JSON (equal calls must
	 * give equal text)
	 * @return 64 lowercase hex digits
	 * @throws IllegalArgumentException if {@code jobFunction} contains {@code \0}
	 */
	public static String exactHash(String jobFunction, String canonicalArgumentsJson) {
		Objects.requireNonNull(jobFunction, "jobFunction must not be null");
		Objects.requireNonNull(canonicalArgumentsJson, "canonicalArgumentsJson must not be null");
		if (jobFunction.indexOf(SEPARATOR) >= 0) {
			throw new IllegalArgumentException("Job function name must not contain \\0: '" + jobFunction + "'");
		}
		String text = jobFunction + SEPARATOR + canonicalArgumentsJson;
		return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	@Override
	public boolean equals(Object obj) {
		return (obj instanceof IdentityKey other) && Objects.equals(this.value, other.value);
	}

	@Override
	public int hashCode() {
		return Objects.hashCode(this.value);
	}

	@Override
	public String toString() {
		return isExact() ? "IdentityKey[exact]" : "IdentityKey[" + this.value + "]";
	}

}
