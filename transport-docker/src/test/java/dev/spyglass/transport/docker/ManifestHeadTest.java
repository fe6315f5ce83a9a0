package dev.spyglass.transport.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.testing.OpaqueManifestFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code manifestDigest()}: one HEAD, what a sync compares to skip an image. */
class ManifestHeadTest {
  private static final DockerTransport transport = Registries.SHARED;
  private static final Digest DIGEST = Digest.sha256("a manifest".getBytes());
  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestTls.https();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private ImageSource source(String name) throws Exception {
    return transport
        .parseReference(Registries.reference(server, name))
        .newImageSource(TestTls.options().build());
  }

  private ImageDestination destination(String name) throws Exception {
    return transport
        .parseReference(Registries.reference(server, name))
        .newImageDestination(TestTls.options().formats(OpaqueManifestFormat.all()).build());
  }

  private static MockResponse head(String type, String digest) {
    return new MockResponse()
        .setHeader("Content-Type", type)
        .setHeader("Docker-Content-Digest", digest);
  }

  @Test
  void headsTheManifestWithEveryMediaTypeInAcceptAndReturnsItsDigest() throws Exception {
    server.enqueue(head(MediaType.DOCKER_MANIFEST_LIST, DIGEST.toString()));

    assertEquals(Optional.of(DIGEST), source("ns/app:1.0").manifestDigest());

    RecordedRequest request = server.takeRequest();
    assertEquals("HEAD /v2/ns/app/manifests/1.0 HTTP/1.1", request.getRequestLine());
    List<String> accepted = Arrays.asList(request.getHeader("Accept").split(",\\s*"));
    assertEquals(OpaqueManifestFormat.all().mediaTypes(), accepted);
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aSchema1ManifestOrNoDigestHeaderGivesNothingToCompare() throws Exception {
    server.enqueue(head(MediaType.DOCKER_SCHEMA1_SIGNED, DIGEST.toString()));
    server.enqueue(new MockResponse().setHeader("Content-Type", MediaType.DOCKER_SCHEMA2));

    assertEquals(Optional.empty(), source("app:old").manifestDigest());
    assertEquals(Optional.empty(), source("app:nodigest").manifestDigest());
  }

  @Test
  void aMissingSourceManifestIsNotFound() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(404));
    assertThrows(NotFoundException.class, () -> source("app:missing").manifestDigest());
  }

  @Test
  void theDestinationReportsWhatItsTagHoldsAndNothingWhenMissing() throws Exception {
    server.enqueue(head(MediaType.OCI_MANIFEST, DIGEST.toString()));
    server.enqueue(new MockResponse().setResponseCode(404));

    assertEquals(Optional.of(DIGEST), destination("mirror/app:1.0").manifestDigest());
    assertEquals(Optional.empty(), destination("mirror/app:2.0").manifestDigest());
    assertEquals(
        "HEAD /v2/mirror/app/manifests/1.0 HTTP/1.1", server.takeRequest().getRequestLine());
  }
}
