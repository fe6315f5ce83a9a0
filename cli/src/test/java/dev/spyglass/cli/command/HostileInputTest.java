package dev.spyglass.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures of {@code inspect} on images a file controls: with several images each failure names
 * its image, and text from the manifest reaches stderr as visible escapes, never as terminal
 * control (a retitled or cleared terminal, a broken line, reversed text).
 */
class HostileInputTest {
  /** JSON text of a string that retitles the terminal, breaks the line and reverses the rest. */
  private static final String HOSTILE_JSON = "\\u001b]0;pwned\\u0007\\u2028\\u202egnp.exe";

  /** The same string as the messages must show it. */
  private static final String HOSTILE_SHOWN = "\\u001b]0;pwned\\u0007\\u2028\\u202egnp.exe";

  private static final String BARE_CONFIG =
      "sha256:0108ef731784cf6f9d980407c819dc50cb4dbe9209d6402a35937d9e6ebc0079";
  private static final String BARE_LAYER =
      "sha256:77ea7eee3d80b1a38f83906dd3048e2689457eb90e18a7d12f839c5ae37106a2";

  @TempDir Path tmp;

  @Test
  void eachFailureOfSeveralImagesNamesItsImageAndKeepsItsExitCode() throws Exception {
    Path good = bare("good");
    Path bad = bare("bad");
    String manifest = Files.readString(bad.resolve("manifest.json"));
    Files.writeString(bad.resolve("manifest.json"), manifest.replace("\"size\":199,", ""));

    CliRun invalid = CliRun.of("inspect", "dir:" + good, "dir:" + bad).assertFailure(7);
    assertTrue(
        invalid.err().startsWith("spyglass: image \"dir:" + bad + "\": config.size is missing"),
        invalid.err());

    CliRun missing =
        CliRun.of("inspect", "dir:" + tmp.resolve("nowhere"), "dir:" + good).assertFailure(3);
    assertTrue(
        missing.err().startsWith("spyglass: image \"dir:" + tmp.resolve("nowhere") + "\": "),
        missing.err());
  }

  @Test
  void aSingleImageFailureIsReportedWithoutThePrefix() throws Exception {
    Path bad = bare("bad");
    String manifest = Files.readString(bad.resolve("manifest.json"));
    Files.writeString(bad.resolve("manifest.json"), manifest.replace("\"size\":199,", ""));

    CliRun run = CliRun.of("inspect", "dir:" + bad).assertFailure(7);

    assertTrue(run.err().startsWith("spyglass: config.size is missing"), run.err());
  }

  @Test
  void aHostilePlatformInAListStaysInertInTheNoMatchMessage() throws Exception {
    Path list =
        dir(
            "list",
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                + "\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"digest\":\"sha256:"
                + "a".repeat(64)
                + "\",\"size\":100,\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux"
                + HOSTILE_JSON
                + "\"}}]}");

    CliRun run =
        CliRun.of("inspect", "--override-arch", "s390x", "dir:" + list).assertFailure(3);

    assertInert(run.err());
    assertTrue(run.err().contains("\"linux" + HOSTILE_SHOWN + "/amd64\""), run.err());
  }

  @Test
  void aHostileDigestInAManifestIsQuotedOnceAndInert() throws Exception {
    Path image =
        dir(
            "digest",
            "{\"schemaVersion\":2,"
                + "\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\","
                + "\"size\":199,\"digest\":\"sha256:"
                + HOSTILE_JSON
                + "\"},\"layers\":[]}");

    CliRun run = CliRun.of("inspect", "dir:" + image).assertFailure(7);

    assertInert(run.err());
    assertEquals(1, occurrences(run.err(), HOSTILE_SHOWN), run.err());
  }

  @Test
  void aHostileLayerMediaTypeStaysInert() throws Exception {
    Path image =
        dir(
            "layer",
            "{\"schemaVersion\":2,"
                + "\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\","
                + "\"size\":199,\"digest\":\""
                + BARE_CONFIG
                + "\"},\"layers\":[{\"mediaType\":\"application/x"
                + HOSTILE_JSON
                + "\",\"size\":6,\"digest\":\""
                + BARE_LAYER
                + "\"}]}");

    CliRun run = CliRun.of("inspect", "dir:" + image).assertFailure(7);

    assertInert(run.err());
    assertTrue(run.err().contains(HOSTILE_SHOWN), run.err());
  }

  private static void assertInert(String err) {
    for (char c : new char[] {'\u001b', '\u0007', '\u2028', '\u202e', '\r'}) {
      assertFalse(
          err.indexOf(c) >= 0, () -> "U+" + Integer.toHexString(c) + " reached stderr: " + err);
    }
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      count++;
    }
    return count;
  }

  /** A copy of the dir: layout format/bare (a valid schema2 image). */
  private Path bare(String name) throws IOException, URISyntaxException {
    Path from =
        Path.of(
                Objects.requireNonNull(HostileInputTest.class.getResource("format/bare/version"))
                    .toURI())
            .getParent();
    Path to = Files.createDirectories(tmp.resolve(name));
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()));
      }
    }
    return to;
  }

  /** A dir: layout holding only {@code manifest}. */
  private Path dir(String name, String manifest) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(name));
    Files.writeString(dir.resolve("version"), "Directory Transport Version: 1.1\n");
    Files.write(dir.resolve("manifest.json"), manifest.getBytes(StandardCharsets.UTF_8));
    return dir;
  }
}
