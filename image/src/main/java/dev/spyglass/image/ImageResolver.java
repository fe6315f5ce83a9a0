package dev.spyglass.image;

import dev.spyglass.api.BoundedInput;
import dev.spyglass.api.Descriptor;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageManifest;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.IndexEntry;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.Manifest;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.ManifestList;
import dev.spyglass.api.RawManifest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads the image a source names: its manifest, the platform's manifest when it is a list, and the
 * config blob (bounded to {@link BoundedInput#MAX_CONFIG_BYTES}, verified against its digest).
 */
public final class ImageResolver {
  private final ManifestFormats formats;
  private final PlatformMatcher platforms;

  public ImageResolver(ManifestFormats formats, PlatformMatcher platforms) {
    this.formats = formats;
    this.platforms = platforms;
  }

  /** Parses the manifest the source names, without following lists. */
  public Manifest parse(RawManifest raw) throws InvalidManifestException {
    return formats.parse(raw);
  }

  /** Reads and parses the image, choosing the platform entry of a list. */
  public ResolvedImage resolve(ImageSource source) throws ImageException {
    RawManifest top = source.manifest();
    Manifest parsed = formats.parse(top);
    RawManifest raw = top;
    if (parsed instanceof ManifestList list) {
      IndexEntry entry = platforms.choose(list, source.reference().describe());
      raw = source.manifest(entry.descriptor().digest());
      parsed = formats.parse(raw);
      if (parsed instanceof ManifestList) {
        throw new InvalidManifestException(
            "nested-list",
            "list entry \"" + entry.descriptor().digest() + "\" is itself a list, not an image");
      }
    }
    ImageManifest image = (ImageManifest) parsed;
    return new ResolvedImage(top, raw, image, readConfig(source, image.configDescriptor()));
  }

  private static byte[] readConfig(ImageSource source, Optional<Descriptor> config)
      throws ImageException {
    if (config.isEmpty()) {
      return new byte[0];
    }
    try (InputStream in = source.blob(config.get())) {
      return BoundedInput.readAtMost(
          in, BoundedInput.MAX_CONFIG_BYTES, "config \"" + config.get().digest() + "\"");
    } catch (ImageException e) {
      throw e;
    } catch (IOException e) {
      throw new ImageException(
          "reading config \"" + config.get().digest() + "\" failed: " + e.getMessage(), e);
    }
  }
}
