package dev.spyglass.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.spyglass.api.Digest;
import dev.spyglass.api.MediaType;
import dev.spyglass.it.TestImages.Blob;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code copy} and {@code inspect}, without any retry flag, against the real registry behind a
 * {@link FaultProxy}: they ride out 429 bursts with {@code Retry-After}, a 500 on a blob, and a
 * connection reset in the middle of a blob, which is continued with {@code Range} rather than
 * fetched again (the proxy counts the body bytes it passed on).
 */
class FaultyRegistryIT {
  private static final String REPOSITORY = "faults/big";
  private static final int LAYER_BYTES = 3 * 1024 * 1024;

  private static RegistryProcess registry;
  private static Blob layer;
  private static Blob config;
  private static Digest manifestDigest;
  private FaultProxy proxy;

  @BeforeAll
  static void pushABigImage() throws Exception {
    registry = RegistryProcess.plain();
    byte[] random = new byte[LAYER_BYTES];
    new Random(42).nextBytes(random);
    byte[] gzipped = TestImages.gzip(random);
    layer = new Blob(MediaType.DOCKER_LAYER_GZIP, gzipped);
    config =
        new Blob(
            MediaType.DOCKER_CONFIG,
            ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":"
                    + "\"layers\",\"diff_ids\":[\""
                    + Digest.sha256(random)
                    + "\"]}}")
                .getBytes(StandardCharsets.UTF_8));
    JsonObject manifest = new JsonObject();
    manifest.addProperty("schemaVersion", 2);
    manifest.addProperty("mediaType", MediaType.DOCKER_SCHEMA2);
    manifest.add("config", TestImages.descriptorJson(config, Map.of()));
    com.google.gson.JsonArray layers = new com.google.gson.JsonArray();
    layers.add(TestImages.descriptorJson(layer, Map.of()));
    manifest.add("layers", layers);
    registry.pusher().pushBlob(REPOSITORY, layer.bytes());
    registry.pusher().pushBlob(REPOSITORY, config.bytes());
    manifestDigest =
        registry
            .pusher()
            .pushManifest(
                REPOSITORY,
                "1",
                TestImages.GSON.toJson(manifest).getBytes(StandardCharsets.UTF_8),
                MediaType.DOCKER_SCHEMA2);
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

  private String image() {
    return "docker://" + proxy.hostPort() + "/" + REPOSITORY + ":1";
  }

  private static String blobPath(Blob blob) {
    return "/v2/" + REPOSITORY + "/blobs/" + blob.digest();
  }

  private Cli.Result inspect() {
    return Cli.run("inspect", "--tls-verify=false", image());
  }

  private Path copyToDir(String name) {
    Path dir = registry.newFolder(name).resolve("image");
    Cli.Result copied =
        Cli.run("copy", "--quiet", "--src-tls-verify=false", image(), "dir:" + dir);
    assertEquals(0, copied.exitCode(), copied::toString);
    return dir;
  }

  private static void assertHoldsTheImage(Path dir) throws Exception {
    assertArrayEquals(layer.bytes(), Files.readAllBytes(dir.resolve(layer.digest().hex())));
    assertArrayEquals(config.bytes(), Files.readAllBytes(dir.resolve(config.digest().hex())));
  }

  @Test
  void inspectWaitsOutA429BurstAsRetryAfterAsks() {
    proxy.add("GET", "/v2/" + REPOSITORY + "/", 3, FaultProxy.tooManyRequests(1));

    long started = System.nanoTime();
    Cli.Result result = inspect();
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertEquals(0, result.exitCode(), result::toString);
    JsonObject json = JsonParser.parseString(result.out()).getAsJsonObject();
    assertEquals(manifestDigest.toString(), json.get("Digest").getAsString());
    assertEquals(3, proxy.exchanges().stream().filter(e -> e.status() == 429).count());
    // Three answers each asked for 1 s: the backoff alone (0.5-1 s, doubling) could be shorter.
    assertTrue(took.compareTo(Duration.ofMillis(2900)) >= 0, took.toString());
  }

  @Test
  void copyRidesOutA429BurstAndA500OnTheLayer() throws Exception {
    proxy.add("GET", "/manifests/", 2, FaultProxy.tooManyRequests(1));
    proxy.add("GET", blobPath(layer), 1, FaultProxy.serverError());

    Path dir = copyToDir("faults-429-500");

    assertHoldsTheImage(dir);
    List<FaultProxy.Exchange> layerGets = proxy.exchanges(blobPath(layer));
    assertEquals(2, layerGets.size(), layerGets.toString());
    assertEquals(500, layerGets.get(0).status());
    assertEquals(200, layerGets.get(1).status());
  }

