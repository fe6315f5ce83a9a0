package dev.spyglass.transport.layout;

import dev.spyglass.api.InvalidReferenceException;
import dev.spyglass.api.Transport;

/**
 * The {@code dir:PATH} transport: one image in a directory, as skopeo writes it ({@code
 * manifest.json}, blobs named by their SHA-256 hex digest, a {@code version} file).
 */
public final class DirTransport implements Transport {

  public DirTransport() {}

  @Override
  public String name() {
    return "dir";
  }

  /**
   * @throws InvalidReferenceException when the path is empty
   */
  @Override
  public DirReference parseReference(String reference) {
    if (reference.isEmpty()) {
      throw new InvalidReferenceException(reference, "a dir: reference needs a path");
    }
    return new DirReference(this, reference);
  }
}
