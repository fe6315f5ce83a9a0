package dev.spyglass.transport.docker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.DigestVerifyingInputStream;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.RawManifest;
import dev.spyglass.api.UnexpectedStatusException;
import dev.spyglass.auth.ResolvedCredentials;
import dev.spyglass.testing.OpaqueManifestFormat;
import dev.spyglass.testing.registry.RegistryDispatcher;
import dev.spyglass.transport.docker.internal.RegistryClients;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ImagePushTest {
  private static final int CHUNK = 1024;
  /** Uploads in chunks of {@link #CHUNK} bytes, so that a few KiB take the chunked path. */
  private static final DockerTransport transport =
      new DockerTransport(
          new RegistryClients(
              (options, registry) ->
                  options.credentials().map(c -> new ResolvedCredentials(c, "test options")),
              Clock.systemUTC(),
              new RecordingLogger(),
              Duration.ofMillis(300)),
          CHUNK);

  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestTls.https();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private ImageDestination open(String name) throws Exception {
    return transport
        .parseReference(Registries.reference(server, name))
        .newImageDestination(TestTls.options().build());
  }

  /** A registry on {@link #server}, answering every request from now on. */
  private RegistryDispatcher registry() {
    RegistryDispatcher registry = new RegistryDispatcher();
    server.setDispatcher(registry);
    return registry;
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static Descriptor layer(byte[] bytes) {
    return Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(bytes), bytes.length);
  }

  private List<RecordedRequest> requests() throws Exception {
    List<RecordedRequest> all = new ArrayList<>();
    for (int i = server.getRequestCount(); i > 0; i--) {
      all.add(server.takeRequest());
    }
    return all;
  }

  @Test
  void uploadsABlobOfAtMostOneChunkInOnePutToTheLocationOfThePost() throws Exception {
    RegistryDispatcher registry = registry();
    byte[] blob = random(CHUNK, 1);

    open("ns/app:1").putBlob(layer(blob), new ByteArrayInputStream(blob));

    List<RecordedRequest> requests = requests();
    assertEquals(2, requests.size());
    assertEquals("POST /v2/ns/app/blobs/uploads/ HTTP/1.1", requests.get(0).getRequestLine());
    assertEquals(0, requests.get(0).getBodySize());
    RecordedRequest put = requests.get(1);
    assertEquals("PUT", put.getMethod());
    assertEquals("/v2/ns/app/blobs/uploads/u1", put.getRequestUrl().encodedPath());
    assertEquals("1", put.getRequestUrl().queryParameter("_state"));
    assertEquals(Digest.sha256(blob).toString(), put.getRequestUrl().queryParameter("digest"));
    assertEquals("application/octet-stream", put.getHeader("Content-Type"));
    assertArrayEquals(blob, put.getBody().readByteArray());
    assertArrayEquals(blob, registry.blob("ns/app", Digest.sha256(blob)).orElseThrow());
  }

  @Test
  void uploadsALargerBlobOfKnownSizeInOneStreamedPatchThenPutsTheDigest() throws Exception {
    RegistryDispatcher registry = registry();
    byte[] blob = random(2 * CHUNK + 500, 2);

    open("ns/app:1").putBlob(layer(blob), new ByteArrayInputStream(blob));

    List<RecordedRequest> requests = requests();
    assertEquals(
        List.of("POST", "PATCH", "PUT"), requests.stream().map(r -> r.getMethod()).toList());
    // Of unknown length (chunked on HTTP/1.1), without Content-Range, so that a stop can end it
    // early (see StoppedUploadTest).
    assertNull(requests.get(1).getHeader("Content-Range"));
    assertNull(requests.get(1).getHeader("Content-Length"));
    assertEquals(2548, requests.get(1).getBodySize());
    assertEquals("2", requests.get(2).getRequestUrl().queryParameter("_state"));
    assertEquals(
        Digest.sha256(blob).toString(), requests.get(2).getRequestUrl().queryParameter("digest"));
    assertArrayEquals(blob, registry.blob("ns/app", Digest.sha256(blob)).orElseThrow());
  }

  @Test
  void uploadsALargerBlobOfUnknownSizeInChunksEachSentToTheNewestLocation() throws Exception {
    RegistryDispatcher registry = registry();
    byte[] blob = random(2 * CHUNK + 500, 2);

    open("ns/app:1")
        .putBlob(
            Descriptor.of(MediaType.DOCKER_LAYER_GZIP, Digest.sha256(blob), -1),
            new ByteArrayInputStream(blob));

    List<RecordedRequest> requests = requests();
    List<String> lines = new ArrayList<>();
    for (RecordedRequest r : requests) {
      lines.add(
          r.getMethod()
              + " "
              + r.getRequestUrl().encodedPath()
              + " _state="
              + r.getRequestUrl().queryParameter("_state")
              + " range="
              + r.getHeader("Content-Range")
              + " bytes="
              + r.getBodySize());
    }
    assertEquals(
        List.of(
            "POST /v2/ns/app/blobs/uploads/ _state=null range=null bytes=0",
            "PATCH /v2/ns/app/blobs/uploads/u1 _state=1 range=0-1023 bytes=1024",
            "PATCH /v2/ns/app/blobs/uploads/u1 _state=2 range=1024-2047 bytes=1024",
            "PATCH /v2/ns/app/blobs/uploads/u1 _state=3 range=2048-2547 bytes=500",
            "PUT /v2/ns/app/blobs/uploads/u1 _state=4 range=null bytes=0"),
        lines);
    assertEquals("application/octet-stream", requests.get(1).getHeader("Content-Type"));
    assertEquals(
        Digest.sha256(blob).toString(), requests.get(4).getRequestUrl().queryParameter("digest"));
    assertArrayEquals(blob, registry.blob("ns/app", Digest.sha256(blob)).orElseThrow());
  }

  @Test
  void uploadsABlobOfUnknownSizeInChunks() throws Exception {
    RegistryDispatcher registry = registry();
    byte[] blob = random(100, 3);

    open("ns/app:1")
        .putBlob(
            Descriptor.of(MediaType.DOCKER_LAYER_GZIP, Digest.sha256(blob), -1),
            new ByteArrayInputStream(blob));

    List<RecordedRequest> requests = requests();
    assertEquals(List.of("POST", "PATCH", "PUT"), requests.stream().map(r -> r.getMethod()).toList());
    assertArrayEquals(blob, registry.blob("ns/app", Digest.sha256(blob)).orElseThrow());
  }

  @Test
  void refusesLargeContentWithAnotherDigestBeforeFinishingAndCancelsTheUpload()
      throws Exception {
    RegistryDispatcher registry = registry();
    byte[] claimed = random(3 * CHUNK, 4);
    byte[] sent = claimed.clone();
    sent[CHUNK + 7] ^= 1;

    DigestMismatchException e =
        assertThrows(
            DigestMismatchException.class,
            () -> open("ns/app:1").putBlob(layer(claimed), new ByteArrayInputStream(sent)));

    assertEquals(Digest.sha256(claimed), e.expected());
    assertEquals(Digest.sha256(sent), e.actual());
    assertTrue(e.getMessage().contains(Digest.sha256(claimed).toString()), e.getMessage());
    assertTrue(e.getMessage().contains(Digest.sha256(sent).toString()), e.getMessage());
    List<String> methods = requests().stream().map(RecordedRequest::getMethod).toList();
    assertFalse(methods.contains("PUT"), methods.toString());
    // The streamed PATCH is cut short by the mismatch; the server may record it after the DELETE.
    assertTrue(methods.contains("DELETE"), methods.toString());
    assertEquals(List.of("u1"), registry.cancelledUploads());
    assertTrue(registry.blobDigests("ns/app").isEmpty());
  }

  @Test
  void refusesAMonolithicUploadWithAnotherDigestWithoutCompletingIt() throws Exception {
    RegistryDispatcher registry = registry();
    byte[] claimed = random(CHUNK, 5);
    byte[] sent = claimed.clone();
    sent[CHUNK - 1] ^= 1;

    DigestMismatchException e =
        assertThrows(
            DigestMismatchException.class,
            () -> open("ns/app:1").putBlob(layer(claimed), new ByteArrayInputStream(sent)));

    assertEquals(Digest.sha256(claimed), e.expected());
    assertEquals(Digest.sha256(sent), e.actual());
    assertTrue(registry.blobDigests("ns/app").isEmpty());
    assertEquals(List.of("u1"), registry.cancelledUploads());
  }

  @Test
  void refusesWrongBytesInASourcesVerifierOnEveryUploadPathWithoutFinishing() throws Exception {
    // A destination takes a source's verifying stream as it is (no second hash): monolithic,
    // streamed and chunked uploads must all still stop before the final PUT.
    RegistryDispatcher registry = registry();
    byte[] small = random(CHUNK, 11);
    byte[] large = random(2 * CHUNK + 3, 12);
    List<Descriptor> claims =
        List.of(
            layer(small),
            layer(large),
            Descriptor.of(MediaType.DOCKER_LAYER_GZIP, Digest.sha256(large), -1));
    for (Descriptor claimed : claims) {
      byte[] sent = (claimed.digest().equals(Digest.sha256(small)) ? small : large).clone();
      sent[sent.length - 1] ^= 1;
      InputStream fromSource =
          new DigestVerifyingInputStream(new ByteArrayInputStream(sent), claimed);
      DigestMismatchException e =
          assertThrows(
              DigestMismatchException.class,
              () -> open("ns/app:1").putBlob(claimed, fromSource),
              claimed.toString());
      assertEquals(Digest.sha256(sent), e.actual());
    }
    assertTrue(registry.blobDigests("ns/app").isEmpty(), registry.blobDigests("ns/app").toString());
    assertEquals(List.of("u1", "u2", "u3"), registry.cancelledUploads());
  }

  @Test
  void refusesContentLongerThanItsDescriptorBeforeSendingTheExcess() throws Exception {
    RegistryDispatcher registry = registry();
    byte[] blob = random(2 * CHUNK + 10, 6);
    Descriptor shorter = Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(blob), 2 * CHUNK);

    var e =
        assertThrows(
            dev.spyglass.api.ImageException.class,
            () -> open("ns/app:1").putBlob(shorter, new ByteArrayInputStream(blob)));

    assertTrue(e.getMessage().contains("longer than its declared 2048 bytes"), e.getMessage());
    assertTrue(registry.blobDigests("ns/app").isEmpty());
  }

  @Test
  void reportsARegistryDigestRefusalWithItsCode() throws Exception {
    server.enqueue(
        new MockResponse()
            .setResponseCode(202)
            .setHeader("Location", "/v2/ns/app/blobs/uploads/u9?_state=x"));
    server.enqueue(RegistryDispatcher.error(400, "DIGEST_INVALID", "provided digest did not match"));
    server.enqueue(new MockResponse().setResponseCode(204));
    byte[] blob = random(10, 7);

    UnexpectedStatusException e =
        assertThrows(
            UnexpectedStatusException.class,
            () -> open("ns/app:1").putBlob(layer(blob), new ByteArrayInputStream(blob)));

    assertEquals(400, e.status());
    assertEquals("DIGEST_INVALID", e.errorCode());
    assertTrue(e.getMessage().startsWith("PUT blob upload \""), e.getMessage());
    server.takeRequest();
    assertEquals("/v2/ns/app/blobs/uploads/u9", server.takeRequest().getRequestUrl().encodedPath());
    RecordedRequest cancel = server.takeRequest();
    assertEquals("DELETE", cancel.getMethod());
    assertEquals("x", cancel.getRequestUrl().queryParameter("_state"));
  }

  @Test
  void reportsAStaleUploadAsAnUnknownBlobUpload() throws Exception {
    server.enqueue(
        new MockResponse()
            .setResponseCode(202)
            .setHeader("Location", "/v2/ns/app/blobs/uploads/u9?_state=x"));
    server.enqueue(RegistryDispatcher.error(404, "BLOB_UPLOAD_INVALID", "blob upload invalid"));
    server.enqueue(new MockResponse().setResponseCode(204));
    byte[] blob = random(10, 8);

    NotFoundException e =
        assertThrows(
            NotFoundException.class,
            () -> open("ns/app:1").putBlob(layer(blob), new ByteArrayInputStream(blob)));

    assertEquals("blob upload", e.kind());
    assertTrue(e.getMessage().contains("BLOB_UPLOAD_INVALID"), e.getMessage());
  }

  @Test
  void findsABlobByHeadWhenItsLengthMatches() throws Exception {
    RegistryDispatcher registry = registry();
    byte[] blob = random(300, 9);
    registry.addBlob("ns/app", blob);
    ImageDestination destination = open("ns/app:1");

    assertTrue(destination.hasBlob(layer(blob)));
    assertFalse(
        destination.hasBlob(Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(blob), 301)));
    assertFalse(destination.hasBlob(layer(random(300, 10))));

    RecordedRequest head = server.takeRequest();
    assertEquals("HEAD /v2/ns/app/blobs/" + Digest.sha256(blob) + " HTTP/1.1", head.getRequestLine());
  }

  @Test
  void mountsABlobFromAnotherRepositoryOfTheSameRegistry() throws Exception {
    RegistryDispatcher registry = registry();
    byte[] blob = random(300, 11);
    registry.addBlob("other/base", blob);

    assertTrue(
        open("ns/app:1")
            .mountBlob(layer(blob), DockerReference.parse(Registries.reference(server, "other/base:2"))));

    RecordedRequest mount = server.takeRequest();
    assertEquals("POST", mount.getMethod());
    assertEquals("/v2/ns/app/blobs/uploads/", mount.getRequestUrl().encodedPath());
    assertEquals(Digest.sha256(blob).toString(), mount.getRequestUrl().queryParameter("mount"));
    assertEquals("other/base", mount.getRequestUrl().queryParameter("from"));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void cancelsTheUploadARegistryOpensWhenItCannotMount() throws Exception {
    RegistryDispatcher registry = registry();
    byte[] blob = random(300, 12);

    assertFalse(
        open("ns/app:1")
            .mountBlob(layer(blob), DockerReference.parse(Registries.reference(server, "other/base:2"))));

    List<String> methods = requests().stream().map(RecordedRequest::getMethod).toList();
    assertEquals(List.of("POST", "DELETE"), methods);
    assertEquals(List.of("u1"), registry.cancelledUploads());
  }

  @Test
  void doesNotAskToMountFromTheSameRepositoryOrAnotherRegistry() throws Exception {
    registry();
    byte[] blob = random(300, 13);
    ImageDestination destination = open("ns/app:1");

    assertFalse(
        destination.mountBlob(layer(blob), DockerReference.parse(Registries.reference(server, "ns/app:0"))));
    assertFalse(destination.mountBlob(layer(blob), DockerReference.parse("//other.example/ns/app:1")));
    assertEquals(0, server.getRequestCount());
  }

  private static RawManifest manifest(String extra) {
    byte[] bytes = OpaqueManifestFormat.manifest(MediaType.OCI_MANIFEST, extra);
    return new RawManifest(bytes, MediaType.OCI_MANIFEST, Digest.sha256(bytes));
  }

  @Test
  void putsTheManifestUnderTheTagWithItsMediaTypeAndChecksTheStoredDigest() throws Exception {
    RawManifest raw = manifest("tagged");
    server.enqueue(
        new MockResponse().setResponseCode(201).setHeader("Docker-Content-Digest", raw.digest()));

    open("ns/app:1.0").putManifest(raw);

    RecordedRequest put = server.takeRequest();
    assertEquals("PUT /v2/ns/app/manifests/1.0 HTTP/1.1", put.getRequestLine());
    assertEquals(MediaType.OCI_MANIFEST, put.getHeader("Content-Type"));
    assertArrayEquals(raw.bytes(), put.getBody().readByteArray());
  }

  @Test
  void putsAnInstanceManifestByDigest() throws Exception {
    RawManifest raw = manifest("instance");
    server.enqueue(
        new MockResponse().setResponseCode(201).setHeader("Docker-Content-Digest", raw.digest()));

    open("ns/app:1.0").putManifest(raw, raw.digest());

    assertEquals(
        "PUT /v2/ns/app/manifests/" + raw.digest() + " HTTP/1.1",
        server.takeRequest().getRequestLine());
  }

  @Test
  void putsASignedManifestAndExpectsItsPayloadDigest() throws Exception {
    String payload = "{\"schemaVersion\":1,\"name\":\"ns/app\",\"tag\":\"1\"}";
    byte[] signed = OpaqueManifestFormat.signed(payload, "sig-1");
    Digest payloadDigest = Digest.sha256(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    RawManifest raw = new RawManifest(signed, MediaType.DOCKER_SCHEMA1_SIGNED, payloadDigest);
    server.enqueue(
        new MockResponse().setResponseCode(201).setHeader("Docker-Content-Digest", payloadDigest));

    open("ns/app:1").putManifest(raw);

    assertEquals(MediaType.DOCKER_SCHEMA1_SIGNED, server.takeRequest().getHeader("Content-Type"));
  }

  @Test
  void refusesAManifestTheRegistryStoredUnderAnotherDigest() throws Exception {
    RawManifest raw = manifest("changed");
    Digest other = Digest.sha256(new byte[] {1});
    server.enqueue(new MockResponse().setResponseCode(201).setHeader("Docker-Content-Digest", other));

    DigestMismatchException e =
        assertThrows(DigestMismatchException.class, () -> open("ns/app:1").putManifest(raw));

    assertEquals(raw.digest(), e.expected());
    assertEquals(other, e.actual());
  }

  @Test
  void refusesAManifestWhoseBytesDoNotMatchItsDigestWithoutSendingIt() throws Exception {
    RawManifest good = manifest("a");
    RawManifest bad = new RawManifest(good.bytes(), good.mediaType(), Digest.sha256(new byte[0]));

    assertThrows(DigestMismatchException.class, () -> open("ns/app:1").putManifest(bad));
    assertThrows(
        DigestMismatchException.class,
        () -> open("ns/app:1").putManifest(good, Digest.sha256(new byte[0])));
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void reportsAManifestNamingAMissingBlobAsThatBlobNotFound() throws Exception {
    Digest missing = Digest.sha256(new byte[] {9});
    server.enqueue(
        new MockResponse()
            .setResponseCode(400)
            .setHeader("Content-Type", "application/json")
            .setBody(
                "{\"errors\":[{\"code\":\"MANIFEST_BLOB_UNKNOWN\",\"message\":\"blob unknown to"
                    + " registry\",\"detail\":\""
                    + missing
                    + "\"}]}"));

    NotFoundException e =
        assertThrows(NotFoundException.class, () -> open("ns/app:1").putManifest(manifest("m")));

    assertEquals("blob", e.kind());
    assertTrue(e.reference().endsWith("/ns/app@" + missing), e.reference());
    assertTrue(e.getMessage().contains("MANIFEST_BLOB_UNKNOWN"), e.getMessage());
  }

  @Test
  void reportsAManifestTheRegistryRefusesAsInvalid() throws Exception {
    server.enqueue(RegistryDispatcher.error(400, "MANIFEST_INVALID", "manifest invalid"));

    InvalidManifestException e =
        assertThrows(
            InvalidManifestException.class, () -> open("ns/app:1").putManifest(manifest("m")));

    assertEquals("refused-by-registry", e.rule());
    assertTrue(e.getMessage().startsWith("PUT manifest \""), e.getMessage());
    assertTrue(e.getMessage().contains("MANIFEST_INVALID"), e.getMessage());
  }

  @Test
  void offersEveryMediaTypeOfItsFormats() throws Exception {
    assertEquals(OpaqueManifestFormat.all().mediaTypes(), open("ns/app:1").supportedManifestMediaTypes());
  }

  @Test
  void asksTheTokenServerForPullAndPushScope() throws Exception {
    String token = "push-token";
    server.setDispatcher(
        new okhttp3.mockwebserver.Dispatcher() {
          final RegistryDispatcher uploads = new RegistryDispatcher();

          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            if (request.getPath().startsWith("/token")) {
              return new MockResponse()
                  .setHeader("Content-Type", "application/json")
                  .setBody("{\"token\":\"" + token + "\",\"expires_in\":300}");
            }
            if (!("Bearer " + token).equals(request.getHeader("Authorization"))) {
              return new MockResponse()
                  .setResponseCode(401)
                  .setHeader(
                      "WWW-Authenticate",
                      "Bearer realm=\"https://127.0.0.1:"
                          + server.getPort()
                          + "/token\",service=\"reg\",scope=\"repository:ns/app:pull,push\"")
                  .setBody("{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
            }
            return uploads.dispatch(request);
          }
        });
    byte[] blob = random(50, 14);

    open("ns/app:1").putBlob(layer(blob), new ByteArrayInputStream(blob));

    List<RecordedRequest> requests = requests();
    assertEquals(4, requests.size(), "POST 401, token, POST, PUT");
    assertNull(requests.get(0).getHeader("Authorization"));
    assertEquals("repository:ns/app:pull,push", requests.get(1).getRequestUrl().queryParameter("scope"));
    assertEquals("Bearer " + token, requests.get(2).getHeader("Authorization"));
    assertEquals("POST", requests.get(2).getMethod());
    assertEquals("Bearer " + token, requests.get(3).getHeader("Authorization"));
    assertArrayEquals(blob, requests.get(3).getBody().readByteArray());
  }

  @Test
  void readsABlobOfUnknownSizeOneChunkAtATime() throws Exception {
    registry();
    byte[] blob = random(4 * CHUNK, 15);
    int[] largestRead = {0};
    InputStream counting =
        new java.io.FilterInputStream(new ByteArrayInputStream(blob)) {
          @Override
          public int read(byte[] b, int off, int len) throws java.io.IOException {
            largestRead[0] = Math.max(largestRead[0], len);
            return super.read(b, off, len);
          }
        };

    open("ns/app:1")
        .putBlob(Descriptor.of(MediaType.DOCKER_LAYER_GZIP, Digest.sha256(blob), -1), counting);

    assertTrue(largestRead[0] <= CHUNK, "asked for " + largestRead[0] + " bytes at once");
  }
}
