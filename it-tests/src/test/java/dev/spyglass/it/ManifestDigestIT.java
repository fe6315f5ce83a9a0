package dev.spyglass.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Digest;
import dev.spyglass.api.MediaType;
import dev.spyglass.it.MultiPlatformImages.PlatformImage;
import dev.spyglass.it.MultiPlatformImages.PushedList;
import dev.spyglass.it.TestImages.Format;
import dev.spyglass.it.TestImages.PushedImage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code spyglass manifest-digest FILE} against {@code skopeo manifest-digest FILE} and the
 * registry's {@code Docker-Content-Digest}, for every manifest a real registry holds here: signed
 * schema1 as the registry serves it (signed afresh) and as pushed, Docker schema2, OCI, and the
 * Docker list and OCI index with each of their platform manifests.
 */
class ManifestDigestIT {
  private static RegistryProcess registry;
  private static TestImages.Pushed images;
  private static MultiPlatformImages.Pushed lists;
  private static Path folder;

  @BeforeAll
  static void pushImages() throws Exception {
    registry = RegistryProcess.plain();
    images = TestImages.pushAll(registry.pusher());
    lists = MultiPlatformImages.pushAll(registry.pusher());
    folder = registry.newFolder("manifests");
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  /**
   * One manifest in the registry: where it is, the type to ask for, and the digest it was pushed
   * with.
   */
  record Stored(String name, String repository, String reference, String mediaType, Digest digest) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Stored> manifests() {
    List<Stored> all = new ArrayList<>();
    for (PushedImage image : images.all()) {
      for (String tag : image.tags()) {
        all.add(
            new Stored(
                image.format() + " " + image.repository() + ":" + tag,
                image.repository(),
                tag,
                image.mediaType(),
                image.digest(tag)));
      }
    }
    for (PushedList list : lists.all()) {
      all.add(
          new Stored(
              list.kind() + " " + list.repository() + ":" + list.firstTag(),
              list.repository(),
              list.firstTag(),
              list.mediaType(),
              list.digest()));
      for (PlatformImage image : list.images()) {
        all.add(
            new Stored(
                list.kind()
                    + " "
                    + image.platform()
                    + " "
                    + list.repository()
                    + "@"
                    + image.digest(),
                list.repository(),
                image.digest().toString(),
                image.mediaType(),
                image.digest()));
      }
    }
    return all;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifests")
  void digestOfTheServedBytesIsSkopeosAndTheRegistrys(Stored stored) throws Exception {
    HttpResponse<byte[]> served =
        registry.pusher().getManifest(stored.repository(), stored.reference(), stored.mediaType());
    String registryDigest = served.headers().firstValue("Docker-Content-Digest").orElseThrow();
    assertEquals(stored.digest().toString(), registryDigest, "the registry's digest");
    Path file = write(stored.name(), served.body());
    String skopeo = Skopeo.run(List.of("manifest-digest", file.toString()));
    String spyglass = spyglass(file);
    assertAll(
        () -> assertEquals(skopeo, spyglass, "spyglass and skopeo print different text"),
        () -> assertEquals(registryDigest + "\n", spyglass, "not the registry's digest"));
  }

  @Test
  void schema1DigestIsThePayloadsWhoeverSignedIt() throws Exception {
    PushedImage schema1 = images.image(Format.SCHEMA1);
    String tag = schema1.firstTag();
    byte[] ours = schema1.manifest(tag);
    byte[] registrys =
        registry
            .pusher()
            .getManifest(schema1.repository(), tag, MediaType.DOCKER_SCHEMA1_SIGNED)
            .body();
    // Different signatures (the registry signs afresh), one payload, one digest.
    assertNotEquals(Digest.sha256(ours), Digest.sha256(registrys));
    String expected = schema1.digest(tag) + "\n";
    for (byte[] bytes : List.of(ours, registrys)) {
      Path file = write("schema1-" + Digest.sha256(bytes).shortHex(), bytes);
      String skopeo = Skopeo.run(List.of("manifest-digest", file.toString()));
      String spyglass = spyglass(file);
      assertAll(
          () -> assertEquals(skopeo, spyglass, "spyglass and skopeo print different text"),
          () -> assertEquals(expected, spyglass, "not the payload digest"));
    }
  }

  @Test
  void missingFileFailsNamingIt() {
    Path missing = folder.resolve("no-such-manifest.json");
    Skopeo.failure(List.of("manifest-digest", missing.toString()));
    Cli.Result result = Cli.run("manifest-digest", missing.toString());
    String stderr = result.stderr();
    assertAll(
        () -> assertNotEquals(0, result.exitCode(), result::toString),
        () -> assertEquals("", result.out(), "stdout must stay empty"),
        () ->
            assertTrue(
                stderr.endsWith("\n") && stderr.indexOf('\n') == stderr.length() - 1,
                () -> "stderr must be exactly one line: " + stderr),
        () ->
            assertTrue(
                stderr.contains(missing.toString()),
                () -> "stderr does not name \"" + missing + "\": " + stderr));
  }

  private static Path write(String name, byte[] bytes) throws Exception {
    return Files.write(
        Files.createTempFile(folder, name.replaceAll("[^A-Za-z0-9.-]", "_") + "-", ".json"), bytes);
  }

  /** {@code spyglass manifest-digest FILE}; fails unless it exits 0 with nothing on stderr. */
  private static String spyglass(Path file) {
    Cli.Result result = Cli.run("manifest-digest", file.toString());
    assertEquals(0, result.exitCode(), () -> "spyglass manifest-digest " + file + ": " + result);
    assertEquals("", result.stderr(), "spyglass wrote to stderr");
    return result.out();
  }
}
