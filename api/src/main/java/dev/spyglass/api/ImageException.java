package dev.spyglass.api;

import java.io.IOException;

/**
 * The root of every checked failure Spyglass reports about images, registries and manifests.
 * Subtypes carry the facts as fields so that callers can act on them without parsing messages.
 * Messages never contain credentials or tokens.
 */
public class ImageException extends IOException {
  private static final long serialVersionUID = 1L;

  public ImageException(String message) {
    super(message);
  }

  public ImageException(String message, Throwable cause) {
    super(message, cause);
  }
}
