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
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An OCI image index ({@value MediaType#OCI_INDEX}): entries pointing at manifests or nested
 * indexes, with an optional platform each. Immutable.
 */
public final class OciIndex implements ManifestList {
  private final List<IndexEntry> entries;
  private final @Nullable Descriptor subject;
  private final @Nullable String artifactType;
  private final Map<String, String> annotations;

  public OciIndex(
      List<IndexEntry> entries,
      @Nullable Descriptor subject,
      @Nullable String artifactType,
      Map<String, String> annotations) {
    this.entries = List.copyOf(entries);
    this.subject = subject;
    this.artifactType = artifactType;
    this.annotations = Map.copyOf(annotations);
  }

  @Override
  public String mediaType() {
    return MediaType.OCI_INDEX;
  }

  @Override
  public List<IndexEntry> entries() {
    return entries;
  }

  /**
   * {@inheritDoc} Writes a Docker manifest list or an OCI index (an OCI index keeps its
   * annotations; its subject and artifact type are dropped, as skopeo 1.9 drops them).
   */
  @Override
  public RawManifest convertTo(String mediaType, Map<Digest, Descriptor> instances)
      throws InvalidManifestException {
    return ManifestConverter.list(entries, annotations, MediaType.normalize(mediaType), instances);
  }

  /** The manifest this index refers to; empty when there is none. */
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

  @Override
  public boolean equals(Object o) {
    return o instanceof OciIndex other
        && entries.equals(other.entries)
        && Objects.equals(subject, other.subject)
        && Objects.equals(artifactType, other.artifactType)
        && annotations.equals(other.annotations);
  }

  @Override
  public int hashCode() {
    return Objects.hash(entries, subject, artifactType, annotations);
  }

  @Override
  public String toString() {
    return "OciIndex" + entries;
  }
}
