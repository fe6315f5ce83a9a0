package dev.spyglass.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@code inspect} reports from an image config (schema2/OCI config blob, or schema1's newest
 * {@code v1Compatibility}).
 *
 * <p>{@code created}, {@code labels} and {@code env} are null when the config does not have them,
 * which is not the same as present and empty: skopeo prints {@code null} for the first and {@code
 * {}} / {@code []} for the second, and Spyglass prints what skopeo prints. Text fields absent from
 * the config are empty strings.
 */
public record ImageConfig(
    @Nullable OffsetDateTime created,
    String dockerVersion,
    String author,
    String architecture,
    String os,
    String variant,
    @Nullable Map<String, String> labels,
    @Nullable List<String> env) {

  public ImageConfig {
    Objects.requireNonNull(dockerVersion, "dockerVersion");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(variant, "variant");
    labels = labels == null ? null : Map.copyOf(labels);
    env = env == null ? null : List.copyOf(env);
  }

  /** The platform this config declares. */
  public Platform platform() {
    return Platform.of(os, architecture, variant);
  }
}
