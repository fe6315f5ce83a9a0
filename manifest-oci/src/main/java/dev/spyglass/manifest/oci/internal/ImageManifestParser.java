package dev.spyglass.manifest.oci.internal;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.MediaType;
import dev.spyglass.manifest.oci.OciManifest;
import dev.spyglass.manifest.oci.Schema2Manifest;
import dev.spyglass.manifest.oci.internal.json.DescriptorJson;
import dev.spyglass.manifest.oci.internal.json.ManifestJson;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Parses and validates Docker schema2 and OCI image manifests. */
public final class ImageManifestParser {
  private ImageManifestParser() {}

  /**
   * A Docker schema2 manifest: top-level mediaType required, config and layers required, every
   * layer of a Docker layer media type.
   */
  public static Schema2Manifest schema2(byte[] bytes) throws InvalidManifestException {
    ManifestJson json = ManifestReader.read(bytes, MediaType.DOCKER_SCHEMA2);
    Descriptor config = config(json);
    List<Descriptor> layers = layers(json);
    for (int i = 0; i < layers.size(); i++) {
      String type = layers.get(i).mediaType();
      if (!KnownMediaTypes.DOCKER_LAYERS.contains(type)) {
        throw new InvalidManifestException(
            Rules.UNSUPPORTED_LAYER_MEDIA_TYPE,
            i,
            "layers["
                + i
                + "].mediaType "
                + GoQuote.forMessage(type)
                + " is not a Docker schema2 layer media type; expected one of "
                + String.join(", ", new TreeSet<>(KnownMediaTypes.DOCKER_LAYERS)));
      }
    }
    return new Schema2Manifest(config, layers);
  }

  /**
   * An OCI image manifest: mediaType optional (absent before image-spec 1.0.2), config and layers
   * required, layers of unknown media types kept.
   */
  public static OciManifest oci(byte[] bytes) throws InvalidManifestException {
    ManifestJson json = ManifestReader.read(bytes, MediaType.OCI_MANIFEST);
    return new OciManifest(
        config(json),
        layers(json),
        subject(json.subject()),
        artifactType(json.artifactType()),
        DescriptorReader.annotations(json.annotations(), "annotations", -1));
  }

  static @Nullable Descriptor subject(@Nullable DescriptorJson subject)
      throws InvalidManifestException {
    return subject == null ? null : DescriptorReader.read(subject, "subject", -1);
  }

  static @Nullable String artifactType(@Nullable String artifactType)
      throws InvalidManifestException {
    return artifactType == null
        ? null
        : DescriptorReader.mediaType(artifactType, "artifactType", -1);
  }

  private static Descriptor config(ManifestJson json) throws InvalidManifestException {
    if (json.config() == null) {
      throw new InvalidManifestException(
          Rules.MISSING_CONFIG,
          "manifest has no config descriptor; an image manifest requires one");
    }
    return DescriptorReader.read(json.config(), "config", -1);
  }

  private static List<Descriptor> layers(ManifestJson json) throws InvalidManifestException {
    List<@Nullable DescriptorJson> wire = json.layers();
    if (wire == null) {
      throw new InvalidManifestException(
          Rules.MISSING_LAYERS, "manifest has no layers array; an image manifest requires one");
    }
    List<Descriptor> layers = new ArrayList<>(wire.size());
    for (int i = 0; i < wire.size(); i++) {
      layers.add(DescriptorReader.read(wire.get(i), "layers[" + i + "]", i));
    }
    return layers;
  }
}
