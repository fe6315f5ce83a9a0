package dev.spyglass.api;

import java.util.List;
import java.util.Objects;

/**
 * Names the operating system and CPU an image runs on, as in an OCI index entry or image config.
 *
 * <p>Absent text fields are empty strings, never null.
 */
public record Platform(
    String os, String architecture, String variant, String osVersion, List<String> osFeatures) {

  public Platform {
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(osVersion, "osVersion");
    osFeatures = List.copyOf(osFeatures);
  }

  /** A platform with only OS, architecture and variant set. */
  public static Platform of(String os, String architecture, String variant) {
    return new Platform(os, architecture, variant, "", List.of());
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
  }
}
