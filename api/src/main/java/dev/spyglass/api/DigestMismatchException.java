package dev.spyglass.api;

/** Reports content whose digest is not the one it was named or described by. */
public final class DigestMismatchException extends ImageException {
  private static final long serialVersionUID = 1L;
  private final Digest expected;
  private final Digest actual;

  /** @param what the content, e.g. {@code "manifest \"app:1.0\""} or {@code "blob"} */
  public DigestMismatchException(String what, Digest expected, Digest actual) {
    super(what + " has digest \"" + actual + "\", expected \"" + expected + "\"");
    this.expected = expected;
    this.actual = actual;
  }

  public Digest expected() {
    return expected;
  }

  public Digest actual() {
    return actual;
  }
}
