package dev.spyglass.image;

import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageManifest;
import dev.spyglass.api.RawManifest;
import java.util.Objects;

/**
 * One image read from a source: the manifest the reference names ({@code top}, possibly a list),
 * the image manifest chosen from it ({@code raw} and {@code manifest}; the same as {@code top} when
 * it is not a list), and the config blob, read and verified ({@code configBlob}; empty for schema1).
 */
public record ResolvedImage(RawManifest top, RawManifest raw, ImageManifest manifest, byte[] configBlob) {

  public ResolvedImage {
    Objects.requireNonNull(top, "top");
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(manifest, "manifest");
    configBlob = configBlob.clone();
  }

  @Override
  public byte[] configBlob() {
    return configBlob.clone();
  }

  /** The digest the reference resolves to: the list's when it names a list, as skopeo reports. */
  public Digest digest() {
    return top.digest();
  }
}
