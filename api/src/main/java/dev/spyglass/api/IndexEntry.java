package dev.spyglass.api;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** One entry of a {@link ManifestList}: the manifest it points at and the platform it declares. */
public final class IndexEntry {
  private final Descriptor descriptor;
  private final @Nullable Platform platform;

  private IndexEntry(Descriptor descriptor, @Nullable Platform platform) {
    this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
    this.platform = platform;
  }

  /** An entry that declares a platform. */
  public static IndexEntry of(Descriptor descriptor, Platform platform) {
    return new IndexEntry(descriptor, Objects.requireNonNull(platform, "platform"));
  }

  /** An entry without a platform (allowed in OCI indexes). */
  public static IndexEntry withoutPlatform(Descriptor descriptor) {
    return new IndexEntry(descriptor, null);
  }

  public Descriptor descriptor() {
    return descriptor;
  }

  /** The declared platform; empty when the entry has none. */
  public Optional<Platform> platform() {
    return Optional.ofNullable(platform);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IndexEntry other
        && descriptor.equals(other.descriptor)
        && Objects.equals(platform, other.platform);
  }

  @Override
  public int hashCode() {
    return Objects.hash(descriptor, platform);
  }

  @Override
  public String toString() {
    return descriptor.digest() + (platform == null ? "" : " " + platform);
  }
}
