package dev.spyglass.manifest.oci;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageManifest;
import dev.spyglass.api.MediaType;
import java.util.List;
import java.util.Map;

/** Builds the manifest skopeo was given for a config blob: schema2 or OCI, pointing at the blob. */
final class ConfigManifests {
  private ConfigManifests() {}

  /** {@code kind} is {@code schema2} or {@code oci}. */
  static ImageManifest forConfig(String kind, byte[] blob) {
    return switch (kind) {
      case "schema2" -> schema2(blob);
      case "oci" -> oci(blob);
      default -> throw new IllegalArgumentException(kind);
    };
  }

  static Schema2Manifest schema2(byte[] blob) {
    return new Schema2Manifest(
        Descriptor.of(MediaType.DOCKER_CONFIG, Digest.sha256(blob), blob.length), List.of());
  }

  static OciManifest oci(byte[] blob) {
    return new OciManifest(
        Descriptor.of(MediaType.OCI_CONFIG, Digest.sha256(blob), blob.length),
        List.of(),
        null,
        null,
        Map.of());
  }
}
