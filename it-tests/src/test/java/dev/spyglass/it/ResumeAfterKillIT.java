package dev.spyglass.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.spyglass.api.Digest;
import dev.spyglass.api.MediaType;
import dev.spyglass.it.TestImages.Blob;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code spyglass copy} in its own JVM stopped in the middle of a 64 MiB layer, then run again with
 * the same command, against the real registry behind a {@link FaultProxy} that counts the bytes:
 * <ul>
 *   <li>a pull killed with {@code SIGKILL} continues from the bytes staged in the per-user cache
 *       ({@code XDG_CACHE_HOME} here);
 *   <li>a push stopped with {@code SIGTERM} ends its {@code PATCH} cleanly at the bytes sent,
 *       records the upload URL the registry answers, and the rerun sends only the rest;
 *   <li>a push killed with {@code SIGKILL} cuts its {@code PATCH} mid-body: distribution 2.8 then
 *       holds more bytes than the offset signed in the upload's {@code _state}, and cancels the
 *       upload on the rerun's {@code GET} (404 {@code BLOB_UPLOAD_INVALID}), so the blob is sent
 *       again. That is the registry's rule ({@code blobUploadDispatcher} in {@code
 *       registry/handlers/blobupload.go}); the test fails when it changes.
 * </ul>
 */
class ResumeAfterKillIT {
  private static final String REPOSITORY = "resumed/big";
  private static final int LAYER_BYTES = 64 * 1024 * 1024;

  private static RegistryProcess registry;
  private static Blob layer;
  private static Blob config;
  private static byte[] manifest;
  private FaultProxy proxy;

  @TempDir Path tmp;

  @BeforeAll
  static void pushABigImage() throws Exception {
    registry = RegistryProcess.plain();
    byte[] random = new byte[LAYER_BYTES];
    new Random(64).nextBytes(random);
    layer = new Blob(MediaType.DOCKER_LAYER_GZIP, random);
    config =
        new Blob(
            MediaType.DOCKER_CONFIG,
            ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":"
                    + "\"layers\",\"diff_ids\":[\""
                    + Digest.sha256(random)
                    + "\"]}}")
                .getBytes(StandardCharsets.UTF_8));
    JsonObject json = new JsonObject();
    json.addProperty("schemaVersion", 2);
    json.addProperty("mediaType", MediaType.DOCKER_SCHEMA2);
    json.add("config", TestImages.descriptorJson(config, Map.of()));
    JsonArray layers = new JsonArray();
    layers.add(TestImages.descriptorJson(layer, Map.of()));
    json.add("layers", layers);
    manifest = TestImages.GSON.toJson(json).getBytes(StandardCharsets.UTF_8);
    registry.pusher().pushBlob(REPOSITORY, layer.bytes());
    registry.pusher().pushBlob(REPOSITORY, config.bytes());
    registry.pusher().pushManifest(REPOSITORY, "1", manifest, MediaType.DOCKER_SCHEMA2);
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @BeforeEach
  void startProxy() throws Exception {
    proxy = new FaultProxy(registry.port());
  }

  @AfterEach
  void stopProxy() throws Exception {
    proxy.close();
  }

  private Map<String, String> environment() {
    return Map.of(
        "HOME", tmp.resolve("home").toString(), "XDG_CACHE_HOME", tmp.resolve("cache").toString());
  }

  private Path partialFile() {
    return tmp.resolve("cache/spyglass/partial/sha256-" + layer.digest().hex() + ".partial");
  }

  /** Starts the CLI as {@link SpyglassProcess} runs it, without waiting. */
  private Process start(String... args) throws IOException {
    String classPath = System.getProperty("java.class.path", "");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(classPath);
    command.add("dev.spyglass.cli.Main");
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(tmp.resolve("killed-stdout").toFile())
            .redirectError(tmp.resolve("killed-stderr").toFile());
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().putAll(environment());
    return builder.start();
  }

  /** {@code dir:} of the big image, pulled from the registry directly. */
  private Path pulledImage() throws Exception {
    return pulled(REPOSITORY, "image");
  }

  /** {@code dir:} {@code tmp/name} of {@code repository:1}, pulled from the registry directly. */
  private Path pulled(String repository, String name) throws Exception {
    Path image = tmp.resolve(name);
    SpyglassProcess.Result pulled =
        SpyglassProcess.run(
            tmp.resolve("pull-" + name),
            environment(),
            "copy", "--quiet", "--src-tls-verify=false",
            "docker://" + registry.hostPort() + "/" + repository + ":1", "dir:" + image);
    assertEquals(0, pulled.exitCode(), pulled::toString);
    return image;
  }

