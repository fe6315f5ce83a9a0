package dev.spyglass.api;

/** Reports user text that is not a valid image reference; the message quotes the text. */
public final class InvalidReferenceException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String reference;

  public InvalidReferenceException(String reference, String reason) {
    super("invalid image reference " + Quote.of(reference) + ": " + reason);
    this.reference = reference;
  }

  public String reference() {
    return reference;
  }
}
