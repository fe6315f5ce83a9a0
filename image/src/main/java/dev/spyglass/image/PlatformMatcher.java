package dev.spyglass.image;

import dev.spyglass.api.IndexEntry;
import dev.spyglass.api.ManifestList;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.Platform;
import dev.spyglass.api.Quote;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Chooses the entry of a manifest list for a wanted platform, as containers/image (skopeo) does. OS
 * and architecture must be equal. The variants tried, in order, each against every entry in list
 * order: with a wanted variant, that variant, then the older ones it can run ({@code arm}: v8, v7,
 * v6, v5; {@code arm64}: v8), then no variant; without one, no variant first, then the
 * architecture's variants from newest to oldest.
 */
public final class PlatformMatcher {
  private static final Map<String, List<String>> COMPATIBLE_VARIANTS =
      Map.of("arm", List.of("v8", "v7", "v6", "v5"), "arm64", List.of("v8"));

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
    for (String variant : variantsToTry()) {
      for (IndexEntry entry : list.entries()) {
        if (entry.platform().map(p -> matches(p, variant)).orElse(false)) {
          return entry;
        }
      }
    }
    throw new NotFoundException(
        "image for platform " + Quote.of(wanted.toString()) + " in list",
        listName,
        "the list has "
            + list.entries().stream()
                .map(e -> e.platform().map(p -> Quote.of(p.toString())).orElse("(no platform)"))
                .collect(Collectors.joining(", ")));
  }

  /** The variants to look for, most wanted first. */
  List<String> variantsToTry() {
    List<String> compatible =
        COMPATIBLE_VARIANTS.getOrDefault(wanted.architecture(), List.of());
    List<String> variants = new ArrayList<>();
    if (wanted.variant().isEmpty()) {
      variants.add("");
      variants.addAll(compatible);
    } else {
      int at = compatible.indexOf(wanted.variant());
      variants.addAll(at < 0 ? List.of(wanted.variant()) : compatible.subList(at, compatible.size()));
      variants.add("");
    }
    return variants;
  }

  private boolean matches(Platform p, String variant) {
    return p.os().equals(wanted.os())
        && p.architecture().equals(wanted.architecture())
        && p.variant().equals(variant);
  }
}
