package dev.spyglass.example.blobdir;

import dev.spyglass.api.InvalidReferenceException;
import dev.spyglass.api.Transport;
import java.nio.file.Path;

/**
 * The {@code blobdir:PATH} transport: one image in a directory, each blob and manifest a file
 * named by its digest under {@code blobs/}, and a file {@code image} naming the image's manifest
 * (its media type and digest), written last. Stateless; found by {@code ServiceLoader}.
 */
public final class BlobDirTransport implements Transport {
  public static final String NAME = "blobdir";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public BlobDirReference parseReference(String reference) {
    if (reference.isEmpty()) {
      throw new InvalidReferenceException(reference, "expected blobdir:PATH");
    }
    return new BlobDirReference(this, Path.of(reference));
  }
}
