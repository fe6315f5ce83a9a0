package dev.spyglass.manifest.oci.internal;

import dev.spyglass.api.MediaType;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** The media types these formats know, and the syntax every media type must have. */
public final class KnownMediaTypes {
  /** The manifest media types a list entry may point at. */
  static final Set<String> MANIFESTS =
      Set.of(
          MediaType.DOCKER_SCHEMA1,
          MediaType.DOCKER_SCHEMA1_SIGNED,
          MediaType.DOCKER_SCHEMA2,
          MediaType.DOCKER_MANIFEST_LIST,
          MediaType.OCI_MANIFEST,
          MediaType.OCI_INDEX);

  /**
   * The pre-2017 misspelling of {@link MediaType#DOCKER_SCHEMA2} in the distribution docs (fixed by
   * 5ccd03d2), which Docker lists in the wild still carry and Spyglass accepts in them.
   */
  static final String DOCKER_SCHEMA2_TYPO = "application/vnd.docker.image.manifest.v2+json";

  /**
   * The layer media types of Docker schema2, a closed set (the spec enumerates them;
   * containers/image refuses others, e.g. {@code ...rootfs.diff.tar.zstd}).
   */
  static final Set<String> DOCKER_LAYERS =
      Set.of(
          MediaType.DOCKER_LAYER_GZIP,
          "application/vnd.docker.image.rootfs.diff.tar",
          "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
          "application/vnd.docker.image.rootfs.foreign.diff.tar");

  /** The layer media types of OCI images (image-spec, plus ocicrypt's encrypted variants). */
  static final Set<String> OCI_LAYERS = ociLayers();

  /** RFC 6838 {@code type/subtype}, as image-spec's JSON schema defines a descriptor media type. */
  private static final Pattern SYNTAX =
      Pattern.compile(
          "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}");

  private KnownMediaTypes() {}

  /** Whether {@code text} is a syntactically valid media type. */
  static boolean isWellFormed(String text) {
    return SYNTAX.matcher(text).matches();
  }

  /** Whether an OCI image layer of media type {@code mediaType} is of a kind Spyglass knows. */
  public static boolean isKnownOciLayer(String mediaType) {
    return OCI_LAYERS.contains(mediaType);
  }

  private static Set<String> ociLayers() {
    Set<String> layers = new HashSet<>(DOCKER_LAYERS);
    for (String base :
        new String[] {
          "application/vnd.oci.image.layer.v1.tar",
          "application/vnd.oci.image.layer.nondistributable.v1.tar"
        }) {
      for (String compression : new String[] {"", "+gzip", "+zstd"}) {
        layers.add(base + compression);
        layers.add(base + compression + "+encrypted");
      }
    }
    return Set.copyOf(layers);
  }
}
