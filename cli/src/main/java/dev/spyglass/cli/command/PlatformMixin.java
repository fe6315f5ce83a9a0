package dev.spyglass.cli.command;

import dev.spyglass.api.Platform;
import dev.spyglass.image.PlatformMatcher;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** skopeo's {@code --override-os/-arch/-variant}: which image of a list a command works on. */
final class PlatformMixin {

  @Option(names = "--override-os", paramLabel = "OS", description = "Choose this OS in a list.")
  @Nullable String os;

  @Option(names = "--override-arch", paramLabel = "ARCH", description = "Choose this architecture in a list.")
  @Nullable String arch;

  @Option(names = "--override-variant", paramLabel = "VARIANT", description = "Choose this variant in a list.")
  @Nullable String variant;

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
