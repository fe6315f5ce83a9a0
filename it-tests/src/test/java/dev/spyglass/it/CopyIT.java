package dev.spyglass.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.spyglass.it.TestImages.PushedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code spyglass copy} end to end between the real registry and the local layouts, checked with
 * skopeo: manifests are copied byte for byte, so every round trip keeps the image's digest.
 */
class CopyIT {
  private static RegistryProcess registry;
  private static PushedImage schema2;
  private static PushedImage oci;
  private static PushedImage schema1;

  @BeforeAll
  static void pushImages() throws Exception {
    registry = RegistryProcess.plain();
    schema2 = TestImages.pushSchema2(registry.pusher(), "copy/schema2", List.of("1.0"));
    oci = TestImages.pushOci(registry.pusher(), "copy/oci", List.of("1.0"));
    schema1 = Schema1Images.push(registry.pusher(), "copy/schema1", List.of("1.0"));
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void registryToDirAndBackKeepsTheDigestAndSkopeoReadsTheDir() throws Exception {
    Path dir = registry.newFolder("dir-copy").resolve("image");
    copy(schema2.byTag(registry.hostPort(), "1.0"), "dir:" + dir);
    String skopeo = Skopeo.run(List.of("inspect", "dir:" + dir));
    assertEquals(schema2.digest("1.0").toString(), digestOf(skopeo));

    String back = "docker://" + registry.hostPort() + "/copy/from-dir:1.0";
    copy("dir:" + dir, back);
    assertEquals(schema2.digest("1.0").toString(), inspectDigest(back));
  }

  @Test
  void aDirCopiedOntoItselfKeepsItsImage() throws Exception {
    Path dir = registry.newFolder("dir-self").resolve("image");
    copy(schema2.byTag(registry.hostPort(), "1.0"), "dir:" + dir);
    copy("dir:" + dir, "dir:" + dir + "/");
    assertEquals(
        schema2.digest("1.0").toString(), digestOf(Skopeo.run(List.of("inspect", "dir:" + dir))));
    String back = "docker://" + registry.hostPort() + "/copy/from-self:1.0"; // reads every blob
    copy("dir:" + dir, back);
    assertEquals(schema2.digest("1.0").toString(), inspectDigest(back));
  }

  @Test
  void aPushToARegistryThatTakesNoWritesSaysSoInOneLine() throws Exception {
    Path dir = registry.newFolder("to-read-only").resolve("image");
    copy(schema2.byTag(registry.hostPort(), "1.0"), "dir:" + dir);
    try (RegistryProcess readOnly = RegistryProcess.plainReadOnly()) {
      Cli.Result refused =
          Cli.run(
              "copy",
              "--quiet",
              "--dest-tls-verify=false",
              "dir:" + dir,
              "docker://" + readOnly.hostPort() + "/copy/refused:1.0");

      assertEquals(1, refused.exitCode(), refused::toString);
      assertEquals(1, refused.stderr().strip().lines().count(), refused.stderr());
      assertTrue(
          refused
              .stderr()
              .strip()
              .endsWith(
                  "failed with HTTP 405: Method not allowed; it takes no writes at all"
                      + " (distribution: storage.maintenance.readonly, or a pull-through cache)"),
          refused.stderr());
    }
  }

  @Test
  void registryToOciLayoutAndBackKeepsTheDigest() throws Exception {
    Path layout = registry.newFolder("oci-copy").resolve("layout");
    copy(oci.byTag(registry.hostPort(), "1.0"), "oci:" + layout + ":app");
    assertTrue(Files.isRegularFile(layout.resolve("index.json")));
    String skopeo = Skopeo.run(List.of("inspect", "oci:" + layout + ":app"));
    assertEquals(oci.digest("1.0").toString(), digestOf(skopeo));

    String back = "docker://" + registry.hostPort() + "/copy/from-oci:1.0";
    copy("oci:" + layout + ":app", back);
    assertEquals(oci.digest("1.0").toString(), inspectDigest(back));
  }

  @Test
  void schema1IntoAnOciLayoutIsConvertedAsSkopeoConvertsIt() throws Exception {
    Path ours = registry.newFolder("s1-ours").resolve("layout");
    Path theirs = registry.newFolder("s1-skopeo").resolve("layout");
    copy(schema1.byTag(registry.hostPort(), "1.0"), "oci:" + ours + ":app");
    Skopeo.run(
        List.of("copy", "--src-tls-verify=false", schema1.byTag(registry.hostPort(), "1.0"), "oci:" + theirs + ":app"));
    // The registry re-signs schema1 on every GET, but the payload (and so the conversion) is the same.
    assertEquals(
        digestOf(Skopeo.run(List.of("inspect", "oci:" + theirs + ":app"))),
        digestOf(Skopeo.run(List.of("inspect", "oci:" + ours + ":app"))));
  }

  @Test
  void readsWhatSkopeoWrote() throws Exception {
    Path dir = registry.newFolder("skopeo-dir").resolve("image");
    Skopeo.run(List.of("copy", "--src-tls-verify=false", schema2.byTag(registry.hostPort(), "1.0"), "dir:" + dir));
    String back = "docker://" + registry.hostPort() + "/copy/from-skopeo:1.0";
    copy("dir:" + dir, back);
    assertEquals(schema2.digest("1.0").toString(), inspectDigest(back));
  }

  @Test
  void copyWithinOneRegistryMountsTheBlobsAndWritesTheDigestFile() throws Exception {
    Path digestFile = registry.newFolder("digestfile").resolve("digest");
    String target = "docker://" + registry.hostPort() + "/copy/mounted:2.0";
    Cli.Result result =
        Cli.run(
            "copy",
            "--src-tls-verify=false",
            "--dest-tls-verify=false",
            "--digestfile",
            digestFile.toString(),
            schema2.byTag(registry.hostPort(), "1.0"),
            target);
    assertEquals(0, result.exitCode(), result::toString);
    assertEquals("", result.out(), "stdout stays clean");
    assertTrue(result.stderr().contains("mounted"), result.stderr());
    assertEquals(schema2.digest("1.0").toString(), Files.readString(digestFile));
    assertEquals(schema2.digest("1.0").toString(), inspectDigest(target));
  }

  private static void copy(String from, String to) {
    Cli.Result result =
        Cli.run("copy", "--src-tls-verify=false", "--dest-tls-verify=false", "--quiet", from, to);
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
