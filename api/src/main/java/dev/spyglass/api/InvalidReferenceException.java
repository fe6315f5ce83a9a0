package dev.spyglass.api;

/** Reports user text that is not a valid image reference; the message quotes the text. */
public final class InvalidReferenceException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String reference;
  private final String reason;

  public InvalidReferenceException(String reference, String reason) {
    super("invalid image reference " + Quote.of(reference) + ": " + reason);
    this.reference = reference;
    this.reason = reason;
  }

  public String reference() {
    return reference;
  }

  /** Why the text is not a reference, without the text: {@code the image name is missing}. */
  public String reason() {
    return reason;
  }
}
