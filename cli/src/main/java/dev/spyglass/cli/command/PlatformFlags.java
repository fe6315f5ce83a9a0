package dev.spyglass.cli.command;

import dev.spyglass.api.Platform;
import dev.spyglass.image.PlatformMatcher;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;

/** skopeo's {@code --override-os/-arch/-variant}: which image of a list a command works on. */
final class PlatformFlags {
  @Nullable String os;
  @Nullable String arch;
  @Nullable String variant;

  /** Adds the flags to {@code spec}, bound to this object's fields. */
  void addTo(CommandSpec spec) {
    spec.addOption(
        Binding.option(String.class, () -> os, v -> os = v, "--override-os")
            .paramLabel("OS")
            .description("Choose this OS in a list.")
            .build());
    spec.addOption(
        Binding.option(String.class, () -> arch, v -> arch = v, "--override-arch")
            .paramLabel("ARCH")
            .description("Choose this architecture in a list.")
            .build());
    spec.addOption(
        Binding.option(String.class, () -> variant, v -> variant = v, "--override-variant")
            .paramLabel("VARIANT")
            .description("Choose this variant in a list.")
            .build());
  }

  /** The platform wanted: the overrides given, this machine's for the rest, no variant by default. */
  Platform platform() {
    Platform host = PlatformMatcher.host();
    return Platform.of(
        os != null ? os : host.os(),
        arch != null ? arch : host.architecture(),
        variant != null ? variant : "");
  }

  PlatformMatcher matcher() {
    return new PlatformMatcher(platform());
  }
}
