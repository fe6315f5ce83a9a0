package dev.spyglass.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Points at content by media type, digest and size, as OCI descriptors do.
 *
 * <p>{@code size} is {@code -1} when the manifest does not say (Docker schema1). The digest is always
 * valid: descriptors are built from parsed, checked manifests.
 */
public record Descriptor(
    String mediaType, Digest digest, long size, List<String> urls, Map<String, String> annotations) {

  public Descriptor {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(digest, "digest");
    if (size < -1) {
      throw new IllegalArgumentException("descriptor \"" + digest + "\" has negative size " + size);
    }
    urls = List.copyOf(urls);
    annotations = Map.copyOf(annotations);
  }

  /** A descriptor with no URLs and no annotations. */
  public static Descriptor of(String mediaType, Digest digest, long size) {
    return new Descriptor(mediaType, digest, size, List.of(), Map.of());
  }
}
