package dev.spyglass.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.InvalidReferenceException;
import dev.spyglass.api.Transports;
import dev.spyglass.cli.ExitCode;
import dev.spyglass.cli.output.JsonText;
import dev.spyglass.cli.output.TagListJson;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListTagsCommandTest {

  @Test
  void rendersSkopeosJsonByteForByte() {
    // skopeo list-tags --tls-verify=false docker://127.0.0.1:34101/app, against docker-registry
    // 2.8.2 after `skopeo copy` of one image to the tags 1.0, latest, 2.0-rc.1, zeta and alpha
    // (the registry's order, kept as is); skopeo ends the output with a newline.
    String skopeo =
        """
        {
            "Repository": "127.0.0.1:34101/app",
            "Tags": [
                "latest",
                "alpha",
                "zeta",
                "2.0-rc.1",
                "1.0"
            ]
        }""";
    assertEquals(
        skopeo,
        JsonText.indent(
            TagListJson.of("127.0.0.1:34101/app", List.of("latest", "alpha", "zeta", "2.0-rc.1", "1.0"))));
  }

  @Test
  void rendersARepositoryWithoutTagsAsAnEmptyArray() {
    // skopeo list-tags --tls-verify=false docker://127.0.0.1:34101/emptied, after its only manifest
    // was deleted by digest (the registry answers {"name":"emptied","tags":null}).
    assertEquals(
        "{\n    \"Repository\": \"127.0.0.1:34101/emptied\",\n    \"Tags\": []\n}",
        JsonText.indent(TagListJson.of("127.0.0.1:34101/emptied", List.of())));
  }

  @Test
  void escapesTagsAsGoDoes() {
    assertEquals(
        "{\n    \"Repository\": \"r.example/a\",\n    \"Tags\": [\n        \"a\\u003cb\"\n    ]\n}",
        JsonText.indent(TagListJson.of("r.example/a", List.of("a<b"))));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "docker://127.0.0.1:5000/app:1.0",
        "docker://busybox:latest",
        "docker://127.0.0.1:5000/app@sha256:70d966984c98b9c4487950ceea13061d7cd7056b9d3af86ec5c5492dd5c92839",
        // A port with no repository after it reads as a tag, for skopeo too.
        "docker://127.0.0.1:5000"
      })
  void refusesATagOrDigestAsSkopeoDoes(String name) {
    // skopeo list-tags NAME: "No tag or digest allowed in reference", exit 1.
    CliRun run = CliRun.of("list-tags", name).assertFailure(ExitCode.USAGE);
    assertTrue(run.err().contains("\"" + name + "\""), run.err());
    assertTrue(run.err().contains("without a tag or digest"), run.err());
  }

  @Test
  void acceptsARepositoryAndNamesItFully() {
    Transports transports = Transports.installed();
    assertEquals(
        "127.0.0.1:5000/ns/app",
        ListTagsCommand.parseRepository(transports, "docker://127.0.0.1:5000/ns/app").dockerName().orElseThrow());
    assertEquals(
        "docker.io/library/busybox",
        ListTagsCommand.parseRepository(transports, "docker://busybox").dockerName().orElseThrow());
    assertEquals(
        "localhost/app",
        ListTagsCommand.parseRepository(transports, "docker://localhost/app").dockerName().orElseThrow());
  }

  @Test
  void refusesATransportOtherThanDocker() {
    InvalidReferenceException e =
        assertThrows(
            InvalidReferenceException.class,
            () -> ListTagsCommand.parseRepository(Transports.installed(), "dir:/tmp/app"));
    assertTrue(e.getMessage().contains("\"dir\" cannot list tags"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"busybox", "docker:busybox", "docker://UPPER/app", "ftp://example/app"})
  void refusesWhatIsNoDockerRepositoryName(String name) {
    CliRun.of("list-tags", name).assertFailure(ExitCode.USAGE);
  }

  @Test
  void missingRepositoryIsAUsageError() {
    CliRun run = CliRun.of("list-tags").assertFailure(ExitCode.USAGE);
    assertTrue(run.err().contains("REPOSITORY"), run.err());
  }

  @Test
  void takesTheRegistryFlagsOfInspect() {
    // Port 9 on loopback: nothing listens there, so the flags were accepted and the registry tried.
    CliRun run =
        CliRun.of(
                "list-tags",
                "--tls-verify=false",
                "--creds",
                "user:secret",
                "--authfile",
                "/nonexistent/auth.json",
                "docker://127.0.0.1:9/app")
            .assertFailure(ExitCode.UNREACHABLE);
    assertTrue(run.err().contains("127.0.0.1:9"), run.err());
    assertFalse(run.err().contains("secret"), run.err());
  }

  @Test
  void credentialsWithoutUserAreAUsageError() {
    CliRun.of("list-tags", "--creds", ":secret", "docker://127.0.0.1:9/app").assertFailure(ExitCode.USAGE);
  }

  @Test
  void helpListsBothNewCommands() {
    CliRun run = CliRun.of("--help");
    assertEquals(ExitCode.OK, run.exitCode(), run::toString);
    assertTrue(run.out().contains("list-tags"), run.out());
    assertTrue(run.out().contains("manifest-digest"), run.out());
  }
}
