package dev.spyglass.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.spyglass.api.Digest;
import dev.spyglass.cli.ExitCode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spyglass copy --command-timeout} in a child JVM against a source that sends half of a
 * layer and then goes silent (no real registry stalls at a chosen byte): the copy fails at its
 * deadline with one line and exit 1, long before the 60 s read timeout, and the {@code dir:}
 * directory it had begun to write is gone.
 */
class CommandTimeoutIT {
  private static final String MANIFEST_TYPE =
      "application/vnd.docker.distribution.manifest.v2+json";
  private final byte[] layer = new byte[2 * 1024 * 1024];
  private final byte[] config =
      "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
          .getBytes(StandardCharsets.US_ASCII);
  private final CountDownLatch released = new CountDownLatch(1);
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private HttpsServer stalling;
  private byte[] manifest = new byte[0];

  @TempDir Path tmp;

  @BeforeEach
  void startStallingSource() throws Exception {
    new Random(3).nextBytes(layer);
    manifest =
        ("{\"schemaVersion\":2,\"mediaType\":\""
                + MANIFEST_TYPE
                + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.docker.container.image.v1+json\",\"size\":"
                + config.length
                + ",\"digest\":\""
                + Digest.sha256(config)
                + "\"},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.docker.image.rootfs.diff.tar\",\"size\":"
                + layer.length
                + ",\"digest\":\""
                + Digest.sha256(layer)
                + "\"}]}")
            .getBytes(StandardCharsets.US_ASCII);
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

  @Test
  void aCopyStalledAtItsDeadlineFailsWithOneLineAndLeavesNothing() throws Exception {
    Path target = tmp.resolve("target");
    long start = System.nanoTime();

    SpyglassProcess.Result copy =
        SpyglassProcess.run(
            tmp.resolve("run"),
            Map.of("HOME", Files.createDirectories(tmp.resolve("home")).toString()),
            "copy",
            "--command-timeout",
            "3s",
            "--quiet",
            "--src-tls-verify=false",
            "docker://127.0.0.1:" + stalling.getAddress().getPort() + "/app:1",
            "dir:" + target);

    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    assertEquals(ExitCode.FAILURE, copy.exitCode(), copy::toString);
    assertEquals(
        "spyglass: the command did not finish within 3s (--command-timeout)",
        copy.stderr().strip());
    assertEquals("", copy.stdout());
    assertTrue(seconds < 20, "took " + seconds + " s");
    assertFalse(Files.exists(target), "the directory the timed-out copy created is left");
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      boolean head = exchange.getRequestMethod().equals("HEAD");
      byte[] whole = null;
      if (path.equals("/v2/")) {
        whole = "{}".getBytes(StandardCharsets.US_ASCII);
      } else if (path.equals("/v2/app/manifests/1")) {
        exchange.getResponseHeaders().set("Content-Type", MANIFEST_TYPE);
        exchange
            .getResponseHeaders()
            .set("Docker-Content-Digest", Digest.sha256(manifest).toString());
        whole = manifest;
      } else if (path.equals("/v2/app/blobs/" + Digest.sha256(config))) {
        whole = config;
      } else if (path.equals("/v2/app/blobs/" + Digest.sha256(layer)) && !head) {
        exchange.sendResponseHeaders(200, layer.length);
        OutputStream body = exchange.getResponseBody();
        body.write(layer, 0, layer.length / 2);
        body.flush();
        try {
          released.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      if (whole == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.sendResponseHeaders(200, head ? -1 : whole.length);
      if (!head) {
        exchange.getResponseBody().write(whole);
      }
    }
  }
}
