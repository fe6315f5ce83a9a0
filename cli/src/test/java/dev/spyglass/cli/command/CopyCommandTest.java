package dev.spyglass.cli.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Credentials;
import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestVerifyingInputStream;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.RawManifest;
import dev.spyglass.api.Transport;
import dev.spyglass.api.Transports;
import dev.spyglass.cli.ExitCode;
import dev.spyglass.image.ImageCopier;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code spyglass copy} and {@code spyglass layers} over an in-memory transport {@code mem:NAME}
 * (source and destination) and a fake {@code dir:PATH} that writes files, injected as
 * InspectFormatTest injects its transport.
 */
class CopyCommandTest {
  private final Map<String, RawManifest> images = new ConcurrentHashMap<>();
  private final Map<Digest, byte[]> sourceBlobs = new ConcurrentHashMap<>();
  private final Map<String, Map<Digest, byte[]>> destinationBlobs = new ConcurrentHashMap<>();
  private final Map<String, RawManifest> written = new ConcurrentHashMap<>();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Transport mem = new MemTransport();

  @TempDir Path tmp;

  @Test
  void copiesAndPrintsOneLinePerBlobThenTheManifestLine() throws Exception {
    Digest a = blob("layer a");
    Digest b = blob("layer bb");
    RawManifest image = image("app", a, b);
    destinationBlobs.computeIfAbsent("copy", k -> new ConcurrentHashMap<>()).put(a, sourceBlobs.get(a));

    assertEquals(ExitCode.OK, copy("mem:app", "mem:copy"));

    assertArrayEquals(image.bytes(), written.get("copy").bytes());
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
    assertTrue(written.containsKey("copy"));
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

    RawManifest copied = written.get("copy");
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

    dev.spyglass.api.ImageException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            dev.spyglass.api.ImageException.class,
            () -> copy("-q", "--preserve-digests", "-f", "v2s2", "mem:app", "mem:copy"));

