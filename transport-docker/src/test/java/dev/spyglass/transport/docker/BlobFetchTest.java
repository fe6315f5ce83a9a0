package dev.spyglass.transport.docker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Credentials;
import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.SizeMismatchException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import okhttp3.Protocol;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlobFetchTest {
  private static final RecordingLogger log = Registries.SHARED_LOG;
  private static final DockerTransport transport = Registries.SHARED;
  private static final int BLOB_LENGTH = 256 * 1024;
  private static final byte[] BLOB = new byte[BLOB_LENGTH];
  private static final Descriptor DESCRIPTOR;

  static {
    new Random(7).nextBytes(BLOB);
    DESCRIPTOR = Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(BLOB), BLOB.length);
  }

  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestTls.https();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private ImageSource open(ImageOptions.Builder options) throws Exception {
    return transport
        .parseReference(Registries.reference(server, "ns/app:1"))
        .newImageSource(options.build());
  }

  private ImageSource open() throws Exception {
    return open(TestTls.options());
  }

  private static MockResponse blob(byte[] bytes) {
    return new MockResponse()
        .setHeader("Content-Type", "application/octet-stream")
        .setBody(new Buffer().write(bytes));
  }

  @Test
  void streamsABlobAndVerifiesItsDigest() throws Exception {
    server.enqueue(blob(BLOB));

    byte[] read;
    try (InputStream in = open().blob(DESCRIPTOR)) {
      read = in.readAllBytes();
    }

    assertArrayEquals(BLOB, read);
    RecordedRequest request = server.takeRequest();
    assertEquals("/v2/ns/app/blobs/" + DESCRIPTOR.digest(), request.getPath());
    assertEquals("identity", request.getHeader("Accept-Encoding"), "no transparent decompression");
  }

  @Test
  void failsAtTheEndOfABlobWhoseBytesHaveAnotherDigest() throws Exception {
    byte[] tampered = BLOB.clone();
    tampered[1000] ^= 1;
    server.enqueue(blob(tampered));

    try (InputStream in = open().blob(DESCRIPTOR)) {
      DigestMismatchException e = assertThrows(DigestMismatchException.class, in::readAllBytes);
      assertEquals(DESCRIPTOR.digest(), e.expected());
      assertEquals(Digest.sha256(tampered), e.actual());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {10, BLOB_LENGTH + 1})
  void refusesABlobWhoseContentLengthContradictsItsDescriptorAsASizeMismatch(int length)
      throws Exception {
    server.enqueue(blob(Arrays.copyOf(BLOB, length)));

    SizeMismatchException e =
        assertThrows(SizeMismatchException.class, () -> open().blob(DESCRIPTOR));

    assertTrue(e.getMessage().contains("is " + length + " bytes"), e.getMessage());
    assertTrue(e.getMessage().contains("expected " + BLOB.length), e.getMessage());
    assertEquals(DESCRIPTOR.digest(), e.digest());
    assertEquals(BLOB.length, e.expected());
    assertEquals(length, e.actual());
  }

  @ParameterizedTest
  @ValueSource(ints = {10, BLOB_LENGTH - 1, BLOB_LENGTH + 1, BLOB_LENGTH + 100_000})
  void refusesAChunkedBlobLongerOrShorterThanItsDescriptorAsASizeMismatch(int length)
      throws Exception {
    server.setProtocols(List.of(Protocol.HTTP_1_1)); // chunked encoding is HTTP/1.1 only
    server.enqueue(
        new MockResponse()
            .setHeader("Content-Type", "application/octet-stream")
            .setChunkedBody(new Buffer().write(Arrays.copyOf(BLOB, length)), 16 * 1024));

    try (InputStream in = open().blob(DESCRIPTOR)) {
      SizeMismatchException e = assertThrows(SizeMismatchException.class, in::readAllBytes);
      assertEquals(DESCRIPTOR.digest(), e.digest());
      assertEquals(BLOB.length, e.expected());
      if (length < BLOB.length) {
        assertEquals(length, e.actual());
      } else {
        assertTrue(e.actual() > BLOB.length, e.toString());
      }
    }
  }

  @Test
  void reportsAConnectionLostWhileStreamingAsAnImageException() throws Exception {
    server.setProtocols(List.of(Protocol.HTTP_1_1));
    Registries.enqueueEveryTry(
        server, blob(BLOB).setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));

    try (InputStream in = open().blob(DESCRIPTOR)) {
      ImageException e = assertThrows(ImageException.class, in::readAllBytes);
      assertFalse(e instanceof DigestMismatchException, e.toString());
      assertTrue(e.getMessage().contains("blob \"" + DESCRIPTOR.digest() + "\""), e.getMessage());
    }
  }

  @Test
  void reportsAMissingBlobAsNotFound() throws Exception {
    server.enqueue(
        new MockResponse()
            .setResponseCode(404)
            .setHeader("Content-Type", "application/json")
            .setBody(
                "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\",\"message\":\"blob unknown to"
                    + " registry\"}]}"));

    NotFoundException e = assertThrows(NotFoundException.class, () -> open().blob(DESCRIPTOR));

    assertEquals("blob", e.kind());
    assertEquals("127.0.0.1:" + server.getPort() + "/ns/app@" + DESCRIPTOR.digest(), e.reference());
    assertTrue(e.getMessage().contains("BLOB_UNKNOWN: blob unknown to registry"), e.getMessage());
  }

  @Test
  void followsARedirectToAnotherHostWithoutAuthorization() throws Exception {
    try (MockWebServer storage = TestTls.https()) {
      String location =
          "https://localhost:"
              + storage.getPort()
              + "/blobs/x?X-Amz-Signature=s3cr3tsig&_state=st4te&ok=1";
      server.enqueue(
          new MockResponse()
              .setResponseCode(401)
              .setHeader("WWW-Authenticate", "Basic realm=\"registry\""));
      server.enqueue(new MockResponse().setResponseCode(307).setHeader("Location", location));
      storage.enqueue(blob(BLOB));
      ImageSource source =
          open(TestTls.options().credentials(new Credentials("alice", "pa55word")));

      try (InputStream in = source.blob(DESCRIPTOR)) {
        assertArrayEquals(BLOB, in.readAllBytes());
      }

      assertNull(
          server.takeRequest().getHeader("Authorization"), "nothing is sent before a challenge");
      String sent = server.takeRequest().getHeader("Authorization");
      assertNotNull(sent);
      assertTrue(sent.startsWith("Basic "));
      RecordedRequest redirected = storage.takeRequest();
      assertEquals("/blobs/x?X-Amz-Signature=s3cr3tsig&_state=st4te&ok=1", redirected.getPath());
      assertNull(
          redirected.getHeader("Authorization"),
          "credentials never follow a redirect to another host");
      String logged = log.all();
      assertTrue(
          logged.contains("_state=<redacted>") && logged.contains("X-Amz-Signature=<redacted>"),
          logged);
      assertFalse(logged.contains("s3cr3tsig") || logged.contains("st4te"), logged);
      assertFalse(logged.contains(sent.substring("Basic ".length())), "no credentials in the log");
    }
  }

  @Test
  void keepsAuthorizationOnARedirectWithinTheRegistry() throws Exception {
    server.enqueue(
        new MockResponse()
            .setResponseCode(401)
            .setHeader("WWW-Authenticate", "Basic realm=\"registry\""));
    server.enqueue(new MockResponse().setResponseCode(307).setHeader("Location", "/storage/blob"));
    server.enqueue(blob(BLOB));
    ImageSource source = open(TestTls.options().credentials(new Credentials("alice", "pa55word")));

    try (InputStream in = source.blob(DESCRIPTOR)) {
      assertArrayEquals(BLOB, in.readAllBytes());
    }

    server.takeRequest();
    server.takeRequest();
    RecordedRequest redirected = server.takeRequest();
    assertEquals("/storage/blob", redirected.getPath());
    assertNotNull(redirected.getHeader("Authorization"));
  }

  @Test
  void wrapsTheStreamSoThatReadsOfOneByteAreVerifiedToo() throws Exception {
    byte[] small = "hello".getBytes(StandardCharsets.UTF_8);
    server.enqueue(blob(small));
    Descriptor wrong =
        Descriptor.of(
            MediaType.OCI_LAYER_GZIP, Digest.sha256("world".getBytes(StandardCharsets.UTF_8)), 5);

    try (InputStream in = open().blob(wrong)) {
      IOException e =
          assertThrows(
              IOException.class,
              () -> {
                while (in.read() >= 0) {
                  // read byte by byte to the end
                }
              });
      assertInstanceOf(DigestMismatchException.class, e);
    }
  }

  @Test
  void givesUpWhenTheHostRedirectedToChallengesToo() throws Exception {
    try (MockWebServer storage = TestTls.https()) {
      server.enqueue(
          new MockResponse()
              .setResponseCode(401)
              .setHeader("WWW-Authenticate", "Basic realm=\"registry\""));
      for (int i = 0; i < 3; i++) {
        server.enqueue(
            new MockResponse()
                .setResponseCode(307)
                .setHeader("Location", "https://localhost:" + storage.getPort() + "/b"));
        storage.enqueue(
            new MockResponse()
                .setResponseCode(401)
                .setHeader("WWW-Authenticate", "Basic realm=\"storage\""));
      }
      ImageSource source =
          open(TestTls.options().credentials(new Credentials("alice", "pa55word")));

      assertThrows(dev.spyglass.api.AuthenticationException.class, () -> source.blob(DESCRIPTOR));

      assertTrue(
          server.getRequestCount() <= 3,
          "a bounded number of retries: " + server.getRequestCount());
      for (int i = 0; i < storage.getRequestCount(); i++) {
        assertNull(storage.takeRequest().getHeader("Authorization"));
      }
    }
  }
}
