package dev.spyglass.manifest.oci;

import dev.spyglass.api.IndexEntry;
import dev.spyglass.api.ManifestList;
import dev.spyglass.api.MediaType;
import java.util.List;

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
}
