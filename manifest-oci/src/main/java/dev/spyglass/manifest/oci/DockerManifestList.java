package dev.spyglass.manifest.oci;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.IndexEntry;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.ManifestList;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.RawManifest;
import dev.spyglass.manifest.oci.internal.ManifestConverter;
import java.util.List;
import java.util.Map;

/**
 * A Docker manifest list ({@value MediaType#DOCKER_MANIFEST_LIST}): one entry per platform image,
 * each pointing at a manifest. An entry without a platform object has {@link
 * dev.spyglass.api.IndexEntry#platform()} empty. Entries may use the pre-2017 spelling {@code
 * application/vnd.docker.image.manifest.v2+json} of the schema2 type (a typo of the distribution
 * docs that real lists carry); it is kept as written.
 */
public record DockerManifestList(List<IndexEntry> entries) implements ManifestList {

  public DockerManifestList {
    entries = List.copyOf(entries);
  }

  @Override
  public String mediaType() {
    return MediaType.DOCKER_MANIFEST_LIST;
  }

  /**
   * {@inheritDoc} Writes a Docker manifest list or an OCI index (an OCI index keeps its
   * annotations; its subject and artifact type are dropped, as skopeo 1.9 drops them).
   */
  @Override
  public RawManifest convertTo(String mediaType, Map<Digest, Descriptor> instances)
      throws InvalidManifestException {
    return ManifestConverter.list(entries, Map.of(), MediaType.normalize(mediaType), instances);
  }
}