  @Test
  void copyContinuesALayerResetMidBodyWithRangeInsteadOfFetchingItAgain() throws Exception {
    long size = layer.bytes().length;
    proxy.add("GET", blobPath(layer), 1, new FaultProxy.ResetAfter(size / 2));

    Path dir = copyToDir("faults-reset");

    assertHoldsTheImage(dir);
    List<FaultProxy.Exchange> gets = proxy.exchanges(blobPath(layer));
    assertEquals(2, gets.size(), gets.toString());
    assertNull(gets.get(0).range());
    assertEquals(size / 2, gets.get(0).bodyBytes());
    String range = gets.get(1).range();
    assertNotNull(range, gets.toString());
    long from = Long.parseLong(range.substring("bytes=".length(), range.length() - 1));
    assertTrue(from > 0 && from <= size / 2, range);
    assertEquals(206, gets.get(1).status());
    assertEquals(size - from, gets.get(1).bodyBytes());
    long forwarded = gets.stream().mapToLong(FaultProxy.Exchange::bodyBytes).sum();
    // Fetched again from the start, it would have cost 1.5 times the layer.
    assertTrue(forwarded <= size + size / 10, forwarded + " bytes for a layer of " + size);
  }

  @Test
  void inspectContinuesAConfigResetMidBody() {
    proxy.add("GET", blobPath(config), 1, new FaultProxy.ResetAfter(40));

    Cli.Result result = inspect();

    assertEquals(0, result.exitCode(), result::toString);
    List<FaultProxy.Exchange> gets = proxy.exchanges(blobPath(config));
    assertEquals(2, gets.size(), gets.toString());
    assertEquals(206, gets.get(1).status());
    assertTrue(gets.get(1).range().startsWith("bytes="), gets.toString());
  }

  @Test
  void copyWaitsThroughAStallShorterThanTheReadTimeout() throws Exception {
    proxy.add(
        "GET",
        blobPath(layer),
        1,
        new FaultProxy.StallAfter(layer.bytes().length / 3, Duration.ofMillis(1500)));

    assertHoldsTheImage(copyToDir("faults-stall"));

    assertEquals(1, proxy.exchanges(blobPath(layer)).size());
  }

  @Test
  void copyRidesOutALayerUploadCutMidBody() throws Exception {
    Path dir = registry.newFolder("faults-push-source").resolve("image");
    Cli.Result pulled =
        Cli.run(
            "copy",
            "--quiet",
            "--src-tls-verify=false",
            "docker://" + registry.hostPort() + "/" + REPOSITORY + ":1",
            "dir:" + dir);
    assertEquals(0, pulled.exitCode(), pulled::toString);
    long size = layer.bytes().length;
    proxy.add("PUT", layer.digest().hex(), 1, new FaultProxy.CutRequestAfter(size / 2));

    Cli.Result pushed =
        Cli.run(
            "copy",
            "--quiet",
            "--dest-tls-verify=false",
            "dir:" + dir,
            "docker://" + proxy.hostPort() + "/faults/pushed:1");

    assertEquals(0, pushed.exitCode(), pushed::toString);
    List<FaultProxy.Exchange> upload = proxy.exchanges("/faults/pushed/blobs/uploads/");
    List<String> steps = upload.stream().map(e -> e.method() + " " + e.status()).toList();
    // The layer's PUT was cut. Distribution then drops the upload (its stored size no longer
    // matches the offset in the upload's _state): asked for its offset, it answers 404, and the
    // layer, still at hand, is sent again in a new session.
    int cut = steps.indexOf("PUT -1");
    assertTrue(cut >= 0, steps.toString());
    assertEquals(
        List.of("GET 404", "POST 202", "PATCH 202", "PUT 201"),
        steps.subList(cut + 1, cut + 5),
        steps.toString());
    assertEquals(size, upload.get(cut + 3).requestBytes());
    Cli.Result inspected =
        Cli.run(
            "inspect", "--tls-verify=false", "docker://" + registry.hostPort() + "/faults/pushed:1");
    assertEquals(0, inspected.exitCode(), inspected::toString);
    assertEquals(
        manifestDigest.toString(),
        JsonParser.parseString(inspected.out()).getAsJsonObject().get("Digest").getAsString());
  }
}
