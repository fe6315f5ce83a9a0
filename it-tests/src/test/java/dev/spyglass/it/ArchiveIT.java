package dev.spyglass.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.spyglass.it.TestImages.Blob;
import dev.spyglass.it.TestImages.PushedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docker-archive:} and {@code oci-archive:} end to end: registry → archive → registry with
 * Spyglass keeps layer digests (and, for {@code oci-archive:}, the manifest digest); skopeo 1.9
 * reads what Spyglass writes, and Spyglass reads what skopeo writes, printing what skopeo prints.
 */
class ArchiveIT {
  private static RegistryProcess registry;
  private static PushedImage schema2;
  private static PushedImage oci;
  private static MultiPlatformImages.PushedList index;

  @BeforeAll
  static void pushImages() throws Exception {
    registry = RegistryProcess.plain();
    schema2 = TestImages.pushSchema2(registry.pusher(), "archive/schema2", List.of("1.0"));
    oci = TestImages.pushOci(registry.pusher(), "archive/oci", List.of("1.0"));
    index =
        MultiPlatformImages.push(
            registry.pusher(), MultiPlatformImages.Kind.OCI_INDEX, "archive/multi", List.of("1.0"));
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void registryToDockerArchiveAndBackKeepsTheLayerDigests() throws Exception {
    for (PushedImage image : List.of(schema2, oci)) {
      Path archive = registry.newFolder("docker-archive-" + image.format()).resolve("app.tar");
      copy(image.byTag(registry.hostPort(), "1.0"), "docker-archive:" + archive + ":app:1");

      // skopeo reads it, and sees the layers as it sees any docker save archive: by diff ID.
      JsonObject seen =
          json(Skopeo.run(List.of("inspect", "docker-archive:" + archive + ":app:1")));
      assertEquals("docker.io/library/app", seen.get("Name").getAsString());
      assertEquals(diffIds(image), strings(seen.getAsJsonArray("Layers")));

      String back =
          "docker://"
              + registry.hostPort()
              + "/archive/back-"
              + image.format().toString().toLowerCase(java.util.Locale.ROOT)
              + ":1";
      copy("docker-archive:" + archive + ":app:1", back);
      JsonObject pushed = json(inspect(back));
      assertEquals(
          layerDigests(image), strings(pushed.getAsJsonArray("Layers")), image.format().toString());
    }
  }

  @Test
  void registryToOciArchiveAndBackKeepsTheManifestDigest() throws Exception {
    for (PushedImage image : List.of(schema2, oci)) {
      Path archive = registry.newFolder("oci-archive-" + image.format()).resolve("app.tar");
      copy(image.byTag(registry.hostPort(), "1.0"), "oci-archive:" + archive + ":v1");

      // skopeo 1.9 finds a Docker-typed index.json entry only without a name (later versions by
      // name too); the archive holds one image.
      JsonObject seen = json(Skopeo.run(List.of("inspect", "oci-archive:" + archive)));
      assertEquals(image.digest("1.0").toString(), seen.get("Digest").getAsString());
      assertEquals(layerDigests(image), strings(seen.getAsJsonArray("Layers")));

      String back =
          "docker://"
              + registry.hostPort()
              + "/archive/oci-back-"
              + image.format().toString().toLowerCase(java.util.Locale.ROOT)
              + ":1";
      copy("oci-archive:" + archive + ":v1", back);
      assertEquals(image.digest("1.0").toString(), json(inspect(back)).get("Digest").getAsString());

      // skopeo copies Spyglass's archive to a registry unchanged too.
      String bySkopeo =
          "docker://"
              + registry.hostPort()
              + "/archive/oci-skopeo-"
              + image.format().toString().toLowerCase(java.util.Locale.ROOT)
              + ":1";
      Skopeo.run(List.of("copy", "--dest-tls-verify=false", "oci-archive:" + archive, bySkopeo));
      assertEquals(
          image.digest("1.0").toString(), json(inspect(bySkopeo)).get("Digest").getAsString());
    }
  }

  @Test
  void inspectOfArchivesSkopeoWrotePrintsWhatSkopeoPrints() throws Exception {
    Path folder = registry.newFolder("skopeo-archives");
    Path docker = folder.resolve("docker.tar");
    Path ociArchive = folder.resolve("oci.tar");
    String source = schema2.byTag(registry.hostPort(), "1.0");
    Skopeo.run(
        List.of("copy", "--src-tls-verify=false", source, "docker-archive:" + docker + ":app:1"));
    Skopeo.run(
        List.of("copy", "--src-tls-verify=false", source, "oci-archive:" + ociArchive + ":v1"));
    for (String reference :
        List.of(
            "docker-archive:" + docker,
            "docker-archive:" + docker + ":app:1",
            "docker-archive:" + docker + ":@0",
            "oci-archive:" + ociArchive,
            "oci-archive:" + ociArchive + ":v1")) {
      JsonParity.assertSameValuesInSameOrder(
          JsonParity.parse("skopeo", Skopeo.run(List.of("inspect", reference))),
          JsonParity.parse("spyglass", inspect(reference)));
      assertEquals(
          new String(
              Skopeo.runBytes(List.of("inspect", "--raw", reference)), StandardCharsets.UTF_8),
          inspectRaw(reference),
          reference);
      JsonParity.assertSameValuesInSameOrder(
          JsonParity.parse("skopeo", Skopeo.run(List.of("inspect", "--config", reference))),
          JsonParity.parse("spyglass", inspectConfig(reference)));
    }

    // Spyglass copies skopeo's archives to a registry with the layer digests skopeo reports.
    String back = "docker://" + registry.hostPort() + "/archive/from-skopeo:1";
    copy("docker-archive:" + docker + ":app:1", back);
    assertEquals(
        strings(
            json(Skopeo.run(List.of("inspect", "docker-archive:" + docker)))
                .getAsJsonArray("Layers")),
        strings(json(inspect(back)).getAsJsonArray("Layers")));
    String ociBack = "docker://" + registry.hostPort() + "/archive/from-skopeo-oci:1";
    copy("oci-archive:" + ociArchive + ":v1", ociBack);
    assertEquals(
        json(Skopeo.run(List.of("inspect", "oci-archive:" + ociArchive)))
            .get("Digest")
            .getAsString(),
        json(inspect(ociBack)).get("Digest").getAsString());
  }

  @Test
  void aMultiPlatformIndexInAnOciArchiveIsReadAsARegistrysIs() throws Exception {
    Path archive = registry.newFolder("oci-archive-multi").resolve("multi.tar");
    Cli.Result all =
        Cli.run(
            "copy",
            "--all",
            "--src-tls-verify=false",
            "--quiet",
            index.byTag(registry.hostPort(), "1.0"),
            "oci-archive:" + archive + ":v1");
    assertEquals(0, all.exitCode(), all::toString);
    for (List<String> override :
        List.of(
            List.of("--override-arch", "arm64", "--override-variant", "v8"),
            List.of("--override-arch", "arm", "--override-variant", "v7"),
            List.of("--override-arch", "amd64"))) {
      List<String> skopeo = new ArrayList<>(override);
      skopeo.addAll(List.of("inspect", "oci-archive:" + archive + ":v1"));
      List<String> spyglass = new ArrayList<>(List.of("inspect"));
      spyglass.addAll(override);
      spyglass.add("oci-archive:" + archive + ":v1");
      Cli.Result ours = Cli.run(spyglass.toArray(String[]::new));
      assertEquals(0, ours.exitCode(), ours::toString);
      JsonParity.assertSameValuesInSameOrder(
          JsonParity.parse("skopeo", Skopeo.run(skopeo)), JsonParity.parse("spyglass", ours.out()));
    }
    String back = "docker://" + registry.hostPort() + "/archive/multi-back:1";
    Cli.Result copied =
        Cli.run(
            "copy",
            "--all",
            "--dest-tls-verify=false",
            "--quiet",
            "oci-archive:" + archive + ":v1",
            back);
    assertEquals(0, copied.exitCode(), copied::toString);
    assertEquals(index.digest().toString(), json(inspect(back)).get("Digest").getAsString());

    Cli.Result toDocker =
        Cli.run(
            "copy",
            "--all",
            "--quiet",
            "oci-archive:" + archive + ":v1",
            "docker-archive:" + archive.resolveSibling("multi-docker.tar"));
    assertEquals(1, toDocker.exitCode(), toDocker::toString);
    assertEquals(1, toDocker.stderr().strip().lines().count(), toDocker.stderr());
    assertTrue(toDocker.stderr().contains("does not accept manifest list"), toDocker.stderr());
    assertFalse(Files.exists(archive.resolveSibling("multi-docker.tar")));
  }

  @Test
  void aGzipCompressedDockerArchiveIsReadAsSkopeoReadsItUncompressed() throws Exception {
    Path folder = registry.newFolder("gzip-archive");
    Path plain = folder.resolve("app.tar");
    Skopeo.run(
        List.of(
            "copy",
            "--src-tls-verify=false",
            oci.byTag(registry.hostPort(), "1.0"),
            "docker-archive:" + plain + ":app:1"));
    Path compressed = folder.resolve("app.tar.gz");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(compressed))) {
      Files.copy(plain, out);
    }
    // skopeo 1.9 fails on it ("loading tar component manifest.json: unexpected EOF").
    JsonParity.assertSameValuesInSameOrder(
        JsonParity.parse(
            "skopeo", Skopeo.run(List.of("inspect", "docker-archive:" + plain + ":app:1"))),
        JsonParity.parse("spyglass", inspect("docker-archive:" + compressed + ":app:1")));
  }

  @Test
  void additionalTagsNameTheImageInTheArchive() throws Exception {
    Path archive = registry.newFolder("additional-tag").resolve("app.tar");
    Cli.Result result =
        Cli.run(
            "copy",
            "--src-tls-verify=false",
            "--quiet",
            "--additional-tag",
            "registry.example/team/other:2",
            schema2.byTag(registry.hostPort(), "1.0"),
            "docker-archive:" + archive + ":app:1");
    assertEquals(0, result.exitCode(), result::toString);
    JsonObject viaOther =
        json(
            Skopeo.run(
                List.of(
                    "inspect", "docker-archive:" + archive + ":registry.example/team/other:2")));
    assertEquals("registry.example/team/other", viaOther.get("Name").getAsString());
    assertEquals(diffIds(schema2), strings(viaOther.getAsJsonArray("Layers")));
    JsonObject ours = json(inspect("docker-archive:" + archive + ":registry.example/team/other:2"));
    assertEquals("registry.example/team/other", ours.get("Name").getAsString());
    assertEquals(
        ours.get("Digest"), json(inspect("docker-archive:" + archive + ":app:1")).get("Digest"));
  }

  @Test
  void aCopyThatFailsLeavesNoArchive() throws Exception {
    Path folder = registry.newFolder("failed-archive");
    Path archive = folder.resolve("app.tar");
    Cli.Result result =
        Cli.run(
            "copy",
            "--src-tls-verify=false",
            "--quiet",
            "docker://" + registry.hostPort() + "/archive/missing:1",
            "docker-archive:" + archive + ":app:1");
    assertNotEquals(0, result.exitCode(), result::toString);
    try (Stream<Path> files = Files.list(folder)) {
      assertEquals(List.of(), files.toList(), "no archive, no temporary file");
    }
  }

  @Test
  void aHostileArchiveIsRefusedInOneLine() throws Exception {
    Path archive = registry.newFolder("hostile").resolve("evil.tar");
    byte[] header = new byte[512];
    byte[] name = "../../etc/passwd".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(name, 0, header, 0, name.length);
    put(header, 100, "0000644\0");
    put(header, 124, "00000000000\0");
    header[156] = '0';
    put(header, 257, "ustar\0");
    put(header, 263, "00");
    java.util.Arrays.fill(header, 148, 156, (byte) ' ');
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o\0 ", sum));
    byte[] tar = new byte[512 * 3];
    System.arraycopy(header, 0, tar, 0, 512);
    Files.write(archive, tar);
    Cli.Result result = Cli.run("inspect", "docker-archive:" + archive);
    assertEquals(7, result.exitCode(), result::toString);
    assertEquals(1, result.stderr().strip().lines().count(), result.stderr());
    assertTrue(
        result
            .stderr()
            .contains("entry \"../../etc/passwd\" contains \"..\", which may leave the archive"),
        result.stderr());
    assertFalse(result.stderr().contains("Exception"), result.stderr());
  }

  private static void put(byte[] header, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }

  private static List<String> layerDigests(PushedImage image) {
    List<String> digests = new ArrayList<>();
    for (Blob layer : image.layers()) {
      digests.add(layer.digest().toString());
    }
    return digests;
  }

  private static List<String> diffIds(PushedImage image) {
    JsonObject config =
        json(new String(image.config().orElseThrow().bytes(), StandardCharsets.UTF_8));
    return strings(config.getAsJsonObject("rootfs").getAsJsonArray("diff_ids"));
  }

  private static List<String> strings(JsonArray array) {
    List<String> out = new ArrayList<>();
    for (JsonElement e : array) {
      out.add(e.getAsString());
    }
    return out;
  }

  private static JsonObject json(String text) {
    return JsonParser.parseString(text).getAsJsonObject();
  }

  private static void copy(String from, String to) {
    Cli.Result result =
        Cli.run("copy", "--src-tls-verify=false", "--dest-tls-verify=false", "--quiet", from, to);
    assertEquals(0, result.exitCode(), result::toString);
    assertEquals("", result.out(), "stdout stays clean");
  }

  private static String inspect(String reference) {
    Cli.Result result = Cli.run("inspect", "--tls-verify=false", "--no-tags", reference);
    assertEquals(0, result.exitCode(), result::toString);
    return result.out();
  }

  private static String inspectRaw(String reference) {
    Cli.Result result = Cli.run("inspect", "--raw", reference);
    assertEquals(0, result.exitCode(), result::toString);
    return result.out();
  }

  private static String inspectConfig(String reference) throws IOException {
    Cli.Result result = Cli.run("inspect", "--config", reference);
    assertEquals(0, result.exitCode(), result::toString);
    return result.out();
  }
}