  private void kill(Process copy) throws Exception {
    copy.destroyForcibly(); // SIGKILL
    assertTrue(copy.waitFor(30, TimeUnit.SECONDS), "the copy did not stop");
    assertEquals(137, copy.exitValue(), "exit status of a JVM killed by SIGKILL");
  }

  private void awaitAlive(Process copy, long deadline) throws Exception {
    if (!copy.isAlive()) {
      fail("the copy ended (exit " + copy.exitValue() + ") before it was killed: "
          + Files.readString(tmp.resolve("killed-stderr")));
    }
    if (System.nanoTime() > deadline) {
      fail("the copy did not get half way in 60 s: " + Files.readString(tmp.resolve("killed-stderr")));
    }
    Thread.sleep(20);
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  private long bodyBytes(int fromExchange) {
    List<FaultProxy.Exchange> all = proxy.exchanges();
    return all.subList(fromExchange, all.size()).stream()
        .mapToLong(FaultProxy.Exchange::bodyBytes)
        .sum();
  }

  private long requestBytes(int fromExchange) {
    List<FaultProxy.Exchange> all = proxy.exchanges();
    return all.subList(fromExchange, all.size()).stream()
        .mapToLong(FaultProxy.Exchange::requestBytes)
        .sum();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dir", "oci"})
  void aPullKilledHalfWayFetchesOnlyTheRestWhenRunAgain(String transport) throws Exception {
    String source = "docker://" + proxy.hostPort() + "/" + REPOSITORY + ":1";
    Path target = tmp.resolve("target");
    String destination = transport + ":" + target + (transport.equals("oci") ? ":v1" : "");
    // The layer's first GET stops after half of it, so that the copy can be killed there.
    proxy.add(
        "GET",
        "/blobs/" + layer.digest(),
        1,
        new FaultProxy.StallAfter(LAYER_BYTES / 2, Duration.ofSeconds(90)));
    Process copy = start("copy", "--quiet", "--src-tls-verify=false", source, destination);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (sizeOf(partialFile()) < LAYER_BYTES * 45L / 100) {
      awaitAlive(copy, deadline);
    }
    kill(copy);
    long staged = sizeOf(partialFile());
    int before = proxy.exchanges().size();

    SpyglassProcess.Result rerun =
        SpyglassProcess.run(
            tmp.resolve("rerun"),
            environment(),
            "copy", "--quiet", "--src-tls-verify=false", source, destination);

    assertEquals(0, rerun.exitCode(), rerun::toString);
    long image = layer.bytes().length + config.bytes().length + manifest.length;
    long sent = bodyBytes(before);
    System.out.printf(
        "pull to %s killed with %d of %d layer bytes staged; the rerun fetched %d bytes, %.1f%% of"
            + " the image%n",
        transport, staged, LAYER_BYTES, sent, 100.0 * sent / image);
    assertTrue(sent <= image * 6 / 10, "the rerun fetched " + sent + " of " + image + " bytes");
    assertTrue(
        proxy.exchanges().subList(before, proxy.exchanges().size()).stream()
            .anyMatch(e -> ("bytes=" + (staged - staged % 4096) + "-").equals(e.range())),
        "the layer was continued from the staged bytes: " + proxy.exchanges());
    assertFalse(Files.exists(partialFile()), "the completed layer's partial file is left");
    assertVerifies(transport, target);
  }

  /** Every blob of the copied image has its digest, the manifest is the registry's. */
  private void assertVerifies(String transport, Path target) throws Exception {
    byte[] written;
    if (transport.equals("dir")) {
      written = Files.readAllBytes(target.resolve("manifest.json"));
      for (Blob blob : List.of(layer, config)) {
        assertEquals(blob.digest(), Digest.sha256(Files.readAllBytes(target.resolve(blob.digest().hex()))));
      }
    } else {
      JsonObject index =
          JsonParser.parseString(Files.readString(target.resolve("index.json"))).getAsJsonObject();
      Digest digest =
          Digest.parse(index.getAsJsonArray("manifests").get(0).getAsJsonObject().get("digest").getAsString());
      written = Files.readAllBytes(blobFile(target, digest));
      assertEquals(digest, Digest.sha256(written));
      JsonObject parsed = JsonParser.parseString(new String(written, StandardCharsets.UTF_8)).getAsJsonObject();
      List<JsonElement> descriptors = new ArrayList<>();
      descriptors.add(parsed.get("config"));
      parsed.getAsJsonArray("layers").forEach(descriptors::add);
      for (JsonElement descriptor : descriptors) {
        Digest blob = Digest.parse(descriptor.getAsJsonObject().get("digest").getAsString());
        assertEquals(blob, Digest.sha256(Files.readAllBytes(blobFile(target, blob))));
      }
      assertTrue(Files.exists(blobFile(target, layer.digest())));
      return;
    }
    assertEquals(Digest.sha256(manifest), Digest.sha256(written));
  }

  /** The rerun of a stopped push, as a user would type it again. */
  private SpyglassProcess.Result pushAgain(Path image, String destination) throws Exception {
    return SpyglassProcess.run(
        tmp.resolve("rerun"),
        environment(),
        "copy", "--quiet", "--dest-tls-verify=false", "dir:" + image, destination);
  }

  private static Path blobFile(Path layout, Digest digest) {
    return layout.resolve("blobs").resolve(digest.algorithm()).resolve(digest.hex());
  }

  @Test
  void aPushStoppedWithSigtermHalfWaySendsOnlyTheRestWhenRunAgain() throws Exception {
    // The layer's PATCH slows down half way (8 MiB/s: 4 s for the second half), so that the copy
    // is stopped while it is sending.
    stoppedPushIsContinued(
        "resumed/stopped",
        8L << 20,
        List.of(),
        push -> {
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
          while (proxy.forwardedRequestBytes() < LAYER_BYTES / 2 + (512 << 10)) {
            awaitAlive(push, deadline);
          }
          push.destroy(); // SIGTERM
          return 143; // the exit status of a JVM stopped by SIGTERM
        });
  }

  @Test
  void aPushStoppedAtItsCommandTimeoutSendsOnlyTheRestWhenRunAgain() throws Exception {
    // The second half of the layer takes 8 s at 4 MiB/s: the deadline comes during it (slower
    // still, what the proxy has buffered would outlast the 3 s a stop waits for the answer).
    stoppedPushIsContinued(
        "resumed/timed-out",
        4L << 20,
        List.of("--command-timeout", "5s"),
        push -> 1); // the command's own failure: "did not finish within 5s"
  }

  /** What stops a push under way; answers the exit status the push then ends with. */
  private interface Stop {
    int stop(Process push) throws Exception;
  }

  /**
   * Pushes the big image through the proxy, whose layer PATCH slows down to {@code slowBytesPerSecond}
   * half way, stops the push with {@code stop}, and checks that the PATCH was ended cleanly and
   * kept, and that a rerun sends only the rest of the layer.
   */
  private void stoppedPushIsContinued(
      String pushedRepository, long slowBytesPerSecond, List<String> flags, Stop stop)
      throws Exception {
    Path image = pulledImage();
    String destination = "docker://" + proxy.hostPort() + "/" + pushedRepository + ":1";
    String uploads = "/v2/" + pushedRepository + "/blobs/uploads/";
    proxy.add(
        "PATCH", uploads, 1, new FaultProxy.SlowRequestAfter(LAYER_BYTES / 2, slowBytesPerSecond));
    List<String> args = new ArrayList<>(List.of("copy", "--quiet", "--dest-tls-verify=false"));
    args.addAll(flags);
    args.addAll(List.of("dir:" + image, destination));
    Process push = start(args.toArray(String[]::new));
    long stopping = System.nanoTime();
    int expectedExit = stop.stop(push);
    stopping = flags.isEmpty() ? stopping : System.nanoTime();
    assertTrue(push.waitFor(60, TimeUnit.SECONDS), "the copy did not stop");
    long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping);
    assertEquals(
        expectedExit, push.exitValue(), () -> "exit status; stderr: " + stderrOfStopped());
    FaultProxy.Exchange ended =
        proxy.exchanges(uploads).stream()
            .filter(e -> e.method().equals("PATCH"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no PATCH answered: " + proxy.exchanges()));
    // The PATCH ended cleanly short of the layer, and the registry took it.
    assertEquals(202, ended.status(), proxy.exchanges()::toString);
    // SIGTERM comes after half the layer; a deadline comes when it comes.
    long least = flags.isEmpty() ? LAYER_BYTES / 2 : 1;
    assertTrue(
        ended.requestBytes() >= least && ended.requestBytes() < LAYER_BYTES,
        "the stopped PATCH sent " + ended.requestBytes());
    if (flags.isEmpty()) {
      assertTrue(stopMillis < 10_000, "stopping took " + stopMillis + " ms");
    } else {
      assertTrue(stderrOfStopped().contains("did not finish within"), this::stderrOfStopped);
    }
    assertEquals(
        404,
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://" + registry.hostPort() + "/v2/" + pushedRepository
                                + "/manifests/1"))
                    .header("Accept", MediaType.DOCKER_SCHEMA2)
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.discarding())
            .statusCode(),
        "the stopped push left a manifest");
    int before = proxy.exchanges().size();

    SpyglassProcess.Result rerun = pushAgain(image, destination);

    assertEquals(0, rerun.exitCode(), rerun::toString);
    List<FaultProxy.Exchange> again = proxy.exchanges().subList(before, proxy.exchanges().size());
    long sent = requestBytes(before);
    long patched =
        again.stream().filter(e -> e.method().equals("PATCH")).mapToLong(FaultProxy.Exchange::requestBytes).sum();
    System.out.printf(
        "push stopped (%s) after %d of %d layer bytes, its PATCH ended and answered 202; the"
            + " rerun sent %d bytes in all (%.1f%% of the layer), %d of them PATCHing the rest of"
            + " the layer%n",
        flags.isEmpty() ? "SIGTERM, exit in " + stopMillis + " ms" : String.join(" ", flags),
        ended.requestBytes(), LAYER_BYTES, sent, 100.0 * sent / LAYER_BYTES, patched);
    // It asked the registry for the recorded upload, and sent each layer byte once in all.
    assertTrue(
        again.stream()
            .anyMatch(e -> e.method().equals("GET") && e.path().contains(uploads) && e.status() == 204),
        again::toString);
    assertEquals(LAYER_BYTES - ended.requestBytes(), patched, again::toString);
    assertTrue(
        sent <= LAYER_BYTES - ended.requestBytes() + LAYER_BYTES / 10,
        "the rerun sent " + sent + " bytes");
    // The pushed image pulls back whole.
    assertVerifies("dir", pulled(pushedRepository, "back"));
  }

