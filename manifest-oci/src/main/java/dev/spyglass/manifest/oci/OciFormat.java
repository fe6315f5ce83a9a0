package dev.spyglass.manifest.oci;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.Manifest;
import dev.spyglass.api.ManifestFormat;
import dev.spyglass.api.MediaType;
import dev.spyglass.manifest.oci.internal.FormatSupport;
import dev.spyglass.manifest.oci.internal.ImageManifestParser;
import dev.spyglass.manifest.oci.internal.ManifestListParser;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The OCI formats: image manifest ({@value MediaType#OCI_MANIFEST}, parsed as {@link OciManifest})
 * and image index ({@value MediaType#OCI_INDEX}, parsed as {@link OciIndex}). Their top-level
 * {@code mediaType} field may be absent (it was optional before image-spec 1.0.2). Layers of
 * unknown media types are kept and logged at WARNING. Stateless and thread safe.
 */
public final class OciFormat implements ManifestFormat {
  private static final System.Logger LOG = System.getLogger(OciFormat.class.getName());
  private static final Set<String> MEDIA_TYPES =
      Set.of(MediaType.OCI_MANIFEST, MediaType.OCI_INDEX);

  public OciFormat() {}

  @Override
  public Set<String> mediaTypes() {
    return MEDIA_TYPES;
  }

  @Override
  public Manifest parse(byte[] bytes, String mediaType) throws InvalidManifestException {
    Objects.requireNonNull(bytes, "bytes");
    String type = FormatSupport.requireOneOf(mediaType, MEDIA_TYPES);
    if (type.equals(MediaType.OCI_INDEX)) {
      return ManifestListParser.oci(bytes);
    }
    OciManifest manifest = ImageManifestParser.oci(bytes);
    for (Descriptor layer : manifest.unrecognizedLayers()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "OCI image layer \"{0}\" has media type \"{1}\", which Spyglass does not know; kept as"
              + " is",
          layer.digest(),
          layer.mediaType());
    }
    return manifest;
  }

  /** Recognises these formats as containers/image's {@code GuessMIMEType} does. */
  @Override
  public Optional<String> guessMediaType(byte[] bytes) {
    return FormatSupport.guess(bytes, MEDIA_TYPES);
  }
}
