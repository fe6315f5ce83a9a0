package dev.spyglass.cli.sync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.spyglass.api.Credentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SyncConfigTest {
  // skopeo-sync(1), "YAML file content", as skopeo 1.15 documents it (1.9's lacks
  // images-by-semver).
  private static final String MAN_PAGE =
      """
      registry.example.com:
          images:
              busybox: []
              redis:
                  - "1.0"
                  - "2.0"
                  - "sha256:0000000000000000000000000000000011111111111111111111111111111111"
          images-by-tag-regex:
              nginx: ^1\\.13\\.[12]-alpine-perl$
          images-by-semver:
              alpine: ">= 3.12.0"
          credentials:
              username: john
              password: this is a secret
          tls-verify: true
          cert-dir: /home/john/certs
      quay.io:
          tls-verify: false
          images:
              coreos/etcd:
                  - latest
      """;

  @TempDir Path dir;

  private Path write(String yaml) throws IOException {
    return write(yaml.getBytes(StandardCharsets.UTF_8));
  }

  private Path write(byte[] bytes) throws IOException {
    Path file = dir.resolve("sync.yml");
    Files.write(file, bytes);
    return file;
  }

  @Test
  void readsSkopeosManPageExample() throws IOException {
    SyncConfig config = SyncConfig.parse(write(MAN_PAGE));

    assertEquals(2, config.registries().size());
    RegistrySource example = config.registries().get(0);
    assertEquals("registry.example.com", example.registry());
    assertEquals(
        List.of(
            new ImageEntry.Tagged("busybox", List.of()),
            new ImageEntry.Tagged(
                "redis",
                List.of(
                    "1.0",
                    "2.0",
                    "sha256:0000000000000000000000000000000011111111111111111111111111111111")),
            ImageEntry.TagRegex.of("nginx", "^1\\.13\\.[12]-alpine-perl$"),
            new ImageEntry.Semver("alpine", SemverConstraint.parse(">= 3.12.0"))),
        example.images());
    assertEquals(Optional.of(new Credentials("john", "this is a secret")), example.credentials());
    assertEquals(Optional.of(true), example.tlsVerify());
    assertEquals(Optional.of(Path.of("/home/john/certs")), example.certDir());
    assertTrue(((ImageEntry.Tagged) example.images().get(0)).allTags());

    RegistrySource quay = config.registries().get(1);
    assertEquals(
        new RegistrySource(
            "quay.io",
            List.of(new ImageEntry.Tagged("coreos/etcd", List.of("latest"))),
            Optional.empty(),
            Optional.of(false),
            Optional.empty()),
        quay);
  }

  @Test
  void manPageFiltersSelectWhatItSays() throws IOException {
    List<ImageEntry> images = SyncConfig.parse(write(MAN_PAGE)).registries().get(0).images();
    ImageEntry.TagRegex nginx = (ImageEntry.TagRegex) images.get(2);
    assertTrue(nginx.matches("1.13.1-alpine-perl"));
    assertTrue(nginx.matches("1.13.2-alpine-perl"));
    assertFalse(nginx.matches("1.13.3-alpine-perl"));
    assertFalse(nginx.matches("1.13.1-alpine"));
    ImageEntry.Semver alpine = (ImageEntry.Semver) images.get(3);
    assertTrue(alpine.matches("3.12.0"));
    assertTrue(alpine.matches("4.0.0"));
    assertFalse(alpine.matches("3.11"));
    assertFalse(alpine.matches("edge"));
  }

  @Test
  void passwordIsInNoStringOfTheResult() throws IOException {
    SyncConfig config = SyncConfig.parse(write(MAN_PAGE));
    assertFalse(config.toString().contains("this is a secret"), config.toString());
    assertTrue(config.toString().contains("john"));
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        arguments(
            "quay.io:\n  imagez:\n    busybox: []\n",
            "2:3: unknown key \"imagez\" in registry \"quay.io\": expected one of images,"
                + " images-by-tag-regex, images-by-semver, credentials, tls-verify, cert-dir"),
        arguments(
            "quay.io:\n  credentials:\n    user: john\n",
            "3:5: unknown key \"user\" in the credentials of registry \"quay.io\": expected one of"
                + " username, password, identitytoken"),
        arguments(
            "quay.io:\n  images:\n    busybox: latest\n",
            "3:14: the tags of repository \"busybox\" must be a list of tags or digests (empty for"
                + " every tag), not a string"),
        arguments(
            "quay.io:\n  images:\n    - busybox\n",
            "3:5: \"images\" of registry \"quay.io\" must map repositories to lists of tags or"
                + " digests, not be a list"),
        arguments(
            "quay.io:\n  images:\n    busybox:\n      - [a]\n",
            "4:9: each tag of repository \"busybox\" must be a tag or a digest, not a list"),
        arguments(
            "quay.io:\n  images:\n    busybox:\n      - null\n",
            "4:9: each tag of repository \"busybox\" must be a tag or a digest, not null"),
        arguments(
            "quay.io:\n  images-by-tag-regex:\n    nginx: '(a'\n",
            "3:12: invalid tag regex \"(a\" of repository \"nginx\": missing closing ): \"(a\""),
        arguments(
            "quay.io:\n  images-by-tag-regex:\n    nginx: 'v(?=1)'\n",
            "3:12: invalid tag regex \"v(?=1)\" of repository \"nginx\": invalid or unsupported"
                + " Perl syntax: \"(?=\""),
        arguments(
            "quay.io:\n  images-by-tag-regex:\n    nginx: [a]\n",
            "3:12: the tag regex of repository \"nginx\" must be a string, not a list"),
        arguments(
            "quay.io:\n  images-by-semver:\n    alpine: \">= x.y\"\n",
            "3:13: invalid semver constraint \">= x.y\" of repository \"alpine\": improper"
                + " constraint \">= x.y\""),
        arguments(
            "quay.io:\n  images-by-semver:\n    alpine:\n",
            "3:12: invalid semver constraint \"\" of repository \"alpine\": improper constraint"
                + " \"\""),
        arguments(
            "quay.io:\n  images:\n    BusyBox: []\n",
            "3:5: invalid repository \"BusyBox\" of registry \"quay.io\": the repository name must"
                + " be lowercase"),
        arguments(
            "quay.io:\n  images:\n    busybox:1.0: []\n",
            "3:5: invalid repository \"busybox:1.0\" of registry \"quay.io\": it must name a"
                + " repository, without a tag or digest (list those under it)"),
        arguments(
            "quay.io:\n  images-by-semver:\n    a//b: '1'\n",
            "3:5: invalid repository \"a//b\" of registry \"quay.io\": the repository name \"a//b\""
                + " has an empty path component"),
        arguments(
            "quay.io:\n  images:\n    busybox:\n      - \"1 0\"\n",
            "4:9: invalid tag \"1 0\" of repository \"busybox\": a tag is 1 to 128 letters, digits,"
                + " '_', '.' or '-', not starting with '.' or '-'"),
        arguments(
            "quay.io:\n  images:\n    busybox:\n      - -rc\n",
            "4:9: invalid tag \"-rc\" of repository \"busybox\": a tag is 1 to 128 letters, digits,"
                + " '_', '.' or '-', not starting with '.' or '-'"),
        arguments(
            "quay.io:\n  images:\n    busybox:\n      - sha256:abc\n",
            "4:9: invalid digest of repository \"busybox\": digest \"sha256:abc\" must have 64"
                + " lowercase hex digits after \"sha256:\""),
        arguments(
            "quay.io:\n  images:\n    busybox:\n      - md5:abc\n",
            "4:9: invalid digest of repository \"busybox\": digest \"md5:abc\" has an algorithm not"
                + " one of sha256, sha384, sha512"),
        arguments(
            "https://quay.io:\n  images: {}\n",
            "1:1: invalid registry \"https://quay.io\": a registry is named HOST[:PORT], without a"
                + " scheme such as https://"),
        arguments(
            "quay.io/coreos:\n  images: {}\n",
            "1:1: invalid registry \"quay.io/coreos\": a registry is named HOST[:PORT], without a"
                + " path or repository"),
        arguments(
            "quay.io:\n  tls-verify: maybe\n",
            "2:15: \"tls-verify\" of registry \"quay.io\" must be true or false, not \"maybe\""),
        arguments(
            "quay.io:\n  tls-verify: \"true\"\n",
            "2:15: \"tls-verify\" of registry \"quay.io\" must be true or false, not \"true\""),
        arguments(
            "quay.io:\n  tls-verify: [true]\n",
            "2:15: \"tls-verify\" of registry \"quay.io\" must be true or false, not a list"),
        arguments(
            "quay.io:\n  cert-dir: {a: b}\n",
            "2:13: \"cert-dir\" of registry \"quay.io\" must be a string, not a mapping"),
        arguments(
            "quay.io:\n  images: {}\n  images: {}\n",
            "3:3: duplicate key \"images\" in registry \"quay.io\" (first at line 2)"),
        arguments(
            "quay.io: {}\ndocker.io: {}\nquay.io: {}\n",
            "3:1: duplicate key \"quay.io\" in the file (first at line 1)"),
        arguments(
            "quay.io:\n  images:\n    busybox: []\n    busybox: [\"1\"]\n",
            "4:5: duplicate key \"busybox\" in \"images\" of registry \"quay.io\" (first at line"
                + " 3)"),
        arguments(
            "quay.io: [busybox]\n",
            "1:10: registry \"quay.io\" must be a mapping of images, images-by-tag-regex,"
                + " images-by-semver, credentials, tls-verify, cert-dir, not a list"),
        arguments(
            "quay.io:\n  credentials: john\n",
            "2:16: the credentials of registry \"quay.io\" must be a mapping of username and"
                + " password, not a string"),
        arguments(
            "quay.io:\n  credentials:\n    username: john\n    password: [s3cr3t]\n",
            "4:15: \"password\" in the credentials of registry \"quay.io\" must be a string, not a"
                + " list"),
        arguments(
            "quay.io:\n  credentials:\n    password: s3cr3t\n    identitytoken: t0k3n\n",
            "3:5: the credentials of registry \"quay.io\" must give either username and password or"
                + " identitytoken, not both"),
        arguments("? [a]\n: {}\n", "1:3: a key must be a string, not a list"),
        arguments(
            "- quay.io\n",
            "1:1: the file must map registries to what to sync from them, not be a list"),
        arguments("", "1:1: the file holds no registries"),
        arguments("# nothing but a comment\n", "1:1: the file holds no registries"),
        arguments("{}\n", "1:1: the file holds no registries"),
        arguments("~\n", "1:1: the file holds no registries"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("errors")
  void namesTheLineAndColumnOfEachError(String yaml, String expected) throws IOException {
    Path file = write(yaml);
    SyncConfigException e = assertThrows(SyncConfigException.class, () -> SyncConfig.parse(file));
    assertEquals(file + ":" + expected, e.getMessage());
    assertFalse(e.getMessage().contains("s3cr3t"));
    assertFalse(e.getMessage().contains("t0k3n"));
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void reportsYamlSyntaxErrorsAtTheirPositionWithoutTheLine() throws IOException {
    Path file = write("quay.io:\n  credentials:\n    password: \"s3cr3t\n");
    SyncConfigException e = assertThrows(SyncConfigException.class, () -> SyncConfig.parse(file));
    assertTrue(e.getMessage().startsWith(file + ":4:1: invalid YAML: "), e.getMessage());
    assertEquals(4, e.line());
    assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void refusesASecondDocument() throws IOException {
    Path file = write("quay.io: {}\n---\ndocker.io: {}\n");
    SyncConfigException e = assertThrows(SyncConfigException.class, () -> SyncConfig.parse(file));
    assertTrue(e.getMessage().startsWith(file + ":2:1: invalid YAML: "), e.getMessage());
    assertTrue(e.getMessage().contains("single document"), e.getMessage());
  }

  @Test
  void boundsAliasesAgainstBillionLaughs() throws IOException {
    StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 9; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [");
      for (int k = 0; k < 9; k++) {
        yaml.append(k == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      yaml.append("]\n");
    }
    Path file = write(yaml.toString());
    SyncConfigException e = assertThrows(SyncConfigException.class, () -> SyncConfig.parse(file));
    assertTrue(e.getMessage().contains("aliases"), e.getMessage());
  }

  @Test
  void followsAliasesWithinTheBound() throws IOException {
    SyncConfig config =
        SyncConfig.parse(
            write(
                "registry.example.com: &common\n"
                    + "  images:\n"
                    + "    busybox: []\n"
                    + "mirror.example.com: *common\n"));
    assertEquals(config.registries().get(0).images(), config.registries().get(1).images());
    assertEquals("mirror.example.com", config.registries().get(1).registry());
  }

  @Test
  void refusesFilesOverTheSizeCap() throws IOException {
    byte[] big = new byte[SyncConfig.MAX_BYTES + 1];
    java.util.Arrays.fill(big, (byte) '#');
    Path file = write(big);
    SyncConfigException e = assertThrows(SyncConfigException.class, () -> SyncConfig.parse(file));
    assertEquals(file + ": the file is larger than 1048576 bytes", e.getMessage());
    assertEquals(0, e.line());
  }

  @Test
  void reportsAMissingFile() {
    Path file = dir.resolve("absent.yml");
    SyncConfigException e = assertThrows(SyncConfigException.class, () -> SyncConfig.parse(file));
    assertEquals(file + ": the file does not exist", e.getMessage());
  }

  @Test
  void refusesBytesThatAreNotUtf8() throws IOException {
    Path file = write(new byte[] {'q', ':', ' ', (byte) 0xff, '\n'});
    SyncConfigException e = assertThrows(SyncConfigException.class, () -> SyncConfig.parse(file));
    assertEquals(file + ": the file is not UTF-8 text", e.getMessage());
  }

  @Test
  void namesTheLineOfACharacterYamlForbids() throws IOException {
    Path file = write("quay.io:\n  images:\n    busy\u0001box: []\n");
    SyncConfigException e = assertThrows(SyncConfigException.class, () -> SyncConfig.parse(file));
    assertEquals(3, e.line(), e.getMessage());
    assertTrue(e.getMessage().contains("U+0001"), e.getMessage());
  }

  @Test
  void readsAByteOrderMark() throws IOException {
    byte[] yaml =
        "\ufeffquay.io:\n  images:\n    coreos/etcd: [latest]\n".getBytes(StandardCharsets.UTF_8);
    assertEquals("quay.io", SyncConfig.parse(write(yaml)).registries().get(0).registry());
    byte[] utf16 = "\ufeffquay.io: {}\n".getBytes(StandardCharsets.UTF_16BE);
    assertEquals("quay.io", SyncConfig.parse(write(utf16)).registries().get(0).registry());
  }

  @Test
  void readsValuesAsSkopeosYamlLibraryDoes() throws IOException {
    SyncConfig config =
        SyncConfig.parse(
            write(
                """
                localhost:5000:
                  images:
                    busybox:
                    app/web:
                      - 1.10
                      - 2
                      - true
                  images-by-tag-regex:
                    nginx:
                  tls-verify: no
                  cert-dir: ""
                  credentials:
                    username:
                    password:
                registry.example.com:
                  tls-verify: on
                  credentials:
                    identitytoken: t0k3n
                docker.io:
                """));
    RegistrySource local = config.registries().get(0);
    assertEquals("localhost:5000", local.registry());
    assertEquals(
        List.of(
            new ImageEntry.Tagged("busybox", List.of()),
            new ImageEntry.Tagged("app/web", List.of("1.10", "2", "true")),
            ImageEntry.TagRegex.of("nginx", "")),
        local.images());
    assertTrue(((ImageEntry.TagRegex) local.images().get(2)).matches("any"));
    assertEquals(Optional.of(false), local.tlsVerify());
    assertEquals(Optional.empty(), local.certDir());
    assertEquals(Optional.empty(), local.credentials());

    RegistrySource example = config.registries().get(1);
    assertEquals(Optional.of(true), example.tlsVerify());
    assertEquals(Optional.of(new Credentials("", "t0k3n")), example.credentials());
    assertTrue(example.credentials().orElseThrow().isIdentityToken());

    RegistrySource hub = config.registries().get(2);
    assertEquals(
        new RegistrySource(
            "docker.io", List.of(), Optional.empty(), Optional.empty(), Optional.empty()),
        hub);
  }

  @Test
  void keepsEntriesInFileOrder() throws IOException {
    SyncConfig config =
        SyncConfig.parse(
            write(
                """
                z.example:
                  images-by-semver:
                    b: ^1
                  images:
                    a: []
                a.example:
                  images-by-tag-regex:
                    c: x
                """));
    assertEquals(
        List.of("z.example", "a.example"),
        config.registries().stream().map(RegistrySource::registry).toList());
    assertEquals(
        List.of("b", "a"),
        config.registries().get(0).images().stream().map(ImageEntry::repository).toList());
  }
}