  private String stderrOfStopped() {
    try {
      return Files.readString(tmp.resolve("killed-stderr"));
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  @Test
  void aPushKilledHalfWayIsSentAgainBecauseDistributionCancelsTheCutUpload() throws Exception {
    Path image = pulledImage();
    String pushedRepository = "resumed/pushed";
    String destination = "docker://" + proxy.hostPort() + "/" + pushedRepository + ":1";
    proxy.add(
        "PATCH",
        "/v2/" + pushedRepository + "/blobs/uploads/",
        1,
        new FaultProxy.HoldRequestAfter(LAYER_BYTES / 2, Duration.ofSeconds(3)));
    Process push = start("copy", "--quiet", "--dest-tls-verify=false", "dir:" + image, destination);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (proxy.holding() == 0) {
      awaitAlive(push, deadline);
    }
    kill(push);
    // The proxy then closes the registry's connection mid-PATCH: what the registry sees of a kill.
    while (proxy.exchanges().stream().noneMatch(e -> e.method().equals("PATCH"))) {
      Thread.sleep(50);
    }
    FaultProxy.Exchange cut =
        proxy.exchanges().stream().filter(e -> e.method().equals("PATCH")).findFirst().orElseThrow();
    Thread.sleep(500); // let the registry store what it got
    HttpResponse<String> status =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://" + registry.hostPort() + cut.path()))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    System.out.printf(
        "push killed after %d of %d layer bytes reached the registry; GET of the upload then: HTTP"
            + " %d, Range %s, %s%n",
        cut.requestBytes(), LAYER_BYTES, status.statusCode(),
        status.headers().firstValue("Range").orElse("none"), status.body().strip());
    // Distribution 2.8's rule: the stored size is not the offset in _state, so the upload is
    // cancelled, whatever the method (GET here, as the rerun would send it).
    assertTrue(cut.requestBytes() > 0 && cut.requestBytes() < LAYER_BYTES, cut::toString);
    assertEquals(404, status.statusCode(), status::body);
    assertTrue(status.body().contains("BLOB_UPLOAD_INVALID"), status.body());
    int before = proxy.exchanges().size();

    SpyglassProcess.Result rerun = pushAgain(image, destination);

    assertEquals(0, rerun.exitCode(), rerun::toString);
    long sent = requestBytes(before);
    System.out.printf(
        "push rerun sent %d bytes (%.1f%% of the %d-byte layer)%n",
        sent, 100.0 * sent / LAYER_BYTES, LAYER_BYTES);
    List<FaultProxy.Exchange> again = proxy.exchanges().subList(before, proxy.exchanges().size());
    // The rerun asked the registry for the upload the killed run recorded: distribution 2.8 found
    // more bytes stored than its _state says, cancelled the upload and answered 404.
    assertTrue(
        again.stream()
            .anyMatch(e -> e.method().equals("GET") && e.path().contains("/blobs/uploads/") && e.status() == 404),
        again::toString);
    assertTrue(sent >= LAYER_BYTES, "the rerun sent " + sent + " bytes");
  }
}