    assertTrue(
        e.getMessage().startsWith("cannot keep the digest of manifest \"" + image.digest() + "\""),
        e.getMessage());
    assertFalse(written.containsKey("copy"));
    assertEquals(ExitCode.OK, copy("-q", "--preserve-digests", "mem:app", "mem:copy"));
    assertEquals(image, written.get("copy"));
  }

  @Test
  void formatNamesMapToManifestTypesAsSkopeos() {
    CopyCommand oci = command();
    new CommandLine(oci).parseArgs("--format", "oci", "mem:a", "mem:b");
    assertEquals(Optional.of(MediaType.OCI_MANIFEST), oci.copier().format());
    CopyCommand v2s2 = command();
    new CommandLine(v2s2).parseArgs("-f", "v2s2", "mem:a", "mem:b");
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
    new CommandLine(command)
        .parseArgs(
            "--all",
            "--src-creds", "alice:secret",
            "--dest-creds", "bob:pw",
            "--src-tls-verify=false",
            "--dest-cert-dir", "/certs",
            "--authfile", "/auth.json",
            "--dest-authfile", "/dest-auth.json",
            "--retry-times", "3",
            "--image-parallel-copies", "2",
            "--override-arch", "arm64",
            "--override-variant", "v8",
            "mem:a",
            "mem:b");
    ImageOptions src = command.sourceOptions();
    ImageOptions dest = command.destinationOptions();
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
    assertEquals(2, copier.parallelCopies());
    assertEquals("arm64", command.platform().architecture());
    assertEquals("v8", command.platform().variant());
  }

  @Test
  void defaultsAreSkopeos() {
    CopyCommand command = command();
    new CommandLine(command).parseArgs("mem:a", "mem:b");
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
    new CommandLine(command).parseArgs("--dest-creds", ":pw", "mem:a", "mem:b");
    UsageException e = assertThrows(UsageException.class, command::destinationOptions);
    assertEquals("--dest-creds needs a user name before the colon", e.getMessage());
  }

  @Test
  void aMissingImageFailsAndWritesNothing() {
    assertThrows(NotFoundException.class, () -> copy("mem:nothing", "mem:copy"));
    assertTrue(written.isEmpty());
  }

  @Test
  void layersCopiesTheNamedLayerAndTheManifestIntoANewDirectoryAndPrintsItsPath() throws Exception {
    Digest a = blob("layer a");
    Digest b = blob("layer b");
    RawManifest image = image("app", a, b);

    assertEquals(ExitCode.OK, layers(List.of(mem, new DirTransport()), "mem:app", b.toString()));

    Path dir = Path.of(out.toString(StandardCharsets.UTF_8).strip());
    assertEquals(tmp, dir.getParent());
    assertTrue(dir.getFileName().toString().startsWith("layers-"), dir.toString());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(
          List.of(b.hex(), "manifest.json"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    assertArrayEquals(image.bytes(), Files.readAllBytes(dir.resolve("manifest.json")));
    assertArrayEquals(sourceBlobs.get(b), Files.readAllBytes(dir.resolve(b.hex())));
  }

  @Test
  void layersWithoutDigestsCopiesEveryLayerAndTheConfig() throws Exception {
    Digest a = blob("layer a");
    image("app", a);
    assertEquals(ExitCode.OK, layers(List.of(mem, new DirTransport()), "mem:app"));
    Path dir = Path.of(out.toString(StandardCharsets.UTF_8).strip());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(3, files.count());
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
    sourceBlobs.put(bad, "not layer b".getBytes(StandardCharsets.UTF_8));
    assertThrows(
        ImageException.class, () -> layers(List.of(mem, new DirTransport()), "mem:app"));
    try (Stream<Path> files = Files.list(tmp)) {
      assertEquals(List.of(), files.toList(), "the layers-* directory of the failed run is left");
    }
  }

  @Test
  void layersRefusesTextThatIsNotADigest() {
    UsageException e =
        assertThrows(UsageException.class, () -> layers(List.of(mem, new DirTransport()), "mem:app", "abc"));
    assertTrue(e.getMessage().contains("\"abc\""), e.getMessage());
  }

  private int copy(String... args) throws Exception {
    CopyCommand command = command();
    new CommandLine(command).parseArgs(args);
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
    new CommandLine(command).parseArgs(all.toArray(String[]::new));
    return command.call();
  }

  private Digest blob(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    Digest d = Digest.sha256(bytes);
    sourceBlobs.put(d, bytes);
    return d;
  }

  private static byte[] config() {
    return "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
        .getBytes(StandardCharsets.UTF_8);
  }

  private static Digest configDigest() {
    return Digest.sha256(config());
  }

  private RawManifest image(String name, Digest... layers) {
    sourceBlobs.put(configDigest(), config());
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
          .append(sourceBlobs.get(layers[i]).length)
          .append("}");
    }
    byte[] bytes = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    RawManifest raw = new RawManifest(bytes, MediaType.OCI_MANIFEST, Digest.sha256(bytes));
    images.put(name, raw);
    return raw;
  }

  private final class MemTransport implements Transport {
    @Override
    public String name() {
      return "mem";
    }

    @Override
    public ImageReference parseReference(String reference) {
      return new MemReference(this, reference);
    }
  }

  private final class MemReference implements ImageReference {
    private final Transport transport;
    private final String name;

    MemReference(Transport transport, String name) {
      this.transport = transport;
      this.name = name;
    }

    @Override
    public Transport transport() {
      return transport;
    }

    @Override
    public String stringWithinTransport() {
      return name;
    }

    @Override
    public ImageSource newImageSource(ImageOptions options) {
      return new ImageSource() {
        @Override
        public ImageReference reference() {
          return MemReference.this;
        }

        @Override
        public RawManifest manifest() throws NotFoundException {
          RawManifest raw = images.get(name);
          if (raw == null) {
            throw new NotFoundException("manifest", describe(), "");
          }
          return raw;
        }

        @Override
        public RawManifest manifest(Digest digest) throws NotFoundException {
          throw new NotFoundException("manifest", digest.toString(), "");
        }

        @Override
        public InputStream blob(Descriptor blob) {
          return new DigestVerifyingInputStream(
              new ByteArrayInputStream(sourceBlobs.get(blob.digest())), blob);
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public ImageDestination newImageDestination(ImageOptions options) {
      Map<Digest, byte[]> blobs = destinationBlobs.computeIfAbsent(name, k -> new ConcurrentHashMap<>());
      return new Destination(this) {
        @Override
        void store(Digest digest, byte[] bytes) {
          blobs.put(digest, bytes);
        }

        @Override
        public boolean hasBlob(Descriptor blob) {
          return blobs.containsKey(blob.digest());
        }

        @Override
        public void putManifest(RawManifest manifest) {
          written.put(name, manifest);
        }
      };
    }
  }

  /** A destination that keeps blobs as {@link #store} says; list instances are refused. */
  private abstract static class Destination implements ImageDestination {
    private final ImageReference reference;

    Destination(ImageReference reference) {
      this.reference = reference;
    }

    abstract void store(Digest digest, byte[] bytes);

    @Override
    public ImageReference reference() {
      return reference;
    }

    @Override
    public List<String> supportedManifestMediaTypes() {
      return List.of();
    }

    @Override
    public void putBlob(Descriptor blob, InputStream content) throws ImageException {
      try (InputStream in = new DigestVerifyingInputStream(content, blob)) {
        store(blob.digest(), in.readAllBytes());
      } catch (ImageException e) {
        throw e;
      } catch (IOException e) {
        throw new ImageException("put failed", e);
      }
    }

    @Override
    public void putManifest(RawManifest manifest, Digest instance) throws ImageException {
      throw new ImageException("not a list destination");
    }

    @Override
    public void close() {}
  }

  /** {@code dir:PATH}: blobs as files named by hex, and manifest.json, as skopeo's dir: does. */
  private static final class DirTransport implements Transport {
    @Override
    public String name() {
      return "dir";
    }

    @Override
    public ImageReference parseReference(String reference) {
      Path dir = Path.of(reference);
      Transport transport = this;
      return new ImageReference() {
        @Override
        public Transport transport() {
          return transport;
        }

        @Override
        public String stringWithinTransport() {
          return reference;
        }

        @Override
        public ImageSource newImageSource(ImageOptions options) throws ImageException {
          throw new ImageException("write only");
        }

        @Override
        public ImageDestination newImageDestination(ImageOptions options) {
          return new Destination(this) {
            @Override
            void store(Digest digest, byte[] bytes) {
              write(dir.resolve(digest.hex()), bytes);
            }

            @Override
            public boolean hasBlob(Descriptor blob) {
              return Files.exists(dir.resolve(blob.digest().hex()));
            }

            @Override
            public void putManifest(RawManifest manifest) {
              write(dir.resolve("manifest.json"), manifest.bytes());
            }
          };
        }
      };
    }

    private static void write(Path file, byte[] bytes) {
      try {
        Files.write(file, bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
