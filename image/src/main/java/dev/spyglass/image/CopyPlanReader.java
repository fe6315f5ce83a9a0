package dev.spyglass.image;

import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageManifest;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.IndexEntry;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.Manifest;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.ManifestList;
import dev.spyglass.api.Quote;
import dev.spyglass.api.RawManifest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the manifests an {@link ImageCopier} copies from a source into a {@link CopyPlan}, before
 * any conversion: a list whole with every image it names, or the one image for the wanted
 * platform. Each read is retried; immutable and thread safe.
 */
final class CopyPlanReader {
  private final ManifestFormats formats;
  private final PlatformMatcher platforms;
  private final RetryPolicy retry;

  CopyPlanReader(ManifestFormats formats, PlatformMatcher platforms, RetryPolicy retry) {
    this.formats = formats;
    this.platforms = platforms;
    this.retry = retry;
  }

  /** A list and each distinct image it names, or the one image the source names. */
  CopyPlan whole(ImageSource source) throws ImageException {
    RawManifest top = read(source, null);
    Manifest parsed = formats.parse(top);
    if (!(parsed instanceof ManifestList list)) {
      return new CopyPlan(top, List.of(), List.of((ImageManifest) parsed));
    }
    List<RawManifest> instances = new ArrayList<>();
    List<ImageManifest> images = new ArrayList<>();
    Set<Digest> seen = new LinkedHashSet<>();
    for (IndexEntry entry : list.entries()) {
      Digest digest = entry.descriptor().digest();
      if (seen.add(digest)) {
        RawManifest raw = read(source, digest);
        instances.add(raw);
        images.add(instance(raw, entry, source));
      }
    }
    return new CopyPlan(top, instances, images);
  }

  /** The one image the source names: for a list, the image for the wanted platform. */
  CopyPlan single(ImageSource source) throws ImageException {
    RawManifest top = read(source, null);
    Manifest parsed = formats.parse(top);
    if (parsed instanceof ManifestList list) {
      Digest chosen = platforms.choose(list, source.reference().describe()).descriptor().digest();
      top = read(source, chosen);
      parsed = image(top, chosen);
    }
    return new CopyPlan(top, List.of(), List.of((ImageManifest) parsed));
  }

  /**
   * One image of a list copied whole: a manifest it cannot parse is reported naming the image (its
   * digest and platform) and the list, with the rule and cause of the failure.
   */
  private ImageManifest instance(RawManifest raw, IndexEntry entry, ImageSource source)
      throws InvalidManifestException {
    Digest digest = entry.descriptor().digest();
    Manifest parsed;
    try {
      parsed = formats.parse(raw);
    } catch (InvalidManifestException e) {
      throw new InvalidManifestException(
          e.rule(),
          e.index().orElse(-1),
          "image \""
              + digest
              + "\""
              + entry.platform().map(p -> " for " + Quote.of(p.toString())).orElse("")
              + " of list \""
              + source.reference().describe()
              + "\": "
              + e.getMessage(),
          e);
    }
    return image(parsed, digest);
  }

  private ImageManifest image(RawManifest raw, Digest digest) throws InvalidManifestException {
    return image(formats.parse(raw), digest);
  }

  private static ImageManifest image(Manifest parsed, Digest digest)
      throws InvalidManifestException {
    if (parsed instanceof ManifestList) {
      throw new InvalidManifestException(
          "nested-list", "list entry \"" + digest + "\" is itself a list, not an image");
    }
    return (ImageManifest) parsed;
  }

  private RawManifest read(ImageSource source, @Nullable Digest digest) throws ImageException {
    try {
      return retry.run(
          () -> digest == null ? source.manifest() : source.manifest(digest), (a, n, e) -> {});
    } catch (ImageException e) {
      throw e;
    } catch (IOException e) {
      throw new ImageException(
          "reading manifest "
              + (digest == null ? "" : "\"" + digest + "\" ")
              + "of \""
              + source.reference().describe()
              + "\" failed: "
              + e.getMessage(),
          e);
    }
  }
}
