package dev.spyglass.transport.layout;

import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.InvalidReferenceException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Names the directory of a {@code dir:} image. Immutable and thread safe. */
public final class DirReference implements dev.spyglass.api.ImageReference {
  private final DirTransport transport;
  private final String text;
  private final Path path;

  DirReference(DirTransport transport, String text) {
    this.transport = transport;
    this.text = text;
    try {
      this.path = Path.of(text).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new InvalidReferenceException(text, "not a valid path: " + e.getReason());
    }
  }

  /** The directory, absolute. */
  public Path path() {
    return path;
  }

  @Override
  public DirTransport transport() {
    return transport;
  }

  @Override
  public String stringWithinTransport() {
    return text;
  }

  /** Reads nothing yet: a missing directory or manifest is reported by the first read. */
  @Override
  public ImageSource newImageSource(ImageOptions options) {
    return new DirImageSource(this, options);
  }

  /**
   * Creates the directory, or empties it when it holds a {@code dir:} image already (as skopeo
   * does: one image per directory), and writes the {@code version} file.
   *
   * @throws ImageException when the directory holds anything else, which is never overwritten
   */
  @Override
  public ImageDestination newImageDestination(ImageOptions options) throws ImageException {
    return DirImageDestination.open(this, options);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DirReference other && path.equals(other.path);
  }

  @Override
  public int hashCode() {
    return path.hashCode();
  }

  @Override
  public String toString() {
    return describe();
  }
}
