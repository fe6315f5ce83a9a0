package dev.spyglass.image;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageConfig;
import java.util.List;
import java.util.Objects;

/**
 * What {@code inspect} reports about one image, field for field what skopeo reports: the Docker
 * name ({@code ""} when the transport has none), the tag recorded in a schema1 manifest ({@code ""}
 * otherwise), the digest the reference resolves to, the repository's tags, the config, and the
 * layers base first.
 */
public record ImageInspection(
    String name,
    String tag,
    Digest digest,
    List<String> repoTags,
    ImageConfig config,
    List<Descriptor> layers) {

  public ImageInspection {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(digest, "digest");
    repoTags = List.copyOf(repoTags);
    Objects.requireNonNull(config, "config");
    layers = List.copyOf(layers);
  }
}
