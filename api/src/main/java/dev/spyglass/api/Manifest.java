package dev.spyglass.api;

/**
 * A parsed manifest: either an {@link ImageManifest} (one image) or a {@link ManifestList} (a Docker
 * manifest list or OCI index). Implementations are immutable and thread safe.
 */
public interface Manifest {

  /** The media type the manifest was parsed as (normalised, no parameters). */
  String mediaType();
}
