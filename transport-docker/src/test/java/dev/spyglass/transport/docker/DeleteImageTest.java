package dev.spyglass.transport.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.UnexpectedStatusException;
import dev.spyglass.testing.OpaqueManifestFormat;
import java.util.Arrays;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeleteImageTest {
  private static final DockerTransport transport = Registries.SHARED;
  private static final byte[] MANIFEST = OpaqueManifestFormat.manifest(MediaType.OCI_MANIFEST, "doomed");
  private static final Digest DIGEST = Digest.sha256(MANIFEST);
  private static final String UNSUPPORTED =
      "{\"errors\":[{\"code\":\"UNSUPPORTED\",\"message\":\"The operation is unsupported.\"}]}";
  private MockWebServer server;
  private ImageOptions options;

  @BeforeEach
  void start() throws Exception {
    server = TestTls.https();
    options = TestTls.options().build();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private DockerReference reference(String name) {
    return transport.parseReference(Registries.reference(server, name));
  }

  private static MockResponse manifest() {
    return new MockResponse()
        .setHeader("Content-Type", MediaType.OCI_MANIFEST)
        .setBody(new Buffer().write(MANIFEST));
  }

  private static MockResponse accepted() {
    return new MockResponse().setResponseCode(202);
  }

  @Test
  void resolvesATagToTheDigestTheRegistryAnnouncesThenDeletesByDigest() throws Exception {
    server.enqueue(manifest().setHeader("Docker-Content-Digest", DIGEST));
    server.enqueue(accepted());

    Digest deleted = reference("ns/app:1.0").deleteImage(options);

    assertEquals(DIGEST, deleted);
    RecordedRequest get = server.takeRequest();
    assertEquals("GET /v2/ns/app/manifests/1.0 HTTP/1.1", get.getRequestLine());
    List<String> accepted = Arrays.asList(get.getHeader("Accept").split(",\\s*"));
    assertEquals(OpaqueManifestFormat.all().mediaTypes(), accepted);
    assertEquals(
        "DELETE /v2/ns/app/manifests/" + DIGEST + " HTTP/1.1", server.takeRequest().getRequestLine());
  }

  @Test
  void usesTheComputedDigestWhenTheRegistryAnnouncesNone() throws Exception {
    server.enqueue(manifest());
    server.enqueue(accepted());

    assertEquals(DIGEST, reference("ns/app:1.0").deleteImage(options));

    server.takeRequest();
    assertEquals(
        "DELETE /v2/ns/app/manifests/" + DIGEST + " HTTP/1.1", server.takeRequest().getRequestLine());
  }

  @Test
  void deletesADigestReferenceWithoutFetchingTheManifest() throws Exception {
    server.enqueue(accepted());

    assertEquals(DIGEST, reference("ns/app@" + DIGEST).deleteImage(options));

    assertEquals(1, server.getRequestCount());
    assertEquals(
        "DELETE /v2/ns/app/manifests/" + DIGEST + " HTTP/1.1", server.takeRequest().getRequestLine());
  }

  @Test
  void deletesNothingWhenTheManifestDoesNotMatchItsAnnouncedDigest() throws Exception {
    Digest other = Digest.sha256(OpaqueManifestFormat.manifest(MediaType.OCI_MANIFEST, "other"));
    server.enqueue(manifest().setHeader("Docker-Content-Digest", other));

    assertThrows(
        DigestMismatchException.class, () -> reference("ns/app:1.0").deleteImage(options));

    assertEquals(1, server.getRequestCount(), "no DELETE after a mismatch");
  }

  @Test
  void reportsAnUnknownTagAsNotFoundWithoutDeleting() throws Exception {
    server.enqueue(
        new MockResponse()
            .setResponseCode(404)
            .setBody("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}"));

    NotFoundException e =
        assertThrows(NotFoundException.class, () -> reference("ns/app:gone").deleteImage(options));

    assertEquals("manifest", e.kind());
    assertTrue(e.getMessage().contains(":gone\""), e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void reportsAnUnknownDigestAsNotFound() throws Exception {
    server.enqueue(
        new MockResponse()
            .setResponseCode(404)
            .setBody("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}"));

    NotFoundException e =
        assertThrows(
            NotFoundException.class, () -> reference("ns/app@" + DIGEST).deleteImage(options));

    assertTrue(e.getMessage().contains("ns/app@" + DIGEST + "\""), e.getMessage());
  }

  @Test
  void saysTheRegistryDoesNotAllowDeletesOn405Unsupported() throws Exception {
    server.enqueue(manifest().setHeader("Docker-Content-Digest", DIGEST));
    server.enqueue(new MockResponse().setResponseCode(405).setBody(UNSUPPORTED));

    DeletesDisabledException e =
        assertThrows(
            DeletesDisabledException.class, () -> reference("ns/app:1.0").deleteImage(options));

    String registry = "127.0.0.1:" + server.getPort();
    assertEquals(
        "cannot delete \""
            + registry
            + "/ns/app:1.0\": registry \""
            + registry
            + "\" does not allow deleting images (HTTP 405 UNSUPPORTED)",
        e.getMessage());
    assertEquals(405, e.status());
    assertEquals(registry, e.registry());
  }

  @Test
  void keepsOtherFailuresAsUnexpectedStatus() throws Exception {
    Registries.enqueueEveryTry(
        server,
        new MockResponse()
            .setResponseCode(500)
            .setBody("{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"disk on fire\"}]}"));

    UnexpectedStatusException e =
        assertThrows(
            UnexpectedStatusException.class,
            () -> reference("ns/app@" + DIGEST).deleteImage(options));

    assertEquals(500, e.status());
    assertTrue(e.getMessage().startsWith("DELETE manifest \""), e.getMessage());
  }

  @Test
  void asksTheTokenServerForEveryActionOnTheRepositoryAsContainersImageDoes() throws Exception {
    String realm = "https://127.0.0.1:" + server.getPort() + "/token";
    server.enqueue(
        new MockResponse()
            .setResponseCode(401)
            .setHeader(
                "WWW-Authenticate",
                "Bearer realm=\""
                    + realm
                    + "\",service=\"svc\",scope=\"repository:ns/app:delete\""));
    server.enqueue(new MockResponse().setBody("{\"token\":\"delete-token\",\"expires_in\":60}"));
    server.enqueue(accepted());

    reference("ns/app@" + DIGEST).deleteImage(options);

    server.takeRequest();
    RecordedRequest token = server.takeRequest();
    assertEquals("repository:ns/app:*", token.getRequestUrl().queryParameter("scope"));
    RecordedRequest delete = server.takeRequest();
    assertEquals("DELETE", delete.getMethod());
    assertEquals("Bearer delete-token", delete.getHeader("Authorization"));
  }
}
