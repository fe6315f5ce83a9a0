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
 *
 * <p>{@code createdOffsetSeconds} is the UTC offset {@code created} is written with. Go, and so
 * skopeo, accepts and prints offsets up to ±99:99, Java's {@link java.time.ZoneOffset} only up to
 * ±18:00: beyond that, {@code created} is the same instant in UTC and this field keeps the offset
 * as written, so that it can be printed as skopeo prints it. Otherwise it is {@code created}'s own
 * offset (0 when {@code created} is null).
 */
public record ImageConfig(
    @Nullable OffsetDateTime created,
    String dockerVersion,
    String author,
    String architecture,
    String os,
    String variant,
    @Nullable Map<String, String> labels,
    @Nullable List<String> env,
    int createdOffsetSeconds) {
  private static final int MAX_JAVA_OFFSET = 18 * 3600;

  public ImageConfig {
    Objects.requireNonNull(dockerVersion, "dockerVersion");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(variant, "variant");
    labels = labels == null ? null : Map.copyOf(labels);
    env = env == null ? null : List.copyOf(env);
    int own = created == null ? 0 : created.getOffset().getTotalSeconds();
    boolean fits =
        created == null || Math.abs(createdOffsetSeconds) <= MAX_JAVA_OFFSET
            ? createdOffsetSeconds == own
            : own == 0;
    if (!fits) {
      throw new IllegalArgumentException(
          "created offset of "
              + createdOffsetSeconds
              + " seconds does not fit created "
              + created
              + ": it must be created's own offset, or created must be in UTC");
    }
  }

  /** A config whose {@code created} is written with its own offset. */
  public ImageConfig(
      @Nullable OffsetDateTime created,
      String dockerVersion,
      String author,
      String architecture,
      String os,
      String variant,
      @Nullable Map<String, String> labels,
      @Nullable List<String> env) {
    this(
        created,
        dockerVersion,
        author,
        architecture,
        os,
        variant,
        labels,
        env,
        created == null ? 0 : created.getOffset().getTotalSeconds());
  }

  /** The platform this config declares. */
  public Platform platform() {
    return Platform.of(os, architecture, variant);
  }
}
