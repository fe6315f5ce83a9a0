package dev.spyglass.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import dev.spyglass.api.MediaType;
import dev.spyglass.it.TestImages.Blob;
import dev.spyglass.it.TestImages.Format;
import dev.spyglass.it.TestImages.PushedImage;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the test fixtures against the oracle, so that the other tests assert on real values: the
 * registry stores what {@link TestImages} says it pushed, and skopeo reads it back the same way. No
 * Spyglass code runs here.
 */
class TestImagesIT {
  private static RegistryProcess registry;
  private static TestImages.Pushed pushed;

  @BeforeAll
  static void pushImages() throws Exception {
    registry = RegistryProcess.plain();
    pushed = TestImages.pushAll(registry.pusher());
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  static Stream<Arguments> imagesAndTags() {
    return pushed.all().stream()
        .flatMap(image -> image.tags().stream().map(tag -> Arguments.of(image.format(), tag)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("imagesAndTags")
  void registryReportsThePushedDigest(Format format, String tag) throws Exception {
    PushedImage image = image(format);
    HttpResponse<byte[]> byTag =
        registry.pusher().getManifest(image.repository(), tag, image.mediaType());
    assertEquals(
        image.digest(tag).toString(),
        byTag.headers().firstValue("Docker-Content-Digest").orElse(""));
    assertEquals(
        image.mediaType(),
        MediaType.normalize(byTag.headers().firstValue("Content-Type").orElse("")));
    if (format == Format.SCHEMA1) {
      assertEquals(image.digest(tag), Schema1Payload.digest(image.manifest(tag)));
      assertEquals(image.digest(tag), Schema1Payload.digest(byTag.body()));
    } else {
      assertArrayEquals(image.manifest(tag), byTag.body());
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("imagesAndTags")
  void skopeoSeesThePushedImage(Format format, String tag) {
    PushedImage image = image(format);
    JsonObject inspect =
        JsonParser.parseString(Skopeo.inspect(image.byTag(registry.hostPort(), tag)))
            .getAsJsonObject();
    assertEquals(image.digest(tag).toString(), inspect.get("Digest").getAsString());
    assertEquals(
        image.layers().stream().map(layer -> layer.digest().toString()).toList(),
        strings(inspect.get("Layers")));
    assertEquals(image.facts().architecture(), inspect.get("Architecture").getAsString());
    assertEquals(image.facts().os(), inspect.get("Os").getAsString());
    assertEquals(image.facts().env(), strings(inspect.get("Env")));
    assertEquals(
        image.facts().labels(),
        TestImages.GSON.fromJson(
            inspect.get("Labels"), new TypeToken<Map<String, String>>() {}.getType()));
    assertEquals(
        image.facts().createdTime().toInstant(),
        OffsetDateTime.parse(inspect.get("Created").getAsString()).toInstant());
    assertEquals(
        image.tags().stream().sorted().toList(),
        strings(inspect.get("RepoTags")).stream().sorted().toList());
  }

  /** Schema1 has no config blob, and its manifest is signed afresh on every GET. */
  static Stream<Arguments> imagesWithConfigAndTags() {
    return imagesAndTags().filter(arguments -> arguments.get()[0] != Format.SCHEMA1);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("imagesWithConfigAndTags")
  void skopeoReadsThePushedConfigAndManifestBytes(Format format, String tag) {
    PushedImage image = image(format);
    Blob config = image.config().orElseThrow();
    assertArrayEquals(
        image.manifest(tag),
        Skopeo.runBytes(
            List.of(
                "inspect", "--tls-verify=false", "--raw", image.byTag(registry.hostPort(), tag))));
    assertArrayEquals(
        config.bytes(),
        Skopeo.runBytes(
            List.of(
                "inspect",
                "--tls-verify=false",
                "--config",
                "--raw",
                image.byDigest(registry.hostPort(), tag))));
  }

  private static PushedImage image(Format format) {
    return pushed.image(format);
  }

  private static List<String> strings(JsonElement array) {
    return array.getAsJsonArray().asList().stream().map(JsonElement::getAsString).toList();
  }
}
