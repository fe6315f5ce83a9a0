package dev.spyglass.cli.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Credentials;
import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.RawManifest;
import dev.spyglass.api.Transport;
import dev.spyglass.api.Transports;
import dev.spyglass.cli.ExitCode;
import dev.spyglass.image.ImageCopier;
import dev.spyglass.testing.MemoryImage;
import dev.spyglass.testing.MemoryTransport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code spyglass copy} and {@code spyglass layers} over the kit's in-memory transport {@code
 * mem:NAME} (source and destination) and the real {@code dir:} transport, injected as
 * InspectFormatTest injects its transport.
 */
class CopyCommandTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final MemoryTransport mem = new MemoryTransport("mem");
  private final MemoryImage app = mem.image("app");
  private final MemoryImage copy = mem.image("copy");
  /** The real {@code dir:} transport (transport-layout, a runtime dependency of the CLI). */
  private final Transport dirTransport = Transports.installed().get("dir").orElseThrow();

  @TempDir Path tmp;

  @Test
  void copiesAndPrintsOneLinePerBlobThenTheManifestLine() throws Exception {
    Digest a = blob("layer a");
    Digest b = blob("layer bb");
    RawManifest image = image("app", a, b);
    copy.addBlob("layer a");

    assertEquals(ExitCode.OK, copy("mem:app", "mem:copy"));

    assertArrayEquals(image.bytes(), copy.manifest().orElseThrow().bytes());
    List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(4, lines.size(), lines.toString());
    assertTrue(lines.contains("Copying blob " + a + " skipped: already exists"), lines.toString());
    assertTrue(
        lines.stream().anyMatch(l -> l.matches("Copying blob " + b + " done 8 B in \\d+\\.\\d s")),
        lines.toString());
    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith("Copying config " + configDigest() + " done ")),
        lines.toString());
    assertEquals("Writing manifest to image destination", lines.get(3));
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void quietPrintsNothing() throws Exception {
    image("app", blob("layer a"));
    assertEquals(ExitCode.OK, copy("--quiet", "mem:app", "mem:copy"));
    assertEquals("", err.toString(StandardCharsets.UTF_8));
    assertTrue(copy.manifest().isPresent());
  }

  @Test
  void digestfileGetsTheManifestDigestWithoutNewline() throws Exception {
    RawManifest image = image("app", blob("layer a"));
    Path file = tmp.resolve("digest");
    assertEquals(ExitCode.OK, copy("-q", "--digestfile", file.toString(), "mem:app", "mem:copy"));
    assertEquals(image.digest().toString(), Files.readString(file));
  }

  @Test
  void formatV2s2ConvertsTheOciImageAndDigestfileGetsTheNewDigest() throws Exception {
    RawManifest image = image("app", blob("layer a"));
    Path file = tmp.resolve("digest");

    assertEquals(
        ExitCode.OK, copy("-q", "-f", "v2s2", "--digestfile", file.toString(), "mem:app", "mem:copy"));

    RawManifest copied = copy.manifest().orElseThrow();
    assertEquals(MediaType.DOCKER_SCHEMA2, copied.mediaType());
    assertNotEquals(image.digest(), copied.digest());
    assertEquals(Digest.sha256(copied.bytes()), copied.digest());
    assertEquals(copied.digest().toString(), Files.readString(file));
    String json = new String(copied.bytes(), StandardCharsets.UTF_8);
    assertTrue(json.contains("\"digest\":\"" + configDigest() + "\""), "config kept: " + json);
    assertTrue(json.contains(MediaType.DOCKER_LAYER_GZIP), json);
  }

  @Test
  void preserveDigestsFailsInsteadOfConvertingAndWritesNothing() throws Exception {
    RawManifest image = image("app", blob("layer a"));

    ImageException e =
        assertThrows(
            ImageException.class,
            () -> copy("-q", "--preserve-digests", "-f", "v2s2", "mem:app", "mem:copy"));

    assertTrue(
        e.getMessage().startsWith("cannot keep the digest of manifest \"" + image.digest() + "\""),
        e.getMessage());
    assertTrue(copy.manifest().isEmpty());
    assertTrue(copy.blobDigests().isEmpty(), copy.blobDigests().toString());
    assertEquals(ExitCode.OK, copy("-q", "--preserve-digests", "mem:app", "mem:copy"));
    assertEquals(image, copy.manifest().orElse(null));
  }

  @Test
  void formatNamesMapToManifestTypesAsSkopeos() {
    CopyCommand oci = command();
    new CommandLine(oci.spec()).parseArgs("--format", "oci", "mem:a", "mem:b");
    assertEquals(Optional.of(MediaType.OCI_MANIFEST), oci.copier().format());
    CopyCommand v2s2 = command();
    new CommandLine(v2s2.spec()).parseArgs("-f", "v2s2", "mem:a", "mem:b");
    assertEquals(Optional.of(MediaType.DOCKER_SCHEMA2), v2s2.copier().format());
  }

  @Test
  void formatV2s1IsAUsageError() {
    CliRun run =
        CliRun.of("copy", "--format", "v2s1", "docker://127.0.0.1:9/a:1", "docker://127.0.0.1:9/b:1")
            .assertFailure(ExitCode.USAGE);
    assertEquals(
        "spyglass: --format v2s1 asks for a conversion to Docker schema1, which is not supported;"
            + " use oci or v2s2; see 'spyglass --help'",
        run.err().strip());
  }

  @Test
  void anUnknownFormatIsAUsageError() {
    CliRun run =
        CliRun.of("copy", "--format", "v3", "docker://127.0.0.1:9/a:1", "docker://127.0.0.1:9/b:1")
            .assertFailure(ExitCode.USAGE);
    assertTrue(
        run.err().contains("--format \"v3\" is not a manifest format; choose oci, v2s1 or v2s2"),
        run.err());
  }

  @Test
  void parallelCopiesBelowOneIsAUsageError() {
    CliRun run =
        CliRun.of("copy", "--image-parallel-copies", "0", "docker://127.0.0.1:9/a:1", "docker://127.0.0.1:9/b:1")
            .assertFailure(ExitCode.USAGE);
    assertTrue(run.err().contains("--image-parallel-copies must be 1 or more, not 0"), run.err());
  }

  @Test
  void copyNeedsSourceAndDestination() {
    CliRun.of("copy", "docker://127.0.0.1:9/a:1").assertFailure(ExitCode.USAGE);
  }

  @Test
  void parsesSkopeosFlagsIntoTwoSetsOfOptions() {
    CopyCommand command = command();
    new CommandLine(command.spec())
        .parseArgs(
            "--all",
            "--src-creds", "alice:secret",
            "--dest-creds", "bob:pw",
            "--src-tls-verify=false",
            "--dest-cert-dir", "/certs",
            "--authfile", "/auth.json",
            "--dest-authfile", "/dest-auth.json",
            "--retry-times", "3",
            "--retry-delay", "1m30s",
            "--image-parallel-copies", "2",
            "--override-arch", "arm64",
            "--override-variant", "v8",
            "--additional-tag", "app:2",
            "--additional-tag", "other/app:3",
            "mem:a",
            "mem:b");
    ImageOptions src = command.sourceOptions();
    ImageOptions dest = command.destinationOptions();
    assertEquals(List.of(), src.additionalTags());
    assertEquals(List.of("app:2", "other/app:3"), dest.additionalTags());
    assertFalse(src.tlsVerify());
    assertTrue(dest.tlsVerify());
    assertEquals(Optional.of(new Credentials("alice", "secret")), src.credentials());
    assertEquals(Optional.of(new Credentials("bob", "pw")), dest.credentials());
    assertEquals(Optional.empty(), src.certDir());
    assertEquals(Optional.of(Path.of("/certs")), dest.certDir());
    assertEquals(Optional.of(Path.of("/auth.json")), src.authFile());
    assertEquals(Optional.of(Path.of("/dest-auth.json")), dest.authFile());
    ImageCopier copier = command.copier();
    assertTrue(copier.all());
    assertEquals(3, copier.retryTimes());
    assertEquals(java.time.Duration.ofSeconds(90), copier.retryDelay());
    assertEquals(2, copier.parallelCopies());
    assertEquals("arm64", command.platform().architecture());
    assertEquals("v8", command.platform().variant());
  }

  @Test
  void defaultsAreSkopeos() {
    CopyCommand command = command();
    new CommandLine(command.spec()).parseArgs("mem:a", "mem:b");
    ImageCopier copier = command.copier();
    assertFalse(copier.all());
    assertEquals(0, copier.retryTimes());
    assertEquals(6, copier.parallelCopies());
    assertEquals(Optional.empty(), copier.format());
    assertTrue(command.sourceOptions().tlsVerify());
    assertTrue(command.destinationOptions().tlsVerify());
    assertEquals(Optional.empty(), command.sourceOptions().credentials());
  }

  @Test
  void aCredentialFlagWithoutUserNamesItsFlag() {
    CopyCommand command = command();
    new CommandLine(command.spec()).parseArgs("--dest-creds", ":pw", "mem:a", "mem:b");
    UsageException e = assertThrows(UsageException.class, command::destinationOptions);
    assertEquals("--dest-creds needs a user name before the colon", e.getMessage());
  }

  @Test
  void aMissingImageFailsAndWritesNothing() {
    assertThrows(NotFoundException.class, () -> copy("mem:nothing", "mem:copy"));
    assertTrue(copy.manifest().isEmpty());
  }

  @Test
  void layersCopiesTheNamedLayerAndTheManifestIntoANewDirectoryAndPrintsItsPath() throws Exception {
    Digest a = blob("layer a");
    Digest b = blob("layer b");
    RawManifest image = image("app", a, b);

    assertEquals(ExitCode.OK, layers(List.of(mem, dirTransport), "mem:app", b.toString()));

    Path dir = Path.of(out.toString(StandardCharsets.UTF_8).strip());
    assertEquals(tmp, dir.getParent());
    assertTrue(dir.getFileName().toString().startsWith("layers-"), dir.toString());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(
          List.of(b.hex(), "manifest.json", "version"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    assertArrayEquals(image.bytes(), Files.readAllBytes(dir.resolve("manifest.json")));
    assertArrayEquals(app.blob(b).orElseThrow(), Files.readAllBytes(dir.resolve(b.hex())));
  }

  @Test
  void layersWithoutDigestsCopiesEveryLayerAndTheConfig() throws Exception {
    Digest a = blob("layer a");
    image("app", a);
    assertEquals(ExitCode.OK, layers(List.of(mem, dirTransport), "mem:app"));
    Path dir = Path.of(out.toString(StandardCharsets.UTF_8).strip());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(4, files.count(), "the layer, the config, manifest.json and version");
    }
    assertTrue(Files.exists(dir.resolve(configDigest().hex())));
  }

  @Test
  void layersFailsNamingTheDirTransportWhenItIsNotInstalled() throws Exception {
    image("app", blob("layer a"));
    ImageException e = assertThrows(ImageException.class, () -> layers(List.of(mem), "mem:app"));
    assertEquals(
        "layers writes through the \"dir\" transport, which is not installed; installed transports: mem",
        e.getMessage());
    try (Stream<Path> files = Files.list(tmp)) {
      assertEquals(0, files.count(), "no directory is created");
    }
  }

  @Test
  void layersThatFailsRemovesItsDirectoryAndWhatItWrote() throws Exception {
    Digest good = blob("layer a");
    Digest bad = blob("layer b");
    image("app", good, bad);
    app.tamper(bad, "not layer b".getBytes(StandardCharsets.UTF_8));
    assertThrows(
        ImageException.class, () -> layers(List.of(mem, dirTransport), "mem:app"));
    try (Stream<Path> files = Files.list(tmp)) {
      assertEquals(List.of(), files.toList(), "the layers-* directory of the failed run is left");
    }
  }

  @Test
  void layersRefusesTextThatIsNotADigest() {
    UsageException e =
        assertThrows(UsageException.class, () -> layers(List.of(mem, dirTransport), "mem:app", "abc"));
    assertTrue(e.getMessage().contains("\"abc\""), e.getMessage());
  }

  private int copy(String... args) throws Exception {
    CopyCommand command = command();
    new CommandLine(command.spec()).parseArgs(args);
    return command.call();
  }

  private CopyCommand command() {
    return new CopyCommand(
        Transports.of(List.of(mem)),
        ManifestFormats.installed(),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private int layers(List<Transport> transports, String... args) throws Exception {
    LayersCommand command =
        new LayersCommand(
            Transports.of(transports),
            ManifestFormats.installed(),
            new PrintStream(out, true, StandardCharsets.UTF_8));
    List<String> all = new ArrayList<>(List.of("--parent-dir", tmp.toString()));
    all.addAll(List.of(args));
    new CommandLine(command.spec()).parseArgs(all.toArray(String[]::new));
    return command.call();
  }

  /** A blob of the source image {@code mem:app}. */
  private Digest blob(String text) {
    return app.addBlob(text);
  }

  private static byte[] config() {
    return "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
        .getBytes(StandardCharsets.UTF_8);
  }

  private static Digest configDigest() {
    return Digest.sha256(config());
  }

  /** The OCI manifest of {@code mem:app}, naming its config and {@code layers}. */
  private RawManifest image(String name, Digest... layers) {
    MemoryImage image = mem.image(name);
    image.addBlob(config());
    StringBuilder json =
        new StringBuilder(
            "{\"schemaVersion\":2,\"mediaType\":\""
                + MediaType.OCI_MANIFEST
                + "\",\"config\":{\"mediaType\":\""
                + MediaType.OCI_CONFIG
                + "\",\"digest\":\""
                + configDigest()
                + "\",\"size\":"
                + config().length
                + "},\"layers\":[");
    for (int i = 0; i < layers.length; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"mediaType\":\"")
          .append(MediaType.OCI_LAYER_GZIP)
          .append("\",\"digest\":\"")
          .append(layers[i])
          .append("\",\"size\":")
          .append(image.blob(layers[i]).orElseThrow().length)
          .append("}");
    }
    byte[] bytes = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    return image.setManifest(new RawManifest(bytes, MediaType.OCI_MANIFEST, Digest.sha256(bytes)));
  }
}
