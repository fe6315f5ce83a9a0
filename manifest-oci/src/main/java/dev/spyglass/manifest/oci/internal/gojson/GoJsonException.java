package dev.spyglass.manifest.oci.internal.gojson;

/** Reports JSON that Go's {@code encoding/json} would refuse, with the reason as the message. */
public final class GoJsonException extends Exception {
  private static final long serialVersionUID = 1L;

  public GoJsonException(String message) {
    super(message);
  }
}
