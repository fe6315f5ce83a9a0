package dev.spyglass.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.spyglass.api.Digest;
import dev.spyglass.api.Platform;
import dev.spyglass.it.MultiPlatformImages.PlatformImage;
import dev.spyglass.it.MultiPlatformImages.PushedList;
import dev.spyglass.it.TestImages.Blob;
import dev.spyglass.it.TestImages.PushedImage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code spyglass copy} between every pair of transports (docker, dir, oci) for an OCI image, each
 * keeping the digest (checked with skopeo for the local layouts); {@code copy --all} of a Docker
 * manifest list and an OCI index; blobs skipped on a second copy; a corrupted blob refused.
 */
class CopyMatrixIT {
  private static RegistryProcess registry;
  private static PushedImage oci;
  private static MultiPlatformImages.Pushed lists;
  private static Path dir;
  private static Path layout;

  @BeforeAll
  static void pushAndCopyOut() throws Exception {
    registry = RegistryProcess.plain();
    oci = TestImages.pushOci(registry.pusher(), "matrix/oci", List.of("1.0"));
    lists = MultiPlatformImages.pushAll(registry.pusher());
    // The two copies out of the registry every other pair starts from.
    dir = registry.newFolder("from-docker").resolve("dir");
    layout = registry.newFolder("from-docker-oci").resolve("layout");
    copy(source(), "dir:" + dir);
    copy(source(), "oci:" + layout + ":app");
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  private static String source() {
    return oci.byTag(registry.hostPort(), "1.0");
  }

  private static String expected() {
    return oci.digest("1.0").toString();
  }

  @Test
  void dockerToDirKeepsTheDigest() {
    assertEquals(expected(), skopeoDigest("dir:" + dir));
    assertEquals(expected(), Digest.sha256(read(dir.resolve("manifest.json"))).toString());
  }

  @Test
  void dockerToOciKeepsTheDigest() {
    assertEquals(expected(), skopeoDigest("oci:" + layout + ":app"));
  }

  @Test
  void dirToDockerKeepsTheDigest() {
    String target = docker("matrix/from-dir:1.0");
    copy("dir:" + dir, target);
    assertEquals(expected(), inspectDigest(target));
  }

  @Test
  void ociToDockerKeepsTheDigest() {
    String target = docker("matrix/from-oci:1.0");
    copy("oci:" + layout + ":app", target);
    assertEquals(expected(), inspectDigest(target));
  }

  @Test
  void dirToOciKeepsTheDigest() {
    Path target = registry.newFolder("dir-to-oci").resolve("layout");
    copy("dir:" + dir, "oci:" + target + ":copied");
    assertEquals(expected(), skopeoDigest("oci:" + target + ":copied"));
  }

  @Test
  void ociToDirKeepsTheDigest() {
    Path target = registry.newFolder("oci-to-dir").resolve("dir");
    copy("oci:" + layout + ":app", "dir:" + target);
    assertEquals(expected(), skopeoDigest("dir:" + target));
  }

  @Test
  void dockerToAnotherRepositoryMountsTheBlobsAndKeepsTheDigest() {
    String target = docker("matrix/mounted:1.0");
    Cli.Result result = copyShowingProgress(source(), target);
    long mounted = result.stderr().lines().filter(line -> line.endsWith(" mounted")).count();
    assertEquals(oci.layers().size() + 1, mounted, result.stderr());
    assertEquals(expected(), inspectDigest(target));
  }

  @Test
  void skipsEveryBlobTheDestinationAlreadyHasOnASecondCopy() {
    String target = docker("matrix/again:1.0");
    copy(source(), target);

    Cli.Result again = copyShowingProgress(source(), target);

    long skipped = again.stderr().lines().filter(line -> line.contains("skipped")).count();
    assertEquals(oci.layers().size() + 1, skipped, again.stderr());
    assertFalse(again.stderr().contains(" mounted"), again.stderr());
    assertEquals(expected(), inspectDigest(target));
  }

  @Test
  void copiesEveryInstanceOfTheDockerListToAnotherRepository() {
    copyAllToRepository(lists.list(), "matrix/list-copy");
  }

  @Test
  void copiesEveryInstanceOfTheOciIndexToAnotherRepository() {
    copyAllToRepository(lists.index(), "matrix/index-copy");
  }

  @Test
  void copiesEveryInstanceOfTheOciIndexToAnOciLayout() {
    PushedList index = lists.index();
    Path target = registry.newFolder("index-layout").resolve("layout");
    String reference = "oci:" + target + ":multi";

    Cli.Result result =
        Cli.run(
            "copy",
            "--all",
            "--quiet",
            "--src-tls-verify=false",
            index.byTag(registry.hostPort(), index.firstTag()),
            reference);

    assertEquals(0, result.exitCode(), result::toString);
    assertArrayEquals(
        index.bytes(), Skopeo.runBytes(List.of("inspect", "--raw", reference)), "index bytes");
    for (PlatformImage image : index.images()) {
      assertPlatformInspects(reference, image);
      assertTrue(
          Files.isRegularFile(target.resolve("blobs/sha256/" + image.digest().hex())),
          image.platform().toString());
      for (Blob layer : image.layers()) {
        assertTrue(Files.isRegularFile(target.resolve("blobs/sha256/" + layer.digest().hex())));
      }
    }
  }

  @Test
  void refusesACorruptedLayerNamingBothDigestsAndLeavesNothing() throws Exception {
    Blob layer = oci.layers().get(oci.layers().size() - 1);
    byte[] corrupted = layer.bytes().clone();
    corrupted[corrupted.length / 2] ^= 0x01;
    Digest actual = Digest.sha256(corrupted);
    HttpServer proxy = corruptingProxy(registry.baseUrl(), layer.digest());
    try {
      Path target = registry.newFolder("corrupt").resolve("dir");
      String through =
          "docker://127.0.0.1:" + proxy.getAddress().getPort() + "/" + oci.repository() + ":1.0";

      Cli.Result result =
          Cli.run("copy", "--quiet", "--src-tls-verify=false", through, "dir:" + target);

      assertEquals(7, result.exitCode(), result::toString);
      assertEquals("", result.out());
      assertTrue(result.stderr().contains(layer.digest().toString()), result.stderr());
      assertTrue(result.stderr().contains(actual.toString()), result.stderr());
      assertFalse(
          Files.exists(target), "the directory the failed copy created, its blobs with it, is gone");
    } finally {
      proxy.stop(0);
    }
  }

  private static void copyAllToRepository(PushedList list, String repository) {
    String target = docker(repository + ":" + list.firstTag());
    Cli.Result result =
        Cli.run(
            "copy",
            "--all",
            "--quiet",
            "--src-tls-verify=false",
            "--dest-tls-verify=false",
            list.byTag(registry.hostPort(), list.firstTag()),
            target);

    assertEquals(0, result.exitCode(), result::toString);
    assertArrayEquals(
        list.bytes(),
        Skopeo.runBytes(List.of("inspect", "--raw", "--tls-verify=false", target)),
        "list bytes");
    for (PlatformImage image : list.images()) {
      assertPlatformInspects(target, image);
      String byDigest = docker(repository + "@" + image.digest());
      assertEquals(image.digest().toString(), inspectDigest(byDigest));
    }
  }

  /**
   * A plain-HTTP proxy to {@code upstream} that passes every request through, but flips one byte
   * in the middle of the blob {@code corrupt}.
   */
  private static HttpServer corruptingProxy(URI upstream, Digest corrupt) throws IOException {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            forward(client, upstream, corrupt, exchange);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    server.start();
    return server;
  }

  private static void forward(
      HttpClient client, URI upstream, Digest corrupt, HttpExchange exchange)
      throws IOException, InterruptedException {
    URI request = exchange.getRequestURI();
    String path = request.getRawPath() + (request.getRawQuery() == null ? "" : "?" + request.getRawQuery());
    byte[] requestBody = exchange.getRequestBody().readAllBytes();
    HttpRequest.Builder forwarded =
        HttpRequest.newBuilder(URI.create(upstream + path))
            .method(
                exchange.getRequestMethod(),
                requestBody.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(requestBody));
    for (String name : List.of("Accept", "Authorization", "Range", "Content-Type")) {
      String value = exchange.getRequestHeaders().getFirst(name);
      if (value != null) {
        forwarded.header(name, value);
      }
    }
    HttpResponse<byte[]> response =
        client.send(forwarded.build(), HttpResponse.BodyHandlers.ofByteArray());
    byte[] body = response.body();
    boolean head = exchange.getRequestMethod().equals("HEAD");
    if (!head && path.endsWith("/blobs/" + corrupt) && body.length > 0) {
      body = body.clone();
      body[body.length / 2] ^= 0x01;
    }
    List<String> copied =
        new ArrayList<>(
            List.of(
                "Content-Type",
                "Docker-Content-Digest",
                "Docker-Distribution-Api-Version",
                "WWW-Authenticate",
                "Location",
                "Link"));
    if (head) {
      copied.add("Content-Length");
    }
    for (String name : copied) {
      response
          .headers()
          .allValues(name)
          .forEach(value -> exchange.getResponseHeaders().add(name, value));
    }
    exchange.sendResponseHeaders(response.statusCode(), head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  private static String docker(String nameAndReference) {
    return "docker://" + registry.hostPort() + "/" + nameAndReference;
  }

  private static void copy(String from, String to) {
    Cli.Result result =
        Cli.run("copy", "--src-tls-verify=false", "--dest-tls-verify=false", "--quiet", from, to);
    assertEquals(0, result.exitCode(), () -> from + " -> " + to + ": " + result);
    assertEquals("", result.out(), "stdout stays clean");
  }

  private static Cli.Result copyShowingProgress(String from, String to) {
    Cli.Result result =
        Cli.run("copy", "--src-tls-verify=false", "--dest-tls-verify=false", from, to);
    assertEquals(0, result.exitCode(), () -> from + " -> " + to + ": " + result);
    assertEquals("", result.out(), "stdout stays clean");
    return result;
  }

  private static String inspectDigest(String reference) {
    Cli.Result result = Cli.run("inspect", "--tls-verify=false", "--no-tags", reference);
    assertEquals(0, result.exitCode(), () -> reference + ": " + result);
    return digestOf(result.out());
  }

  /**
   * Inspects {@code reference} choosing {@code image}'s platform (inspect reports the list's digest,
   * as skopeo does) and checks that the instance found is that image: its platform and layers.
   */
  private static void assertPlatformInspects(String reference, PlatformImage image) {
    Platform platform = image.platform();
    List<String> args =
        new ArrayList<>(
            List.of(
                "inspect",
                "--tls-verify=false",
                "--no-tags",
                "--override-os",
                platform.os(),
                "--override-arch",
                platform.architecture()));
    if (!platform.variant().isEmpty()) {
      args.addAll(List.of("--override-variant", platform.variant()));
    }
    args.add(reference);
    Cli.Result result = Cli.run(args.toArray(String[]::new));
    assertEquals(0, result.exitCode(), () -> reference + " " + platform + ": " + result);
    JsonObject json = JsonParser.parseString(result.out()).getAsJsonObject();
    assertEquals(platform.architecture(), json.get("Architecture").getAsString(), result.out());
    List<String> layers = new ArrayList<>();
    json.getAsJsonArray("Layers").forEach(layer -> layers.add(layer.getAsString()));
    assertEquals(
        image.layers().stream().map(layer -> layer.digest().toString()).toList(),
        layers,
        reference + " " + platform);
  }

  private static String skopeoDigest(String reference) {
    return digestOf(Skopeo.run(List.of("inspect", reference)));
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String digestOf(String inspectJson) {
    return JsonParser.parseString(inspectJson).getAsJsonObject().get("Digest").getAsString();
  }
}
