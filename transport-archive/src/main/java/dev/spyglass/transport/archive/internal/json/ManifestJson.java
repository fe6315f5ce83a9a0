package dev.spyglass.transport.archive.internal.json;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What an archive reads of a manifest, a list or {@code index.json}. */
public final class ManifestJson {
  public @Nullable Integer schemaVersion;
  public @Nullable String mediaType;
  public @Nullable DescriptorJson config;
  public @Nullable List<DescriptorJson> layers;
  public @Nullable List<DescriptorJson> manifests;
}
