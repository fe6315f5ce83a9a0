package dev.spyglass.image;

import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.RawManifest;
import java.io.IOException;
import java.util.List;

/**
 * Writes the manifests of a copy, once its blobs are all there: a list's images by digest first,
 * then the manifest the destination names, each byte for byte, retried, and told to the listener.
 * Immutable and thread safe.
 */
final class ManifestWriter {
  private final RetryPolicy retry;
  private final CopyListener listener;

  ManifestWriter(RetryPolicy retry, CopyListener listener) {
    this.retry = retry;
    this.listener = listener;
  }

  /** Writes {@code instances} by digest, then {@code top} as what the destination names. */
  void write(ImageDestination destination, List<RawManifest> instances, RawManifest top)
      throws ImageException {
    for (RawManifest instance : instances) {
      write(destination, instance, false);
    }
    write(destination, top, true);
  }

  private void write(ImageDestination destination, RawManifest manifest, boolean top)
      throws ImageException {
    try {
      retry.run(
          () -> {
            if (top) {
              destination.putManifest(manifest);
            } else {
              destination.putManifest(manifest, manifest.digest());
            }
            return null;
          },
          (a, n, e) -> {});
    } catch (ImageException e) {
      throw e;
    } catch (IOException e) {
      throw new ImageException(
          "writing manifest \""
              + manifest.digest()
              + "\" to \""
              + destination.reference().describe()
              + "\" failed: "
              + e.getMessage(),
          e);
    }
    listener.manifestWritten(manifest, top);
  }
}
