package dev.spyglass.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DockerNameTest {
  private static final String HEX = "0123456789abcdef".repeat(4);
  private static final String DIGEST = "sha256:" + HEX;

  static Stream<Arguments> validNames() {
    // text, registry, API host, repository, tag ("" = none), digest ("" = none), familiar form
    return Stream.of(
        Arguments.of(
            "busybox", "docker.io", "registry-1.docker.io", "library/busybox", "latest", "",
            "busybox:latest"),
        Arguments.of(
            "busybox:1.36", "docker.io", "registry-1.docker.io", "library/busybox", "1.36", "",
            "busybox:1.36"),
        Arguments.of(
            "library/busybox", "docker.io", "registry-1.docker.io", "library/busybox", "latest",
            "", "busybox:latest"),
        Arguments.of(
            "docker.io/busybox", "docker.io", "registry-1.docker.io", "library/busybox", "latest",
            "", "busybox:latest"),
        Arguments.of(
            "index.docker.io/library/busybox:musl", "docker.io", "registry-1.docker.io",
            "library/busybox", "musl", "", "busybox:musl"),
        Arguments.of(
            "myuser/app", "docker.io", "registry-1.docker.io", "myuser/app", "latest", "",
            "myuser/app:latest"),
        Arguments.of(
            "library/a/b", "docker.io", "registry-1.docker.io", "library/a/b", "latest", "",
            "library/a/b:latest"),
        Arguments.of(
            "localhost/app", "localhost", "localhost", "app", "latest", "", "localhost/app:latest"),
        Arguments.of(
            "localhost:5000/app:v1", "localhost:5000", "localhost:5000", "app", "v1", "",
            "localhost:5000/app:v1"),
        Arguments.of(
            "localhost:5000", "docker.io", "registry-1.docker.io", "library/localhost", "5000",
            "", "localhost:5000"),
        Arguments.of(
            "127.0.0.1:5000/ns/sub/app@" + DIGEST, "127.0.0.1:5000", "127.0.0.1:5000",
            "ns/sub/app", "", DIGEST, "127.0.0.1:5000/ns/sub/app@" + DIGEST),
        Arguments.of(
            "busybox@" + DIGEST, "docker.io", "registry-1.docker.io", "library/busybox", "",
            DIGEST, "busybox@" + DIGEST),
        Arguments.of(
            "registry.example/a.b_c__d-e--f/x9", "registry.example", "registry.example",
            "a.b_c__d-e--f/x9", "latest", "", "registry.example/a.b_c__d-e--f/x9:latest"),
        Arguments.of(
            "[::1]:5000/app", "[::1]:5000", "[::1]:5000", "app", "latest", "",
            "[::1]:5000/app:latest"),
        Arguments.of(
            "quay.io/coreos/etcd:v3.5.0-amd64_x.Y", "quay.io", "quay.io", "coreos/etcd",
            "v3.5.0-amd64_x.Y", "", "quay.io/coreos/etcd:v3.5.0-amd64_x.Y"),
        Arguments.of(
            "Registry.Example.COM/app", "Registry.Example.COM", "Registry.Example.COM", "app",
            "latest", "", "Registry.Example.COM/app:latest"),
        Arguments.of(
            "busybox:_" + "a".repeat(127), "docker.io", "registry-1.docker.io", "library/busybox",
            "_" + "a".repeat(127), "", "busybox:_" + "a".repeat(127)),
        Arguments.of(
            "r.example/" + "a".repeat(245), "r.example", "r.example", "a".repeat(245), "latest",
            "", "r.example/" + "a".repeat(245) + ":latest"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validNames")
  void parsesAndNormalisesValidNames(
      String text,
      String registry,
      String apiHost,
      String repository,
      String tag,
      String digest,
      String familiar) {
    DockerName name = DockerName.parse(text);

    assertEquals(registry, name.registry());
    assertEquals(apiHost, name.apiHost());
    assertEquals(repository, name.repository());
    assertEquals(tag.isEmpty() ? Optional.empty() : Optional.of(tag), name.tag());
    assertEquals(
        digest.isEmpty() ? Optional.empty() : Optional.of(Digest.parse(digest)), name.digest());
    assertEquals(registry + "/" + repository, name.name());
    assertEquals(tag.isEmpty() ? digest : tag, name.manifestReference());
    String suffix = tag.isEmpty() ? "@" + digest : ":" + tag;
    assertEquals(registry + "/" + repository + suffix, name.fullName());
    assertEquals(name.fullName(), name.toString());
    assertEquals(familiar, name.familiarString());
    assertEquals(
        name, DockerName.parse(familiar), "the familiar form parses back to the same name");
    assertEquals(name, DockerName.parse(name.fullName()), "so does the full name");
  }

  static Stream<Arguments> invalidNames() {
    // text, a fragment of the reason
    return Stream.of(
        Arguments.of("", "the image name is missing"),
        Arguments.of("Busybox", "must be lowercase"),
        Arguments.of("docker.io/Library/busybox", "must be lowercase"),
        Arguments.of("busybox:", "tag \"\""),
        Arguments.of("busybox:-bad", "tag \"-bad\""),
        Arguments.of("busybox:.bad", "tag \".bad\""),
        Arguments.of("busybox:" + "a".repeat(129), "1 to 128"),
        Arguments.of("busybox:a+b", "tag \"a+b\""),
        Arguments.of("busybox@sha256:abc", "64 lowercase hex digits"),
        Arguments.of("busybox@md5:" + HEX.substring(0, 32), "not one of sha256"),
        Arguments.of("busybox@", "algorithm:hex"),
        Arguments.of("busybox@sha256:" + HEX.toUpperCase(), "lowercase hex"),
        Arguments.of("busybox:1.0@" + DIGEST, "both a tag and a digest"),
        Arguments.of("a//b", "empty path component"),
        Arguments.of("busybox/", "empty path component"),
        Arguments.of("localhost/", "empty path component"),
        Arguments.of("/busybox", "empty path component"),
        Arguments.of("a_-b", "path component \"a_-b\""),
        Arguments.of("a___b", "path component \"a___b\""),
        Arguments.of("-abc", "path component \"-abc\""),
        Arguments.of("abc.", "path component \"abc.\""),
        Arguments.of("ns/ab$c", "path component \"ab$c\""),
        Arguments.of("host:port/app", "invalid port \"port\""),
        Arguments.of("host:/app", "invalid port \"\""),
        Arguments.of("bad_host.example/app", "not a valid host name"),
        Arguments.of("-bad.example/app", "not a valid host name"),
        Arguments.of("bad..example/app", "not a valid host name"),
        Arguments.of("ex ample.com/app", "not a valid host name"),
        Arguments.of(HEX, "64-digit hexadecimal"),
        Arguments.of("r.example/" + "a".repeat(246), "longer than 255"),
        Arguments.of("a".repeat(250), "longer than 255"));
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @MethodSource("invalidNames")
  void refusesInvalidNamesQuotingTheTextAndTheReason(String text, String reason) {
    InvalidReferenceException e =
        assertThrows(InvalidReferenceException.class, () -> DockerName.parse(text));

    assertEquals(text, e.reference());
    assertTrue(e.reason().contains(reason), e.reason());
    String quoted =
        text.length() <= 140 ? "\"" + text + "\"" : "\"" + text.substring(0, 140) + "...\"";
    assertEquals("invalid image reference " + quoted + ": " + e.reason(), e.getMessage());
  }

  @Test
  void refusesPathologicalNamesQuickly() {
    String text = "a".repeat(5000) + "!";
    long start = System.nanoTime();
    assertThrows(InvalidReferenceException.class, () -> DockerName.parse(text));
    assertTrue(
        System.nanoTime() - start < 1_000_000_000L, "parsing must not backtrack exponentially");
  }

  @Test
  void equalNamesAreEqualWhateverTheirSpelling() {
    assertEquals(DockerName.parse("busybox"), DockerName.parse("docker.io/library/busybox:latest"));
    assertEquals(
        DockerName.parse("busybox").hashCode(),
        DockerName.parse("index.docker.io/library/busybox").hashCode());
    assertNotEquals(DockerName.parse("busybox"), DockerName.parse("busybox:1"));
    assertNotEquals(
        DockerName.parse("registry-1.docker.io/library/busybox"),
        DockerName.parse("busybox"),
        "only index.docker.io is folded into docker.io, as distribution folds it");
  }

  @Test
  void withDigestNamesTheSameRepositoryByDigestOnly() {
    Digest digest = Digest.parse(DIGEST);

    DockerName byDigest = DockerName.parse("localhost:5000/ns/app:1.0").withDigest(digest);

    assertEquals(DockerName.parse("localhost:5000/ns/app@" + DIGEST), byDigest);
    assertEquals(Optional.empty(), byDigest.tag());
    assertEquals("localhost:5000/ns/app@" + DIGEST, byDigest.fullName());
    assertEquals(DIGEST, byDigest.manifestReference());
  }
}
