package dev.spyglass.api;

import java.util.List;
import java.util.Optional;

/** A manifest that describes one image: its layers and, except for Docker schema1, a config blob. */
public interface ImageManifest extends Manifest {

  /** The layers, base layer first (schema1 manifests list them the other way round). */
  List<Descriptor> layers();

  /** The config blob, or empty when the format embeds its config (Docker schema1). */
  Optional<Descriptor> configDescriptor();

  /**
   * Decodes the image config. Formats with a config blob decode {@code configBlob}, which the caller
   * has read and verified against {@link #configDescriptor()}; schema1 ignores it (pass an empty
   * array) and decodes its newest {@code v1Compatibility} entry.
   *
   * @throws InvalidManifestException when the config is not valid JSON of the expected shape
   */
  ImageConfig decodeConfig(byte[] configBlob) throws InvalidManifestException;

  /**
   * The image config in OCI image-config form, serialised exactly as {@code skopeo inspect --config}
   * prints it (Go {@code encoding/json} of image-spec's {@code v1.Image}: its field order, its
   * omitempty rules, 4-space indentation, no trailing newline). {@code configBlob} as for {@link
   * #decodeConfig}.
   *
   * @throws InvalidManifestException when the config cannot be decoded or converted
   */
  String ociConfigJson(byte[] configBlob) throws InvalidManifestException;

  /**
   * This image re-expressed as {@code mediaType}, as containers/image (skopeo 1.9) converts it: the
   * media types of the manifest, config and layers mapped, the manifest serialised as Go's {@code
   * json.Marshal}, and the config rewritten when containers/image rewrites it. {@code configBlob}
   * as for {@link #decodeConfig}. Formats that cannot convert keep this default, which throws.
   *
   * @throws InvalidManifestException rule {@code unsupported-conversion} when this manifest cannot
   *     be converted to {@code mediaType} (e.g. a layer type the target has no equivalent for)
   */
  default ConvertedImage convertTo(String mediaType, byte[] configBlob)
      throws InvalidManifestException {
    throw new InvalidManifestException(
        InvalidManifestException.UNSUPPORTED_CONVERSION,
        "converting a manifest of type "
            + Quote.of(mediaType())
            + " to "
            + Quote.of(mediaType)
            + " is not supported");
  }

  /**
   * Whether {@link #convertTo(String, List, List)} is the way to convert this manifest: its config
   * is built from the layers once they are copied (Docker schema1, whose config needs the layers'
   * diff ids). False by default.
   */
  default boolean convertsAfterLayers() {
    return false;
  }

  /**
   * This image re-expressed as {@code mediaType} once its layers are copied, as containers/image
   * converts a Docker schema1 image: {@code copiedLayers} are {@link #layers()} as stored (same
   * order, with their sizes), {@code diffIds} the SHA-256 of each one's uncompressed bytes, one per
   * layer. Formats that cannot convert so keep this default, which throws.
   *
   * @throws InvalidManifestException rule {@code unsupported-conversion} when this manifest cannot
   *     be converted to {@code mediaType}
   */
  default ConvertedImage convertTo(
      String mediaType, List<Descriptor> copiedLayers, List<Digest> diffIds)
      throws InvalidManifestException {
    throw new InvalidManifestException(
        InvalidManifestException.UNSUPPORTED_CONVERSION,
        "converting a manifest of type "
            + Quote.of(mediaType())
            + " to "
            + Quote.of(mediaType)
            + " from its copied layers is not supported");
  }

  /** The tag recorded inside the manifest (Docker schema1 only); empty for other formats. */
  default Optional<String> tag() {
    return Optional.empty();
  }
}
