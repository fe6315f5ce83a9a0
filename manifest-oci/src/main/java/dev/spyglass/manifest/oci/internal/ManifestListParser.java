package dev.spyglass.manifest.oci.internal;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.IndexEntry;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.MediaType;
import dev.spyglass.manifest.oci.DockerManifestList;
import dev.spyglass.manifest.oci.OciIndex;
import dev.spyglass.manifest.oci.internal.json.DescriptorJson;
import dev.spyglass.manifest.oci.internal.json.ManifestJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Parses and validates Docker manifest lists and OCI image indexes. */
public final class ManifestListParser {
  private static final Set<String> DOCKER_ENTRY_TYPES = dockerEntryTypes();

  private ManifestListParser() {}

  /**
   * A Docker manifest list: top-level mediaType required; every entry points at a manifest (the
   * pre-2017 spelling {@code application/vnd.docker.image.manifest.v2+json} accepted).
   */
  public static DockerManifestList docker(byte[] bytes) throws InvalidManifestException {
    ManifestJson json = ManifestReader.read(bytes, MediaType.DOCKER_MANIFEST_LIST);
    return new DockerManifestList(entries(json, DOCKER_ENTRY_TYPES));
  }

  /** An OCI image index: mediaType optional; every entry points at a manifest or an index. */
  public static OciIndex oci(byte[] bytes) throws InvalidManifestException {
    ManifestJson json = ManifestReader.read(bytes, MediaType.OCI_INDEX);
    return new OciIndex(
        entries(json, KnownMediaTypes.MANIFESTS),
        ImageManifestParser.subject(json.subject()),
        ImageManifestParser.artifactType(json.artifactType()),
        DescriptorReader.annotations(json.annotations(), "annotations", -1));
  }

  private static List<IndexEntry> entries(ManifestJson json, Set<String> entryTypes)
      throws InvalidManifestException {
    List<@Nullable DescriptorJson> wire = json.manifests();
    if (wire == null) {
      throw new InvalidManifestException(
          Rules.MISSING_MANIFESTS, "manifest list has no manifests array");
    }
    List<IndexEntry> entries = new ArrayList<>(wire.size());
    for (int i = 0; i < wire.size(); i++) {
      String field = "manifests[" + i + "]";
      DescriptorJson entry = wire.get(i);
      Descriptor descriptor = DescriptorReader.read(entry, field, i);
      if (!entryTypes.contains(descriptor.mediaType())) {
        throw new InvalidManifestException(
            Rules.ENTRY_NOT_A_MANIFEST,
            i,
            field
                + ".mediaType "
                + GoQuote.forMessage(descriptor.mediaType())
                + " is not a manifest media type");
      }
      entries.add(
          entry.platform() == null
              ? IndexEntry.withoutPlatform(descriptor)
              : IndexEntry.of(
                  descriptor, DescriptorReader.platform(entry.platform(), field + ".platform", i)));
    }
    return entries;
  }

  private static Set<String> dockerEntryTypes() {
    Set<String> types = new HashSet<>(KnownMediaTypes.MANIFESTS);
    types.add(KnownMediaTypes.DOCKER_SCHEMA2_TYPO);
    return Set.copyOf(types);
  }
}
