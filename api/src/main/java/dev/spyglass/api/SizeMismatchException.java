package dev.spyglass.api;

/**
 * Reports content whose length is not the size its descriptor gives: invalid content, as a {@link
 * DigestMismatchException} is.
 */
public final class SizeMismatchException extends ImageException {
  private static final long serialVersionUID = 1L;
  private final Digest digest;
  private final long expected;
  private final long actual;

  /**
   * @param message what failed, e.g. {@code blob "sha256:..." has 5 bytes, expected 10}
   * @param digest the digest of the content
   * @param expected the size the descriptor gives
   * @param actual the size found: when the content was refused as soon as it passed {@code
   *     expected}, the bytes seen until then
   */
  public SizeMismatchException(String message, Digest digest, long expected, long actual) {
    super(message);
    this.digest = digest;
    this.expected = expected;
    this.actual = actual;
  }

  public Digest digest() {
    return digest;
  }

  public long expected() {
    return expected;
  }

  /** The size found; a lower bound when the content was longer than {@link #expected()}. */
  public long actual() {
    return actual;
  }
}
