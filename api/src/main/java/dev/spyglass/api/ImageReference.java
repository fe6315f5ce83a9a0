package dev.spyglass.api;

import java.util.Optional;

/** Names one image within a transport. Immutable and thread safe; opening it is a separate step. */
public interface ImageReference {

  Transport transport();

  /** The reference as the transport parses it, without the {@code "name:"} prefix. */
  String stringWithinTransport();

  /**
   * The Docker repository name the image is known by, fully qualified ({@code
   * "docker.io/library/busybox"}, {@code "localhost:5000/app"}), as skopeo prints in {@code Name};
   * empty for transports whose images have no such name.
   */
  default Optional<String> dockerName() {
    return Optional.empty();
  }

  /**
   * Opens the image for reading. May do network I/O (a registry is contacted lazily or at once, as
   * the transport chooses). The caller closes the returned source.
   */
  ImageSource newImageSource(ImageOptions options) throws ImageException;

  /**
   * Opens the place the reference names for writing an image. The caller closes the returned
   * destination.
   *
   * @throws ImageException when the transport cannot be written to; this default says so
   */
  default ImageDestination newImageDestination(ImageOptions options) throws ImageException {
    throw new ImageException("transport \"" + transport().name() + "\" cannot be written to");
  }

  /** The full reference, {@code transport:reference}. */
  default String describe() {
    return transport().name() + ":" + stringWithinTransport();
  }
}
