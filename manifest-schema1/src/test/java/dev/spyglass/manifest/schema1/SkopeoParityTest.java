package dev.spyglass.manifest.schema1;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import dev.spyglass.api.Descriptor;
import dev.spyglass.api.ImageConfig;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.gojson.GoTime;
import dev.spyglass.testing.SharedFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Compares config output with what skopeo 1.9 printed for the same manifests (src/test/skopeo). */
class SkopeoParityTest {
  private static final Path RECORDED = Path.of("src/test/skopeo").toAbsolutePath();
  private static final Schema1Format FORMAT = new Schema1Format();

  static Stream<String> recorded() throws IOException {
    try (Stream<Path> files = Files.list(RECORDED)) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".config.json"))
          .map(name -> name.substring(0, name.length() - ".config.json".length()))
          .sorted()
          .toList()
          .stream();
    }
  }

  @Test
  void recordsCoverFixturesAndSyntheticCases() throws IOException {
    assertTrue(recorded().count() >= 25, "recorded skopeo outputs: " + recorded().count());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("recorded")
  void ociConfigJsonIsWhatSkopeoPrints(String name) throws Exception {
    String printed = read(name + ".config.json");

    String json = manifest(name).ociConfigJson(new byte[0]);

    assertEquals(printed.substring(0, printed.length() - 1), json); // skopeo adds a newline
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("recorded")
  void decodedConfigAndLayersAreWhatSkopeoInspects(String name) throws Exception {
    JsonObject inspected = JsonParser.parseString(read(name + ".inspect.json")).getAsJsonObject();
    Schema1Manifest manifest = manifest(name);

    ImageConfig config = manifest.decodeConfig(new byte[0]);

    Gson gson = new Gson();
    assertAll(
        () ->
            assertEquals(
                inspected.get("Created").getAsString(),
                GoTime.ofInstant(config.created().toInstant(), config.createdOffsetSeconds())
                    .format()),
        () -> assertEquals(inspected.get("DockerVersion").getAsString(), config.dockerVersion()),
        () -> assertEquals(inspected.get("Architecture").getAsString(), config.architecture()),
        () -> assertEquals(inspected.get("Os").getAsString(), config.os()),
        () ->
            assertEquals(
                gson.fromJson(inspected.get("Labels"), new TypeToken<Map<String, String>>() {}),
                config.labels()),
        () ->
            assertEquals(
                gson.fromJson(inspected.get("Env"), new TypeToken<List<String>>() {}),
                config.env()),
        () ->
            assertEquals(
                gson.fromJson(inspected.get("Layers"), new TypeToken<List<String>>() {}),
                manifest.layers().stream().map(Descriptor::digest).map(String::valueOf).toList()),
        () ->
            assertEquals(
                inspected.has("Tag") ? inspected.get("Tag").getAsString() : null,
                manifest.tag().orElse(null)));
  }

  private static Schema1Manifest manifest(String name) throws InvalidManifestException {
    Path synthetic = RECORDED.resolve(name + ".manifest.json");
    byte[] bytes;
    try {
      bytes =
          Files.exists(synthetic)
              ? Files.readAllBytes(synthetic)
              : SharedFixtures.read(name.replace("__", "/"));
    } catch (IOException e) {
      throw new AssertionError("cannot read the manifest of " + name, e);
    }
    String type = FORMAT.guessMediaType(bytes).orElseThrow();
    return FORMAT.parse(bytes, type);
  }

  private static String read(String file) throws IOException {
    return Files.readString(RECORDED.resolve(file), StandardCharsets.UTF_8);
  }
}
