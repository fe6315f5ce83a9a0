package dev.spyglass.transport.docker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.BoundedInput;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.RawManifest;
import dev.spyglass.testing.OpaqueManifestFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.Protocol;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestFetchTest {
  private static final DockerTransport transport = Registries.SHARED;
  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestTls.https();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private ImageSource open(String name) throws Exception {
    return transport
        .parseReference(Registries.reference(server, name))
        .newImageSource(TestTls.options().build());
  }

  private static MockResponse manifest(byte[] bytes, String contentType) {
    return new MockResponse()
        .setHeader("Content-Type", contentType)
        .setBody(new Buffer().write(bytes));
  }

  @Test
  void asksForEveryMediaTypeOfTheFormatsInAccept() throws Exception {
    byte[] bytes = OpaqueManifestFormat.manifest(MediaType.OCI_MANIFEST, "a");
    server.enqueue(
        manifest(bytes, MediaType.OCI_MANIFEST)
            .setHeader("Docker-Content-Digest", Digest.sha256(bytes)));

    RawManifest raw = open("ns/app:1.0").manifest();

    RecordedRequest request = server.takeRequest();
    assertEquals("GET /v2/ns/app/manifests/1.0 HTTP/1.1", request.getRequestLine());
    List<String> accepted = Arrays.asList(request.getHeader("Accept").split(",\\s*"));
    assertEquals(OpaqueManifestFormat.all().mediaTypes(), accepted);
    assertEquals(5, accepted.size());
    assertArrayEquals(bytes, raw.bytes());
    assertEquals(MediaType.OCI_MANIFEST, raw.mediaType());
    assertEquals(Digest.sha256(bytes), raw.digest());
  }

  @Test
  void refusesAManifestOverFourMiBByItsContentLengthWithoutReadingIt() throws Exception {
    byte[] big = new byte[BoundedInput.MAX_MANIFEST_BYTES + 1];
    // Sent at 1 KiB per second: reading it whole would take more than an hour.
    server.enqueue(manifest(big, MediaType.OCI_MANIFEST).throttleBody(1024, 1, TimeUnit.SECONDS));
    ImageSource source = open("app:big");

    InvalidManifestException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () -> assertThrows(InvalidManifestException.class, source::manifest));

    assertEquals("too-large", e.rule());
    assertTrue(
        e.getMessage().contains("is 4194305 bytes, more than the limit of 4194304 bytes"),
        e.getMessage());
    assertTrue(e.getMessage().contains("app:big\""), e.getMessage());
  }

  @Test
  void refusesAManifestOverFourMiBWithoutContentLengthAsSoonAsItPassesTheLimit() throws Exception {
    byte[] big = new byte[BoundedInput.MAX_MANIFEST_BYTES + 1];
    Arrays.fill(big, (byte) ' ');
    server.setProtocols(List.of(Protocol.HTTP_1_1)); // chunked encoding is HTTP/1.1 only
    server.enqueue(
        new MockResponse()
            .setHeader("Content-Type", MediaType.OCI_MANIFEST)
            .setChunkedBody(new Buffer().write(big), 64 * 1024));

    InvalidManifestException e =
        assertThrows(InvalidManifestException.class, open("app:chunked")::manifest);

    assertEquals("too-large", e.rule());
    assertTrue(e.getMessage().contains("larger than the limit of 4194304 bytes"), e.getMessage());
  }

  @Test
  void acceptsAManifestOfExactlyFourMiB() throws Exception {
    byte[] limit = new byte[BoundedInput.MAX_MANIFEST_BYTES];
    server.setProtocols(List.of(Protocol.HTTP_1_1)); // chunked encoding is HTTP/1.1 only
    server.enqueue(
        new MockResponse()
            .setHeader("Content-Type", MediaType.OCI_MANIFEST)
            .setChunkedBody(new Buffer().write(limit), 64 * 1024));

    assertEquals(BoundedInput.MAX_MANIFEST_BYTES, open("app:limit").manifest().size());
  }

  @Test
  void refusesAManifestFetchedByDigestWhoseBytesHaveAnotherDigest() throws Exception {
    byte[] served = OpaqueManifestFormat.manifest(MediaType.DOCKER_SCHEMA2, "served");
    Digest asked = Digest.sha256(OpaqueManifestFormat.manifest(MediaType.DOCKER_SCHEMA2, "asked"));
    server.enqueue(manifest(served, MediaType.DOCKER_SCHEMA2));

    DigestMismatchException e =
        assertThrows(DigestMismatchException.class, () -> open("app@" + asked).manifest());

    assertEquals("/v2/app/manifests/" + asked, server.takeRequest().getPath());
    assertEquals(asked, e.expected());
    assertEquals(Digest.sha256(served), e.actual());
    assertTrue(
        e.getMessage().contains(asked.toString())
            && e.getMessage().contains(Digest.sha256(served).toString()),
        e.getMessage());
  }

  @Test
  void refusesAManifestAskedForByDigestThroughTheSourceWhenItDiffers() throws Exception {
    byte[] served = OpaqueManifestFormat.manifest(MediaType.DOCKER_SCHEMA2, "served");
    Digest asked = Digest.sha256("other".getBytes(StandardCharsets.UTF_8));
    server.enqueue(manifest(served, MediaType.DOCKER_SCHEMA2));

    assertThrows(DigestMismatchException.class, () -> open("app:1").manifest(asked));
  }

  @Test
  void returnsAManifestAskedForByItsDigest() throws Exception {
    byte[] bytes = OpaqueManifestFormat.manifest(MediaType.DOCKER_MANIFEST_LIST, "list");
    Digest digest = Digest.sha256(bytes);
    server.enqueue(manifest(bytes, MediaType.DOCKER_MANIFEST_LIST));

    RawManifest raw = open("app:1").manifest(digest);

    assertEquals("/v2/app/manifests/" + digest, server.takeRequest().getPath());
    assertEquals(digest, raw.digest());
    assertEquals(MediaType.DOCKER_MANIFEST_LIST, raw.mediaType());
  }

  @Test
  void refusesAManifestFetchedByTagWhoseDockerContentDigestDiffers() throws Exception {
    byte[] served = OpaqueManifestFormat.manifest(MediaType.DOCKER_SCHEMA2, "served");
    Digest announced = Digest.sha256("something else".getBytes(StandardCharsets.UTF_8));
    server.enqueue(
        manifest(served, MediaType.DOCKER_SCHEMA2).setHeader("Docker-Content-Digest", announced));

    DigestMismatchException e =
        assertThrows(DigestMismatchException.class, open("app:1")::manifest);

    assertEquals(announced, e.expected());
    assertEquals(Digest.sha256(served), e.actual());
    assertTrue(e.getMessage().contains("Docker-Content-Digest"), e.getMessage());
  }

  @Test
  void refusesAnInvalidDockerContentDigest() throws Exception {
    byte[] served = OpaqueManifestFormat.manifest(MediaType.DOCKER_SCHEMA2, "served");
    server.enqueue(
        manifest(served, MediaType.DOCKER_SCHEMA2)
            .addHeaderLenient("Docker-Content-Digest", "sha256:nothex\u001b[31m"));

    var e = assertThrows(dev.spyglass.api.ImageException.class, open("app:1")::manifest);

    assertTrue(
        e.getMessage().contains("invalid Docker-Content-Digest \"sha256:nothex"), e.getMessage());
    assertTrue(
        e.getMessage().indexOf('\u001b') < 0, "remote text is cleaned of control characters");
  }

  @Test
  void acceptsAManifestFetchedByTagWithoutDockerContentDigest() throws Exception {
    byte[] bytes = OpaqueManifestFormat.manifest(MediaType.DOCKER_SCHEMA2, "x");
    server.enqueue(manifest(bytes, MediaType.DOCKER_SCHEMA2));

    assertEquals(Digest.sha256(bytes), open("app").manifest().digest());
    assertEquals("/v2/app/manifests/latest", server.takeRequest().getPath());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "application/octet-stream", "text/plain; charset=utf-8", "application/json"})
  void guessesTheMediaTypeFromTheBytesWhenTheContentTypeIsGeneric(String contentType)
      throws Exception {
    byte[] bytes = OpaqueManifestFormat.manifest(MediaType.OCI_INDEX, "guess");
    MockResponse response = new MockResponse().setBody(new Buffer().write(bytes));
    if (!contentType.isEmpty()) {
      response.setHeader("Content-Type", contentType);
    }
    server.enqueue(response);

    RawManifest raw = open("app:1").manifest();

    assertEquals(MediaType.OCI_INDEX, raw.mediaType());
  }

  @Test
  void keepsAGenericContentTypeWhenNoFormatRecognisesTheBytes() throws Exception {
    server.enqueue(new MockResponse().setHeader("Content-Type", "text/plain").setBody("hello"));

    assertEquals("text/plain", open("app:1").manifest().mediaType());
  }

  @Test
  void normalisesTheContentType() throws Exception {
    byte[] bytes = OpaqueManifestFormat.manifest(MediaType.OCI_MANIFEST, "n");
    server.enqueue(manifest(bytes, "Application/VND.oci.image.manifest.v1+json ; charset=utf-8"));

    assertEquals(MediaType.OCI_MANIFEST, open("app:1").manifest().mediaType());
  }

  @Test
  void digestsASignedSchema1ManifestByItsPayloadWhateverItsSignature() throws Exception {
    String payload = "{\"schemaVersion\":1,\"name\":\"app\",\"tag\":\"1\"}";
    Digest payloadDigest = Digest.sha256(payload.getBytes(StandardCharsets.UTF_8));
    byte[] first = OpaqueManifestFormat.signed(payload, "signature-one");
    byte[] second = OpaqueManifestFormat.signed(payload, "signature-two");
    server.enqueue(
        manifest(first, MediaType.DOCKER_SCHEMA1_SIGNED)
            .setHeader("Docker-Content-Digest", payloadDigest));
    server.enqueue(manifest(second, MediaType.DOCKER_SCHEMA1_SIGNED));
    ImageSource source = open("app:1");

    RawManifest byTag = source.manifest();
    RawManifest byDigest = source.manifest(payloadDigest);

    assertEquals(payloadDigest, byTag.digest());
    assertNotEquals(Digest.sha256(first), byTag.digest());
    assertEquals(payloadDigest, byDigest.digest());
    assertArrayEquals(second, byDigest.bytes());
  }

  @Test
  void refusesCallsOnAClosedSource() throws Exception {
    ImageSource source = open("app:1");
    source.close();

    assertThrows(IllegalStateException.class, source::manifest);
    assertEquals(0, server.getRequestCount());
  }
}
