package dev.spyglass.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.IndexEntry;
import dev.spyglass.api.ManifestList;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformMatcherTest {
  private static final IndexEntry AMD64 = entry("1", Platform.of("linux", "amd64", ""));
  private static final IndexEntry ARM64_V8 = entry("2", Platform.of("linux", "arm64", "v8"));
  private static final IndexEntry ARM_V7 = entry("3", Platform.of("linux", "arm", "v7"));
  private static final IndexEntry ARM_V6 = entry("4", Platform.of("linux", "arm", "v6"));
  private static final ManifestList LIST = list(AMD64, ARM64_V8, ARM_V7, ARM_V6);

  @Test
  void choosesOsAndArchitecture() throws Exception {
    assertEquals(AMD64, new PlatformMatcher(Platform.of("linux", "amd64", "")).choose(LIST, "l"));
  }

  @Test
  void choosesTheWantedVariant() throws Exception {
    assertEquals(ARM_V6, new PlatformMatcher(Platform.of("linux", "arm", "v6")).choose(LIST, "l"));
    assertEquals(ARM_V7, new PlatformMatcher(Platform.of("linux", "arm", "v7")).choose(LIST, "l"));
  }

  @Test
  void arm64WithoutVariantPrefersV8() throws Exception {
    assertEquals(ARM64_V8, new PlatformMatcher(Platform.of("linux", "arm64", "")).choose(LIST, "l"));
  }

  @Test
  void arm64V8MatchesAnEntryWithoutVariant() throws Exception {
    IndexEntry bare = entry("5", Platform.of("linux", "arm64", ""));
    assertEquals(bare, new PlatformMatcher(Platform.of("linux", "arm64", "v8")).choose(list(AMD64, bare), "l"));
  }

  // The next five cases were checked against skopeo 1.9.3 (`skopeo --override-arch ... inspect`)
  // on lists pushed to a real registry.
  @Test
  void withoutVariantAnEntryWithoutVariantComesFirst() throws Exception {
    IndexEntry bare = entry("5", Platform.of("linux", "arm64", ""));
    assertEquals(bare, new PlatformMatcher(Platform.of("linux", "arm64", "")).choose(list(ARM64_V8, bare), "l"));
  }

  @Test
  void withoutVariantArmPrefersTheNewestVariant() throws Exception {
    assertEquals(ARM_V7, new PlatformMatcher(Platform.of("linux", "arm", "")).choose(list(ARM_V6, ARM_V7), "l"));
  }

  @Test
  void aWantedArmVariantAcceptsOlderOnes() throws Exception {
    assertEquals(ARM_V7, new PlatformMatcher(Platform.of("linux", "arm", "v8")).choose(list(ARM_V6, ARM_V7), "l"));
    assertEquals(ARM_V6, new PlatformMatcher(Platform.of("linux", "arm", "v7")).choose(list(ARM_V6), "l"));
  }

  @Test
  void aWantedVariantAcceptsAnEntryWithoutVariant() throws Exception {
    IndexEntry bare = entry("5", Platform.of("linux", "arm", ""));
    for (String variant : List.of("v5", "v7", "v8")) {
      assertEquals(bare, new PlatformMatcher(Platform.of("linux", "arm", variant)).choose(list(bare), "l"));
    }
  }

  @Test
  void aNewerVariantThanWantedDoesNotMatch() {
    assertThrows(
        NotFoundException.class,
        () -> new PlatformMatcher(Platform.of("linux", "arm", "v6")).choose(list(ARM_V7), "l"));
  }

  @Test
  void missingPlatformListsWhatTheListHas() {
    NotFoundException e =
        assertThrows(
            NotFoundException.class,
            () -> new PlatformMatcher(Platform.of("windows", "amd64", "")).choose(LIST, "docker://r/app:1"));
    assertEquals(
        "image for platform \"windows/amd64\" in list \"docker://r/app:1\" not found (the list has"
            + " \"linux/amd64\", \"linux/arm64/v8\", \"linux/arm/v7\", \"linux/arm/v6\")",
        e.getMessage());
  }

  @Test
  void hostilePlatformsOfTheListAndTheWantedOneStayInertInTheMessage() {
    ManifestList hostile =
        list(
            AMD64,
            entry("5", Platform.of("linux\u001b]0;pwned\u0007", "amd64\u202e", "v\u2028")));
    NotFoundException e =
        assertThrows(
            NotFoundException.class,
            () ->
                new PlatformMatcher(Platform.of("linux", "s390x\u001b[2J", ""))
                    .choose(hostile, "docker://r/app:1"));

    for (char c : new char[] {'\u001b', '\u0007', '\u2028', '\u202e'}) {
      assertTrue(e.getMessage().indexOf(c) < 0, e.getMessage());
    }
    assertTrue(
        e.getMessage().contains("\"linux\\u001b]0;pwned\\u0007/amd64\\u202e/v\\u2028\""),
        e.getMessage());
    assertTrue(e.getMessage().contains("\"linux/s390x\\u001b[2J\""), e.getMessage());
  }

  @Test
  void wrongVariantDoesNotMatch() {
    assertThrows(
        NotFoundException.class,
        () -> new PlatformMatcher(Platform.of("linux", "arm", "v5")).choose(LIST, "l"));
  }

  static IndexEntry entry(String hexDigit, Platform platform) {
    return IndexEntry.of(
        Descriptor.of("application/vnd.oci.image.manifest.v1+json", new Digest("sha256", hexDigit.repeat(64)), 1),
        platform);
  }

  static ManifestList list(IndexEntry... entries) {
    return new ManifestList() {
      @Override
      public List<IndexEntry> entries() {
        return List.of(entries);
      }

      @Override
      public String mediaType() {
        return "application/vnd.oci.image.index.v1+json";
      }
    };
  }
}
