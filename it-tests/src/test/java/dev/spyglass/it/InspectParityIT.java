package dev.spyglass.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import dev.spyglass.it.TestImages.Format;
import dev.spyglass.it.TestImages.PushedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code spyglass inspect} against skopeo 1.9, the oracle, on the same images of a real registry:
 * every format, by tag and by digest, plain and with {@code --raw}, {@code --config}, {@code
 * --config --raw}, {@code --no-tags}.
 */
class InspectParityIT {
  private static RegistryProcess registry;
  private static TestImages.Pushed pushed;
  private static Path emptyAuthFile;

  @BeforeAll
  static void pushImages() throws Exception {
    registry = RegistryProcess.plain();
    pushed = TestImages.pushAll(registry.pusher());
    emptyAuthFile = AuthFiles.empty(registry.newFolder("auth"));
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  /** Each image by its first tag and by that tag's digest. */
  static Stream<Arguments> references() {
    return Stream.of(Format.values())
        .flatMap(format -> Stream.of(Arguments.of(format, false), Arguments.of(format, true)));
  }

  @ParameterizedTest(name = "{0} by digest: {1}")
  @MethodSource("references")
  void inspectPrintsWhatSkopeoPrints(Format format, boolean byDigest) {
    String image = reference(format, byDigest);
    JsonElement skopeo = JsonParity.parse("skopeo", Skopeo.inspect(image));
    JsonElement spyglass = JsonParity.parse("spyglass", spyglass("inspect", image));
    // Tags come in the registry's order, which is not part of what skopeo promises.
    JsonParity.assertSameValuesInSameOrder(
        JsonParity.sortArray(skopeo, "RepoTags"), JsonParity.sortArray(spyglass, "RepoTags"));
  }

  @ParameterizedTest(name = "{0} by digest: {1}")
  @MethodSource("references")
  void inspectWithoutTagsIsByteForByteSkopeos(Format format, boolean byDigest) {
    String image = reference(format, byDigest);
    String skopeo = Skopeo.inspect(image, "--no-tags");
    String spyglass = spyglass("inspect", "--no-tags", image);
    JsonParity.assertSameValuesInSameOrder(
        JsonParity.parse("skopeo", skopeo), JsonParity.parse("spyglass", spyglass));
    assertEquals(
        skopeo, spyglass, "same JSON values, different text (escaping, spacing or newline)");
  }

  @ParameterizedTest(name = "{0} by digest: {1}")
  @MethodSource("references")
  void rawManifestIsSkopeos(Format format, boolean byDigest) {
    String image = reference(format, byDigest);
    byte[] skopeo = Skopeo.runBytes(List.of("inspect", "--tls-verify=false", "--raw", image));
    byte[] spyglass = spyglassBytes("inspect", "--raw", image);
    if (format == Format.SCHEMA1) {
      // The registry signs schema1 afresh on every GET: the payloads must match.
      PushedImage pushedImage = pushed.image(format);
      assertEquals(pushedImage.digest(pushedImage.firstTag()), Schema1Payload.digest(skopeo));
      assertEquals(Schema1Payload.digest(skopeo), Schema1Payload.digest(spyglass));
    } else {
      assertArrayEquals(
          skopeo, spyglass, () -> "skopeo:\n" + utf8(skopeo) + "\nspyglass:\n" + utf8(spyglass));
    }
  }

  @ParameterizedTest(name = "{0} by digest: {1}")
  @MethodSource("references")
  void configIsSkopeos(Format format, boolean byDigest) {
    String image = reference(format, byDigest);
    String skopeo = Skopeo.inspect(image, "--config");
    String spyglass = spyglass("inspect", "--config", image);
    JsonParity.assertSameValuesInSameOrder(
        JsonParity.parse("skopeo", skopeo), JsonParity.parse("spyglass", spyglass));
    assertEquals(
        skopeo, spyglass, "same JSON values, different text (escaping, spacing or newline)");
  }

  @ParameterizedTest(name = "{0} by digest: {1}")
  @MethodSource("references")
  void rawConfigIsSkopeos(Format format, boolean byDigest) {
    String image = reference(format, byDigest);
    byte[] skopeo =
        Skopeo.runBytes(List.of("inspect", "--tls-verify=false", "--config", "--raw", image));
    byte[] spyglass = spyglassBytes("inspect", "--config", "--raw", image);
    assertArrayEquals(
        skopeo, spyglass, () -> "skopeo:\n" + utf8(skopeo) + "\nspyglass:\n" + utf8(spyglass));
    pushed.image(format).config().ifPresent(config -> assertArrayEquals(config.bytes(), spyglass));
  }

  private static String reference(Format format, boolean byDigest) {
    PushedImage image = pushed.image(format);
    return byDigest
        ? image.byDigest(registry.hostPort(), image.firstTag())
        : image.byTag(registry.hostPort(), image.firstTag());
  }

  private static String spyglass(String... args) {
    return utf8(spyglassBytes(args));
  }

  /**
   * Runs spyglass with {@code --tls-verify=false} and an empty auth file; fails unless it exits 0.
   */
  private static byte[] spyglassBytes(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(1, List.of("--tls-verify=false", "--authfile", emptyAuthFile.toString()));
    Cli.Result result = Cli.run(all.toArray(String[]::new));
    assertEquals(0, result.exitCode(), () -> "spyglass " + String.join(" ", all) + ": " + result);
    assertEquals("", result.stderr(), "spyglass wrote to stderr");
    return result.stdout();
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
