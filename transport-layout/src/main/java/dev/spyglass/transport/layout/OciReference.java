package dev.spyglass.transport.layout;

import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.InvalidReferenceException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/** Names an OCI image layout and, optionally, one image in it. Immutable and thread safe. */
public final class OciReference implements dev.spyglass.api.ImageReference {
  private final OciTransport transport;
  private final String text;
  private final Path path;
  private final String name;

  OciReference(OciTransport transport, String text, String path, String name) {
    this.transport = transport;
    this.text = text;
    this.name = name;
    try {
      this.path = Path.of(path).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new InvalidReferenceException(text, "not a valid path: " + e.getReason());
    }
  }

  /** The layout directory, absolute. */
  public Path path() {
    return path;
  }

  /**
   * The image's {@code org.opencontainers.image.ref.name}; empty when the reference names none (a
   * source then reads the layout's only image).
   */
  public Optional<String> name() {
    return name.isEmpty() ? Optional.empty() : Optional.of(name);
  }

  @Override
  public OciTransport transport() {
    return transport;
  }

  @Override
  public String stringWithinTransport() {
    return text;
  }

  /**
   * Reads the layout's index and picks the image: the one named, or the only one when none is.
   *
   * @throws dev.spyglass.api.NotFoundException when the layout or the named image is missing
   * @throws ImageException when no name is given and the layout holds several images
   */
  @Override
  public ImageSource newImageSource(ImageOptions options) throws ImageException {
    return OciImageSource.open(this, options);
  }

  /** Creates the layout when missing; other images in it are kept. */
  @Override
  public ImageDestination newImageDestination(ImageOptions options) throws ImageException {
    return OciImageDestination.open(this, options);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OciReference other && path.equals(other.path) && name.equals(other.name);
  }

  @Override
  public int hashCode() {
    return path.hashCode() * 31 + name.hashCode();
  }

  @Override
  public String toString() {
    return describe();
  }
}
