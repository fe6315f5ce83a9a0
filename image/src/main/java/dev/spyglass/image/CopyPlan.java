package dev.spyglass.image;

import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageManifest;
import dev.spyglass.api.RawManifest;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The manifests to write, instances first and the top one last, and the (source) images whose
 * blobs to copy; {@code configs}, after conversions that rewrote configs, maps a source config
 * digest to the blob to store in its place.
 */
record CopyPlan(
    RawManifest top,
    List<RawManifest> instances,
    List<ImageManifest> images,
    Map<Digest, BlobTransfer.Blob> configs,
    @Nullable Deferred deferred) {
  CopyPlan(RawManifest top, List<RawManifest> instances, List<ImageManifest> images) {
    this(top, instances, images, Map.of(), null);
  }

  CopyPlan(
      RawManifest top,
      List<RawManifest> instances,
      List<ImageManifest> images,
      Map<Digest, BlobTransfer.Blob> configs) {
    this(top, instances, images, configs, null);
  }

  /** A conversion done once the layers are copied: {@code top} of the plan becomes its result. */
  record Deferred(ImageManifest image, String target) {}
}
