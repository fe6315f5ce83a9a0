package dev.spyglass.example.blobdir;

import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.ImageSource;
import java.nio.file.Path;

/** {@code blobdir:PATH}: the directory of one image. */
public record BlobDirReference(BlobDirTransport transport, Path path) implements ImageReference {
  /** The file naming the image's manifest: its media type, a newline, its digest. */
  static final String IMAGE = "image";

  @Override
  public String stringWithinTransport() {
    return path.toString();
  }

  @Override
  public ImageSource newImageSource(ImageOptions options) throws ImageException {
    return BlobDirImageSource.open(this);
  }

  @Override
  public ImageDestination newImageDestination(ImageOptions options) throws ImageException {
    return BlobDirImageDestination.open(this);
  }

  /** Where the blob (or manifest) of {@code digest} lives; a Digest is validated: a safe name. */
  Path blob(Digest digest) {
    return path.resolve("blobs").resolve(digest.algorithm() + "-" + digest.hex());
  }

  /** Where the media type of the manifest of {@code digest} lives. */
  Path mediaType(Digest digest) {
    return path.resolve("blobs").resolve(digest.algorithm() + "-" + digest.hex() + ".type");
  }
}
