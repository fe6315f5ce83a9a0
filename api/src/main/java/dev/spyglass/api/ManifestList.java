package dev.spyglass.api;

import java.util.List;
import java.util.Map;

/** A Docker manifest list or OCI image index: one entry per image, usually one per platform. */
public interface ManifestList extends Manifest {

  /** The entries in manifest order. */
  List<IndexEntry> entries();

  /**
   * This list as {@code mediaType} (its own type or another list type), with each entry whose
   * digest is a key of {@code instances} pointing at that descriptor's media type, digest and size
   * instead (an image converted before the list), serialised as containers/image (skopeo 1.9)
   * serialises it. Formats that cannot convert keep this default, which throws.
   *
   * @throws InvalidManifestException rule {@code unsupported-conversion} when this list cannot be
   *     written as {@code mediaType}
   */
  default RawManifest convertTo(String mediaType, Map<Digest, Descriptor> instances)
      throws InvalidManifestException {
    throw new InvalidManifestException(
        InvalidManifestException.UNSUPPORTED_CONVERSION,
        "converting a manifest list of type "
            + Quote.of(mediaType())
            + " to "
            + Quote.of(mediaType)
            + " is not supported");
  }
}
