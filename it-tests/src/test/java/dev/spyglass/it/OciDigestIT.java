package dev.spyglass.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.spyglass.api.MediaType;
import dev.spyglass.it.MultiPlatformImages.PlatformImage;
import dev.spyglass.it.MultiPlatformImages.PushedList;
import dev.spyglass.it.TestImages.PushedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Registry → {@code oci:} → registry keeps the manifest digest of Docker schema2 images and Docker
 * manifest lists: an OCI layout stores them as they are. {@code --format oci} still converts, and
 * {@code --preserve-digests} refuses a conversion. skopeo 1.9 skips Docker-typed entries of an
 * OCI layout, so these layouts are checked through {@code index.json} and spyglass itself.
 */
class OciDigestIT {
  private static RegistryProcess registry;
  private static PushedImage schema2;
  private static PushedList list;

  @BeforeAll
  static void push() throws Exception {
    registry = RegistryProcess.plain();
    schema2 = TestImages.pushSchema2(registry.pusher(), "ocidigest/schema2", List.of("1.0"));
    list =
        MultiPlatformImages.push(
            registry.pusher(), MultiPlatformImages.Kind.DOCKER_LIST, "ocidigest/list", List.of("1"));
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void aSchema2ImageKeepsItsDigestThroughAnOciLayout() throws Exception {
    Path layout = registry.newFolder("schema2-layout").resolve("layout");
    copy(schema2.byTag(registry.hostPort(), "1.0"), "oci:" + layout + ":app");

    JsonObject entry = onlyEntry(layout);
    assertEquals(MediaType.DOCKER_SCHEMA2, entry.get("mediaType").getAsString());
    assertEquals(schema2.digest("1.0").toString(), entry.get("digest").getAsString());
    assertEquals(schema2.digest("1.0").toString(), inspectDigest("oci:" + layout + ":app"));

    String back = "docker://" + registry.hostPort() + "/ocidigest/back:1.0";
    copy("oci:" + layout + ":app", back);
    assertEquals(schema2.digest("1.0").toString(), inspectDigest(back));
  }

  @Test
  void aDockerListAndItsImagesKeepTheirDigestsThroughAnOciLayoutWithAll() throws Exception {
    Path layout = registry.newFolder("list-layout").resolve("layout");
    copy(list.byTag(registry.hostPort(), "1"), "oci:" + layout + ":multi", "--all");

    JsonObject entry = onlyEntry(layout);
    assertEquals(MediaType.DOCKER_MANIFEST_LIST, entry.get("mediaType").getAsString());
    assertEquals(list.digest().toString(), entry.get("digest").getAsString());
    for (PlatformImage image : list.images()) {
      assertArrayEquals(
          image.manifest(),
          Files.readAllBytes(layout.resolve("blobs/sha256/" + image.digest().hex())),
          image.platform().toString());
    }

    String back = "docker://" + registry.hostPort() + "/ocidigest/list-back:1";
    copy("oci:" + layout + ":multi", back, "--all");
    Cli.Result raw = Cli.run("inspect", "--raw", "--tls-verify=false", back);
    assertEquals(0, raw.exitCode(), raw::toString);
    assertArrayEquals(list.bytes(), raw.stdout(), "list bytes");
    for (PlatformImage image : list.images()) {
      String byDigest = "docker://" + registry.hostPort() + "/ocidigest/list-back@" + image.digest();
      assertEquals(image.digest().toString(), inspectDigest(byDigest));
    }
  }

  @Test
  void formatOciStillConvertsAndSkopeoReadsTheResult() throws Exception {
    Path layout = registry.newFolder("converted-layout").resolve("layout");
    copy(schema2.byTag(registry.hostPort(), "1.0"), "oci:" + layout + ":app", "--format", "oci");

    JsonObject entry = onlyEntry(layout);
    assertEquals(MediaType.OCI_MANIFEST, entry.get("mediaType").getAsString());
    assertNotEquals(schema2.digest("1.0").toString(), entry.get("digest").getAsString());
    String skopeo = Skopeo.run(List.of("inspect", "oci:" + layout + ":app"));
    assertEquals(entry.get("digest").getAsString(), digestOf(skopeo));
  }

  @Test
  void preserveDigestsRefusesAConversionInOneLineAndWritesNoManifest() throws Exception {
    Path layout = registry.newFolder("preserve-layout").resolve("layout");
    Cli.Result result =
        Cli.run(
            "copy",
            "--quiet",
            "--src-tls-verify=false",
            "--preserve-digests",
            "--format",
            "oci",
            schema2.byTag(registry.hostPort(), "1.0"),
            "oci:" + layout + ":app");

    assertEquals(1, result.exitCode(), result::toString);
    assertEquals("", result.out());
    assertEquals(1, result.stderr().strip().lines().count(), result.stderr());
    assertTrue(
        result.stderr().contains("cannot keep the digest of manifest \"" + schema2.digest("1.0")),
        result.stderr());
    assertFalse(Files.exists(layout.resolve("index.json")));

    copy(
        schema2.byTag(registry.hostPort(), "1.0"), "oci:" + layout + ":app", "--preserve-digests");
    assertEquals(schema2.digest("1.0").toString(), onlyEntry(layout).get("digest").getAsString());
  }

  private static JsonObject onlyEntry(Path layout) throws Exception {
    JsonObject index =
        JsonParser.parseString(Files.readString(layout.resolve("index.json"))).getAsJsonObject();
    assertEquals(1, index.getAsJsonArray("manifests").size(), index.toString());
    return index.getAsJsonArray("manifests").get(0).getAsJsonObject();
  }

  private static void copy(String from, String to, String... flags) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("copy", "--src-tls-verify=false", "--dest-tls-verify=false", "--quiet"));
    args.addAll(List.of(flags));
    args.addAll(List.of(from, to));
    Cli.Result result = Cli.run(args.toArray(String[]::new));
    assertEquals(0, result.exitCode(), result::toString);
    assertEquals("", result.out(), "stdout stays clean");
  }

  private static String inspectDigest(String reference) {
    Cli.Result result = Cli.run("inspect", "--tls-verify=false", "--no-tags", reference);
    assertEquals(0, result.exitCode(), result::toString);
    return digestOf(result.out());
  }

  private static String digestOf(String inspectJson) {
    return JsonParser.parseString(inspectJson).getAsJsonObject().get("Digest").getAsString();
  }
}
