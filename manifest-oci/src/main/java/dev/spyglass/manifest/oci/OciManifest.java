package dev.spyglass.manifest.oci;

import dev.spyglass.api.ConvertedImage;
import dev.spyglass.api.Descriptor;
import dev.spyglass.api.ImageConfig;
import dev.spyglass.api.ImageManifest;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.Quote;
import dev.spyglass.manifest.oci.internal.ImageConfigReader;
import dev.spyglass.manifest.oci.internal.KnownMediaTypes;
import dev.spyglass.manifest.oci.internal.ManifestConverter;
import dev.spyglass.manifest.oci.internal.Rules;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An OCI image manifest ({@value MediaType#OCI_MANIFEST}): an image when its config is an OCI image
 * config, otherwise an artifact (whose config and layers may be of any media type). Layers of media
 * types Spyglass does not know are kept, and listed by {@link #unrecognizedLayers()}. Immutable.
 */
public final class OciManifest implements ImageManifest {
  private final Descriptor config;
  private final List<Descriptor> layers;
  private final @Nullable Descriptor subject;
  private final @Nullable String artifactType;
  private final Map<String, String> annotations;

  public OciManifest(
      Descriptor config,
      List<Descriptor> layers,
      @Nullable Descriptor subject,
      @Nullable String artifactType,
      Map<String, String> annotations) {
    this.config = Objects.requireNonNull(config, "config");
    this.layers = List.copyOf(layers);
    this.subject = subject;
    this.artifactType = artifactType;
    this.annotations = Map.copyOf(annotations);
  }

  @Override
  public String mediaType() {
    return MediaType.OCI_MANIFEST;
  }

  public Descriptor config() {
    return config;
  }

  @Override
  public Optional<Descriptor> configDescriptor() {
    return Optional.of(config);
  }

  @Override
  public List<Descriptor> layers() {
    return layers;
  }

  /** The manifest this one refers to (signatures, SBOMs); empty when there is none. */
  public Optional<Descriptor> subject() {
    return Optional.ofNullable(subject);
  }

  /** The artifact type declared at the top level; empty when none is. */
  public Optional<String> artifactType() {
    return Optional.ofNullable(artifactType);
  }

  public Map<String, String> annotations() {
    return annotations;
  }

  /** Whether this is an image, i.e. its config is of media type {@value MediaType#OCI_CONFIG}. */
  public boolean isImage() {
    return config.mediaType().equals(MediaType.OCI_CONFIG);
  }

  /**
   * The layers of an image whose media type is none of the OCI (or Docker) layer types Spyglass
   * knows; empty for artifacts, whose layers may be anything. They are kept, not rejected: the
   * image-spec forbids failing on unknown media types when storing or copying.
   */
  public List<Descriptor> unrecognizedLayers() {
    if (!isImage()) {
      return List.of();
    }
    return layers.stream().filter(l -> !KnownMediaTypes.isKnownOciLayer(l.mediaType())).toList();
  }

  /**
   * Decodes the config as skopeo 1.9's {@code inspect} does for OCI images: it must decode as
   * image-spec {@code v1.Image} and as Docker's {@code Schema2V1Image}; {@code created} is null
   * when absent.
   *
   * @throws InvalidManifestException rule {@code non-image-artifact} when this is not an image;
   *     {@code config-digest-mismatch} when {@code configBlob} is not its config; {@code
   *     invalid-config} when skopeo would fail to decode it
   */
  @Override
  public ImageConfig decodeConfig(byte[] configBlob) throws InvalidManifestException {
    requireImage();
    ImageConfigReader.requireContent(config, configBlob);
    return ImageConfigReader.oci(configBlob, config.digest());
  }

  /**
   * {@inheritDoc} Converts an image (not an artifact) to {@value MediaType#DOCKER_SCHEMA2} only,
   * keeping the config bytes; manifest annotations, subject and artifact type are dropped, as
   * containers/image drops them.
   */
  @Override
  public ConvertedImage convertTo(String mediaType, byte[] configBlob)
      throws InvalidManifestException {
    if (!MediaType.normalize(mediaType).equals(MediaType.DOCKER_SCHEMA2)) {
      throw ManifestConverter.unsupported(mediaType(), mediaType);
    }
    return ManifestConverter.ociToSchema2(config, layers, configBlob);
  }

  /** {@inheritDoc} Rules as for {@link #decodeConfig}. */
  @Override
  public String ociConfigJson(byte[] configBlob) throws InvalidManifestException {
    requireImage();
    ImageConfigReader.requireContent(config, configBlob);
    return ImageConfigReader.ociJson(configBlob, config.digest());
  }

  private void requireImage() throws InvalidManifestException {
    if (!isImage()) {
      throw new InvalidManifestException(
          Rules.NON_IMAGE_ARTIFACT,
          "OCI manifest config \""
              + config.digest()
              + "\" has media type "
              + Quote.of(config.mediaType())
              + ", not "
              + MediaType.OCI_CONFIG
              + ": it is an artifact, not an image");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OciManifest other
        && config.equals(other.config)
        && layers.equals(other.layers)
        && Objects.equals(subject, other.subject)
        && Objects.equals(artifactType, other.artifactType)
        && annotations.equals(other.annotations);
  }

  @Override
  public int hashCode() {
    return Objects.hash(config, layers, subject, artifactType, annotations);
  }

  @Override
  public String toString() {
    return "OciManifest[config="
        + config.digest()
        + ", layers="
        + layers.size()
        + (artifactType == null ? "" : ", artifactType=" + artifactType)
        + (subject == null ? "" : ", subject=" + subject.digest())
        + "]";
  }
}
