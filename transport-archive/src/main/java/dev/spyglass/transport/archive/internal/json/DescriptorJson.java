package dev.spyglass.transport.archive.internal.json;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A descriptor of {@code index.json} or of a manifest; {@code size} is null when absent. */
public final class DescriptorJson {
  public @Nullable String mediaType;
  public @Nullable String digest;
  public @Nullable Long size;
  public @Nullable List<String> urls;
  public @Nullable Map<String, String> annotations;
  public @Nullable PlatformJson platform;

  /** The platform of an index entry. */
  public static final class PlatformJson {
    public @Nullable String os;
    public @Nullable String architecture;
    public @Nullable String variant;
  }
}
