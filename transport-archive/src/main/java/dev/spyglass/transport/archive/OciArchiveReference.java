package dev.spyglass.transport.archive;

import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.ImageSource;
import dev.spyglass.transport.layout.OciReference;
import java.nio.file.Path;
import java.util.Optional;

/** Names a tar of an OCI layout and, optionally, one image in it. Immutable and thread safe. */
public final class OciArchiveReference implements ImageReference {
  private final OciArchiveTransport transport;
  private final String text;
  // The same PATH[:REF] as oci: names, parsed by it: its path is the archive file here.
  private final OciReference layout;

  OciArchiveReference(OciArchiveTransport transport, String text, OciReference layout) {
    this.transport = transport;
    this.text = text;
    this.layout = layout;
  }

  /** The archive file, absolute. */
  public Path path() {
    return layout.path();
  }

  /** The image's {@code org.opencontainers.image.ref.name}; empty when none is given. */
  public Optional<String> name() {
    return layout.name();
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
    return o instanceof OciArchiveReference other && layout.equals(other.layout);
  }

  @Override
  public int hashCode() {
    return layout.hashCode();
  }

  @Override
  public String toString() {
    return describe();
  }
}
