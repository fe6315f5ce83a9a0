package dev.spyglass.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.spyglass.api.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code spyglass copy} stopped as Ctrl-C or {@code kill} stops it, in its own JVM, while a layer
 * is half written: the temporary files go, and so does a {@code dir:} directory the copy created.
 * The source is an HTTPS server that sends half of the layer and then waits: no real registry can
 * be made to stall at a chosen byte.
 */
class InterruptedCopyIT {
  private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
  private static final String MANIFEST_TYPE =
      "application/vnd.docker.distribution.manifest.v2+json";

  /** Written of the layer before the copy is stopped: more than the config, less than sent. */
  private static final long PARTIAL_BYTES = 256 * 1024;

  private final byte[] layer = new byte[4 * 1024 * 1024];

  private final byte[] config =
      "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
          .getBytes(StandardCharsets.US_ASCII);
  private final CountDownLatch released = new CountDownLatch(1);
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private HttpsServer stalling;
  private byte[] manifest = new byte[0];

  @TempDir Path tmp;

  @BeforeEach
  void startStallingSource() throws IOException, GeneralSecurityException {
    new Random(7).nextBytes(layer);
    manifest =
        ("{\"schemaVersion\":2,\"mediaType\":\""
                + MANIFEST_TYPE
                + "\",\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\","
                + "\"size\":"
                + config.length
                + ",\"digest\":\""
                + Digest.sha256(config)
                + "\"},\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar\","
                + "\"size\":"
                + layer.length
                + ",\"digest\":\""
                + Digest.sha256(layer)
                + "\"}]}")
            .getBytes(StandardCharsets.US_ASCII);
    // HTTPS: the client tries it first, and a plain HTTP server of the JDK leaves a TLS hello
    // unanswered until the client's read times out.
    stalling = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    stalling.setHttpsConfigurator(
        new HttpsConfigurator(
            TestCertificates.create(Files.createDirectories(tmp.resolve("certs")))
                .serverContext()));
    stalling.setExecutor(handlers);
    stalling.createContext("/", this::serve);
    stalling.start();
  }

  @AfterEach
  void stopSource() {
    released.countDown();
    stalling.stop(0);
    handlers.shutdownNow();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dir", "oci", "docker-archive", "oci-archive"})
  void aCopyStoppedMidLayerLeavesNothingHalfWritten(String transport) throws Exception {
    Path target = tmp.resolve("target");
    boolean archive = transport.endsWith("-archive");
    if (archive) {
      Files.createDirectories(target); // the archive is a file in it, its temporary files beside it
    }
    String destination =
        transport + ":" + (archive ? target.resolve("app.tar") : target)
            + (transport.equals("oci") || transport.equals("oci-archive") ? ":v1" : "");
    Path log = tmp.resolve("stderr");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-p",
                PROJECT.resolve("cli/target/spyglass-cli.jar")
                    + ":"
                    + PROJECT.resolve("cli/target/lib"),
                "-m",
                "dev.spyglass.cli/dev.spyglass.cli.Main",
                "copy",
                "--quiet",
                "--src-tls-verify=false",
                "docker://127.0.0.1:" + stalling.getAddress().getPort() + "/app:1",
                destination)
            .redirectOutput(tmp.resolve("stdout").toFile())
            .redirectError(log.toFile());
    // Staged bytes of the layer (kept for a later run) go to the test's own cache, not the user's.
    builder.environment().put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
    Process copy = builder.start();
    try {
      Path partial = awaitPartialFile(target, copy, log);
      copy.destroy(); // SIGTERM, as kill; Ctrl-C's SIGINT takes the same way out of the JVM
      assertTrue(copy.waitFor(30, TimeUnit.SECONDS), "the copy did not stop");
      assertEquals(143, copy.exitValue(), "exit status of a JVM stopped by SIGTERM");
      assertFalse(Files.exists(partial), "the half-written " + partial + " is left");
      if (transport.equals("dir")) {
        assertFalse(Files.exists(target), "the directory the stopped copy created is left");
      } else if (archive) {
        try (Stream<Path> left = Files.list(target)) {
          assertEquals(List.of(), left.toList(), "no archive under its final name, no temporary file");
        }
      } else {
        assertEquals(List.of(), temporaryFiles(target));
        assertFalse(
            Files.exists(target.resolve("index.json")), "an index names the unfinished image");
      }
    } finally {
      copy.destroyForcibly();
    }
  }

  /** Waits until the copy is writing the layer: a temporary file with some of its bytes. */
  private static Path awaitPartialFile(Path target, Process copy, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!copy.isAlive()) {
        fail(
            "the copy ended (exit "
                + copy.exitValue()
                + ") before it was stopped: "
                + Files.readString(log));
      }
      for (Path temp : temporaryFiles(target)) {
        if (sizeOf(temp) >= PARTIAL_BYTES) {
          return temp;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no partial layer file appeared in 60 s: " + Files.readString(log));
  }

  /** The size of a file that may be renamed or removed meanwhile: 0 when it is gone. */
  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  private static List<Path> temporaryFiles(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(p -> p.getFileName().toString().startsWith(".spyglass-")).toList();
    } catch (IOException | UncheckedIOException e) {
      return List.of(); // a file went away while being listed: look again
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      boolean head = exchange.getRequestMethod().equals("HEAD");
      Optional<byte[]> whole = Optional.empty();
      if (path.equals("/v2/")) {
        whole = Optional.of("{}".getBytes(StandardCharsets.US_ASCII));
      } else if (path.equals("/v2/app/manifests/1")) {
        exchange.getResponseHeaders().set("Content-Type", MANIFEST_TYPE);
        exchange
            .getResponseHeaders()
            .set("Docker-Content-Digest", Digest.sha256(manifest).toString());
        whole = Optional.of(manifest);
      } else if (path.equals("/v2/app/blobs/" + Digest.sha256(config))) {
        whole = Optional.of(config);
      } else if (path.equals("/v2/app/blobs/" + Digest.sha256(layer)) && head) {
        whole = Optional.of(layer);
      } else if (path.equals("/v2/app/blobs/" + Digest.sha256(layer))) {
        exchange.sendResponseHeaders(200, layer.length);
        OutputStream body = exchange.getResponseBody();
        body.write(layer, 0, layer.length / 2);
        body.flush();
        try {
          released.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return; // the connection closes short of the length sent
      }
      if (whole.isEmpty()) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.sendResponseHeaders(200, head ? -1 : whole.get().length);
      if (!head) {
        exchange.getResponseBody().write(whole.get());
      }
    }
  }
}
