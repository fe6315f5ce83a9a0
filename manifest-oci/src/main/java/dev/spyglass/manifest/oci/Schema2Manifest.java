package dev.spyglass.manifest.oci;

import dev.spyglass.api.ConvertedImage;
import dev.spyglass.api.Descriptor;
import dev.spyglass.api.ImageConfig;
import dev.spyglass.api.ImageManifest;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.MediaType;
import dev.spyglass.manifest.oci.internal.ImageConfigReader;
import dev.spyglass.manifest.oci.internal.ManifestConverter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Docker image manifest, schema 2 ({@value MediaType#DOCKER_SCHEMA2}): a config blob and layers,
 * base layer first, each of one of Docker's layer media types.
 */
public record Schema2Manifest(Descriptor config, List<Descriptor> layers) implements ImageManifest {

  public Schema2Manifest {
    Objects.requireNonNull(config, "config");
    layers = List.copyOf(layers);
  }

  @Override
  public String mediaType() {
    return MediaType.DOCKER_SCHEMA2;
  }

  @Override
  public Optional<Descriptor> configDescriptor() {
    return Optional.of(config);
  }

  /**
   * Decodes the config as skopeo 1.9's {@code inspect} does for schema2 (containers/image {@code
   * Schema2Image}): {@code created} is never null, Go's zero time {@code 0001-01-01T00:00:00Z} when
   * the config has none (skopeo prints that); labels and env are null when the config has no {@code
   * config} object.
   *
   * @throws InvalidManifestException rule {@code config-digest-mismatch} when {@code configBlob} is
   *     not this manifest's config; {@code invalid-config} when skopeo would fail to decode it
   */
  @Override
  public ImageConfig decodeConfig(byte[] configBlob) throws InvalidManifestException {
    ImageConfigReader.requireContent(config, configBlob);
    return ImageConfigReader.docker(configBlob, config.digest());
  }

  /**
   * {@inheritDoc} Converts to {@value MediaType#OCI_MANIFEST} only; the config is rewritten as
   * containers/image does ({@code json.Marshal} of image-spec's {@code v1.Image} decoded from it).
   */
  @Override
  public ConvertedImage convertTo(String mediaType, byte[] configBlob)
      throws InvalidManifestException {
    if (!MediaType.normalize(mediaType).equals(MediaType.OCI_MANIFEST)) {
      throw ManifestConverter.unsupported(mediaType(), mediaType);
    }
    ImageConfigReader.requireContent(config, configBlob);
    return ManifestConverter.schema2ToOci(config, layers, configBlob);
  }

  /** {@inheritDoc} Rules as for {@link #decodeConfig}. */
  @Override
  public String ociConfigJson(byte[] configBlob) throws InvalidManifestException {
    ImageConfigReader.requireContent(config, configBlob);
    return ImageConfigReader.ociJson(configBlob, config.digest());
  }
}
