package dev.spyglass.api;

/** Reports that a manifest, blob, tag or repository does not exist where it was looked for. */
public final class NotFoundException extends ImageException {
  private static final long serialVersionUID = 1L;
  private final String kind;
  private final String reference;

  /**
   * @param kind what was looked for: {@code "manifest"}, {@code "blob"}, {@code "repository"}, ...
   * @param reference what it was looked for by, e.g. {@code "localhost:5000/app:1.0"}
   */
  public NotFoundException(String kind, String reference, String detail) {
    super(kind + " \"" + reference + "\" not found" + (detail.isEmpty() ? "" : " (" + detail + ")"));
    this.kind = kind;
    this.reference = reference;
  }

  public String kind() {
    return kind;
  }

  public String reference() {
    return reference;
  }
}
