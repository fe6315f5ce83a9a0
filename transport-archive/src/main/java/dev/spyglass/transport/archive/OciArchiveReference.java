package dev.spyglass.transport.archive;

import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.ImageSource;
import java.nio.file.Path;
import java.util.Optional;

/** Names a tar of an OCI layout and, optionally, one image in it. Immutable and thread safe. */
public final class OciArchiveReference implements ImageReference {
  private final OciArchiveTransport transport;
  private final String text;
  private final Path path;
  private final String name;

  OciArchiveReference(OciArchiveTransport transport, String text, Path path, String name) {
    this.transport = transport;
    this.text = text;
    this.path = path;
    this.name = name;
  }

  /** The archive file, absolute. */
  public Path path() {
    return path;
  }

  /** The image's {@code org.opencontainers.image.ref.name}; empty when none is given. */
  public Optional<String> name() {
    return name.isEmpty() ? Optional.empty() : Optional.of(name);
  }

  @Override
  public OciArchiveTransport transport() {
    return transport;
  }

  @Override
  public String stringWithinTransport() {
    return text;
  }

  /**
   * Indexes the archive (one pass over its tar headers) and picks the image.
   *
   * @throws dev.spyglass.api.NotFoundException when the file or the named image is missing
   * @throws ImageException when no name is given and the index holds several images that are not
   *     the platforms of one image
   */
  @Override
  public ImageSource newImageSource(ImageOptions options) throws ImageException {
    return OciArchiveImageSource.open(this, options);
  }

  /** Starts writing a new archive holding this image, which replaces the file when complete. */
  @Override
  public ImageDestination newImageDestination(ImageOptions options) throws ImageException {
    return OciArchiveImageDestination.open(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OciArchiveReference other
        && path.equals(other.path)
        && name.equals(other.name);
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
