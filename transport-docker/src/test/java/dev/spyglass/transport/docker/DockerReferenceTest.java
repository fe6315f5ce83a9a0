package dev.spyglass.transport.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Digest;
import dev.spyglass.api.DockerName;
import dev.spyglass.api.InvalidReferenceException;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code docker} transport's references: {@code //} and a {@link DockerName}, whose grammar
 * {@code DockerNameTest} in {@code api} covers.
 */
class DockerReferenceTest {
  private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

  static Stream<Arguments> validReferences() {
    // text, registry, API host, repository, tag ("" = none), digest ("" = none), within transport
    return Stream.of(
        Arguments.of(
            "//busybox", "docker.io", "registry-1.docker.io", "library/busybox", "latest", "",
            "//busybox:latest"),
        Arguments.of(
            "//index.docker.io/library/busybox:musl", "docker.io", "registry-1.docker.io",
            "library/busybox", "musl", "", "//busybox:musl"),
        Arguments.of(
            "//myuser/app", "docker.io", "registry-1.docker.io", "myuser/app", "latest", "",
            "//myuser/app:latest"),
        Arguments.of(
            "//localhost:5000/app:v1", "localhost:5000", "localhost:5000", "app", "v1", "",
            "//localhost:5000/app:v1"),
        Arguments.of(
            "//127.0.0.1:5000/ns/sub/app@" + DIGEST, "127.0.0.1:5000", "127.0.0.1:5000",
            "ns/sub/app", "", DIGEST, "//127.0.0.1:5000/ns/sub/app@" + DIGEST));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validReferences")
  void parsesTheNameAfterTheSlashes(
      String text,
      String registry,
      String apiHost,
      String repository,
      String tag,
      String digest,
      String within) {
    DockerReference ref = DockerReference.parse(text);

    assertEquals(DockerName.parse(text.substring(2)), ref.toDockerName());
    assertEquals(registry, ref.registry());
    assertEquals(apiHost, ref.apiHost());
    assertEquals(repository, ref.repository());
    assertEquals(tag.isEmpty() ? Optional.empty() : Optional.of(tag), ref.tag());
    assertEquals(
        digest.isEmpty() ? Optional.empty() : Optional.of(Digest.parse(digest)), ref.digest());
    assertEquals(registry + "/" + repository, ref.name());
    assertEquals(Optional.of(registry + "/" + repository), ref.dockerName());
    assertEquals(within, ref.stringWithinTransport());
    assertEquals("docker:" + within, ref.describe());
    assertEquals(
        ref, DockerReference.parse(within), "the familiar form parses back to the same reference");
  }

  static Stream<Arguments> invalidReferences() {
    // text, a fragment of the reason
    return Stream.of(
        Arguments.of("busybox", "must start with \"//\""),
        Arguments.of("/busybox", "must start with \"//\""),
        Arguments.of("", "must start with \"//\""),
        Arguments.of("//", "the image name is missing"),
        Arguments.of("//Busybox", "must be lowercase"),
        Arguments.of("//busybox:1.0@" + DIGEST, "both a tag and a digest"),
        Arguments.of("//host:port/app", "invalid port \"port\""),
        Arguments.of("//r.example/" + "a".repeat(246), "longer than 255"));
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @MethodSource("invalidReferences")
  void refusesInvalidReferencesQuotingTheWholeTextAndTheReason(String text, String reason) {
    InvalidReferenceException e =
        assertThrows(InvalidReferenceException.class, () -> DockerReference.parse(text));

    assertEquals(text, e.reference());
    String quoted =
        text.length() <= 140 ? "\"" + text + "\"" : "\"" + text.substring(0, 140) + "...\"";
    assertEquals("invalid image reference " + quoted + ": " + e.reason(), e.getMessage());
    assertTrue(e.reason().contains(reason), e.getMessage());
  }

  @Test
  void theTransportParsesToReferencesThatPointBackToIt() {
    DockerTransport transport = new DockerTransport();

    DockerReference ref = transport.parseReference("//localhost:5000/app:1.0");

    assertEquals("docker", transport.name());
    assertSame(transport, ref.transport());
    assertEquals("localhost:5000/app:1.0", ref.toDockerName().fullName());
  }

  @Test
  void ofNamesTheImageOfADockerName() {
    DockerName name = DockerName.parse("localhost:5000/app@" + DIGEST);

    DockerReference ref = DockerReference.of(name);

    assertSame(name, ref.toDockerName());
    assertEquals(DockerReference.parse("//localhost:5000/app@" + DIGEST), ref);
    assertEquals(DockerTransport.NAME, ref.transport().name());
  }

  @Test
  void equalReferencesAreEqualWhateverTheirSpelling() {
    assertEquals(
        DockerReference.parse("//busybox"),
        DockerReference.parse("//docker.io/library/busybox:latest"));
    assertEquals(
        DockerReference.parse("//busybox").hashCode(),
        DockerReference.parse("//index.docker.io/library/busybox").hashCode());
    assertNotEquals(DockerReference.parse("//busybox"), DockerReference.parse("//busybox:1"));
    assertEquals(
        "docker://localhost:5000/app:1",
        DockerReference.parse("//localhost:5000/app:1").toString());
  }
}
