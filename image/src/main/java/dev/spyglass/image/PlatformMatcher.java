package dev.spyglass.image;

import dev.spyglass.api.IndexEntry;
import dev.spyglass.api.ManifestList;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.Platform;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Chooses the entry of a manifest list for a wanted platform, as skopeo does: OS and architecture
 * must be equal; a wanted variant must be equal, except that {@code arm64} variant {@code v8} also
 * matches an entry without a variant; with no wanted variant, the architecture's default variant
 * ({@code v8} for arm64) or none is preferred, then any.
 */
public final class PlatformMatcher {
  private final Platform wanted;

  public PlatformMatcher(Platform wanted) {
    this.wanted = wanted;
  }

  /** The platform of the machine this JVM runs on (Linux assumed for other OSes, as skopeo does). */
  public static Platform host() {
    String arch =
        switch (System.getProperty("os.arch", "").toLowerCase(Locale.ROOT)) {
          case "amd64", "x86_64" -> "amd64";
          case "aarch64", "arm64" -> "arm64";
          case "x86", "i386", "i686" -> "386";
          case "arm" -> "arm";
          case "ppc64le" -> "ppc64le";
          case "s390x" -> "s390x";
          case "riscv64" -> "riscv64";
          default -> System.getProperty("os.arch", "");
        };
    return Platform.of("linux", arch, "");
  }

  public Platform wanted() {
    return wanted;
  }

  /**
   * The chosen entry.
   *
   * @throws NotFoundException naming the wanted platform and every platform the list has
   */
  public IndexEntry choose(ManifestList list, String listName) throws NotFoundException {
    List<IndexEntry> candidates =
        list.entries().stream()
            .filter(e -> e.platform().map(this::osAndArchMatch).orElse(false))
            .toList();
    Optional<IndexEntry> chosen =
        wanted.variant().isEmpty()
            ? firstWithVariant(candidates, defaultVariant(wanted.architecture()))
                .or(() -> firstWithVariant(candidates, ""))
                .or(() -> candidates.stream().findFirst())
            : firstWithVariant(candidates, wanted.variant())
                .or(
                    () ->
                        wanted.variant().equals(defaultVariant(wanted.architecture()))
                            ? firstWithVariant(candidates, "")
                            : Optional.empty());
    return chosen.orElseThrow(
        () ->
            new NotFoundException(
                "image for platform " + wanted,
                listName,
                "the list has "
                    + list.entries().stream()
                        .map(e -> e.platform().map(Platform::toString).orElse("(no platform)"))
                        .collect(Collectors.joining(", "))));
  }

  private boolean osAndArchMatch(Platform p) {
    return p.os().equals(wanted.os()) && p.architecture().equals(wanted.architecture());
  }

  private static Optional<IndexEntry> firstWithVariant(List<IndexEntry> entries, String variant) {
    return entries.stream()
        .filter(e -> e.platform().map(p -> p.variant().equals(variant)).orElse(false))
        .findFirst();
  }

  private static String defaultVariant(String architecture) {
    return architecture.equals("arm64") ? "v8" : "";
  }
}
