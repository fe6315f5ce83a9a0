package dev.spyglass.api;

import java.util.Locale;
import java.util.Set;

/** Names the manifest and config media types Spyglass knows, and normalises {@code Content-Type}. */
public final class MediaType {
  public static final String DOCKER_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+json";
  public static final String DOCKER_SCHEMA1_SIGNED =
      "application/vnd.docker.distribution.manifest.v1+prettyjws";
  public static final String DOCKER_SCHEMA2 = "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_MANIFEST_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
  public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";

  private static final Set<String> LISTS = Set.of(DOCKER_MANIFEST_LIST, OCI_INDEX);

  private MediaType() {}

  /** Strips parameters and white space and lowercases, so {@code "A/B; charset=x"} gives {@code "a/b"}. */
  public static String normalize(String contentType) {
    int semicolon = contentType.indexOf(';');
    String bare = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return bare.trim().toLowerCase(Locale.ROOT);
  }

  /** Returns whether {@code mediaType} names a list of manifests (Docker list or OCI index). */
  public static boolean isList(String mediaType) {
    return LISTS.contains(normalize(mediaType));
  }
}
