package dev.spyglass.it;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.RawManifest;
import dev.spyglass.api.Transports;
import java.io.IOException;
import java.io.InputStream;

/** Opens images the way an application does: transports found by {@code ServiceLoader}. */
final class Sources {
  static final Transports TRANSPORTS = Transports.installed();

  private Sources() {}

  /** Opens {@code reference} ({@code docker://...}); the caller closes the source. */
  static ImageSource open(String reference, ImageOptions options) throws ImageException {
    return TRANSPORTS.parse(reference).newImageSource(options);
  }

  /** Opens {@code reference} and returns its manifest, closing the source. */
  static RawManifest manifest(String reference, ImageOptions options) throws ImageException {
    try (ImageSource source = open(reference, options)) {
      return source.manifest();
    }
  }

  /** Reads a whole blob through the source's verifying stream. */
  static byte[] readBlob(ImageSource source, Descriptor blob) throws IOException {
    try (InputStream in = source.blob(blob)) {
      return in.readAllBytes();
    }
  }
}
