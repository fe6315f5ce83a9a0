package dev.spyglass.cli.command;

import dev.spyglass.api.ImageException;
import dev.spyglass.api.Quote;

/**
 * Names the image a failure is about when one command works on several: {@code image "NAME":
 * MESSAGE}. The failure itself is the cause; {@link dev.spyglass.cli.ErrorReporter} takes the exit code and the
 * remedy from it, so the exit code is the one the failure has alone.
 */
public final class ImageFailedException extends ImageException {
  private static final long serialVersionUID = 1L;

  ImageFailedException(String image, Exception failure) {
    super("image " + Quote.of(image) + ": " + failure.getMessage(), failure);
  }

  /** The failure, unwrapped. */
  public Exception failure() {
    return (Exception) getCause();
  }
}
