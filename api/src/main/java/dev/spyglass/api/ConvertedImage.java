package dev.spyglass.api;

import java.util.Objects;

/**
 * An image manifest converted to another media type by {@link ImageManifest#convertTo}: the new
 * manifest and the config blob it points at. {@code configBlob} is the blob {@code config}
 * describes; it differs from the source's config when the conversion rewrites it (schema2 to OCI).
 * {@link #configBlob()} returns a copy.
 */
public record ConvertedImage(RawManifest manifest, Descriptor config, byte[] configBlob) {

  public ConvertedImage {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(config, "config");
    configBlob = configBlob.clone();
  }

  @Override
  public byte[] configBlob() {
    return configBlob.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConvertedImage other
        && manifest.equals(other.manifest)
        && config.equals(other.config)
        && java.util.Arrays.equals(configBlob, other.configBlob);
  }

  @Override
  public int hashCode() {
    return manifest.hashCode() * 31 + config.hashCode();
  }

  @Override
  public String toString() {
    return "ConvertedImage[" + manifest + ", config=" + config.digest() + "]";
  }
}
