package dev.spyglass.transport.docker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.AuthenticationException;
import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.RawManifest;
import dev.spyglass.api.UnexpectedStatusException;
import dev.spyglass.auth.ResolvedCredentials;
import dev.spyglass.testing.OpaqueManifestFormat;
import dev.spyglass.testing.registry.RegistryDispatcher;
import dev.spyglass.transport.docker.internal.RegistryClients;
import dev.spyglass.transport.docker.internal.RetryPolicy;
import dev.spyglass.transport.docker.internal.Traffic;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import okhttp3.Protocol;
import okhttp3.mockwebserver.Dispatcher;
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

/** Requests repeated by default, the per-host governor, and blob bodies and uploads continued. */
class RetriesTest {
  private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
  private static final byte[] BLOB = new byte[512 * 1024];
  private static final Descriptor DESCRIPTOR;
  private static final String TAGS = "{\"name\":\"ns/app\",\"tags\":[\"1\"]}";

  static {
    new Random(11).nextBytes(BLOB);
    DESCRIPTOR = Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(BLOB), BLOB.length);
  }

  private final RecordingLogger log = new RecordingLogger();
  private final FakeTiming timing = new FakeTiming(START);
  private final Traffic traffic = new Traffic(RetryPolicy.defaults(), timing, log);
  private final DockerTransport transport = transport(BlobUploaderChunk.DEFAULT);
  private MockWebServer server;

  private enum BlobUploaderChunk {
    DEFAULT(8 * 1024 * 1024),
    SMALL(64 * 1024);

    final int bytes;

    BlobUploaderChunk(int bytes) {
      this.bytes = bytes;
    }
  }

  private DockerTransport transport(BlobUploaderChunk chunk) {
    return new DockerTransport(
        new RegistryClients(
            (options, registry) ->
                options.credentials().map(c -> new ResolvedCredentials(c, "test options")),
            Clock.systemUTC(),
            log,
            Duration.ofMillis(300),
            traffic),
        chunk.bytes);
  }

  @BeforeEach
  void start() throws Exception {
    server = TestTls.https();
    server.setProtocols(List.of(Protocol.HTTP_1_1));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private ImageSource open() throws Exception {
    return open(TestTls.options());
  }

  private ImageSource open(ImageOptions.Builder options) throws Exception {
    return transport
        .parseReference(Registries.reference(server, "ns/app:1"))
        .newImageSource(options.build());
  }

  private String host() {
    return "127.0.0.1:" + server.getPort();
  }

  private static MockResponse tags() {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody(TAGS);
  }

  private static MockResponse status(int code) {
    return new MockResponse().setResponseCode(code).setBody("{}");
  }

  private static MockResponse blob(byte[] bytes) {
    return new MockResponse()
        .setHeader("Content-Type", "application/octet-stream")
        .setBody(new Buffer().write(bytes));
  }

  private static byte[] readAll(InputStream in) throws Exception {
    try (in) {
      return in.readAllBytes();
    }
  }

  private List<RecordedRequest> requests() throws Exception {
    List<RecordedRequest> all = new ArrayList<>();
    for (int i = server.getRequestCount(); i > 0; i--) {
      all.add(server.takeRequest());
    }
    return all;
  }

  // --- 429, Retry-After and the governor ---

  @Test
  void waitsTheRetryAfterSecondsOfA429ThenSucceeds() throws Exception {
    server.enqueue(status(429).setHeader("Retry-After", "7"));
    server.enqueue(tags());

    assertEquals(List.of("1"), open().tags());

    assertEquals(2, server.getRequestCount());
    assertEquals(List.of(Duration.ofSeconds(7)), timing.sleeps());
  }

  @Test
  void waitsUntilTheRetryAfterDateOfA429() throws Exception {
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(START.plusSeconds(30).atZone(ZoneOffset.UTC));
    server.enqueue(status(429).setHeader("Retry-After", date));
    server.enqueue(tags());

    assertEquals(List.of("1"), open().tags());

    assertEquals(List.of(Duration.ofSeconds(30)), timing.sleeps());
  }

  @Test
  void capsARetryAfterAtTheConfiguredLongestWait() throws Exception {
    server.enqueue(status(429).setHeader("Retry-After", "3600"));
    server.enqueue(tags());
    server.enqueue(status(503).setHeader("Retry-After", "3600"));
    server.enqueue(tags());

    assertEquals(List.of("1"), open().tags());
    assertEquals(List.of("1"), open(TestTls.options().maxRetryWait(Duration.ofSeconds(5))).tags());

    assertEquals(List.of(RetryPolicy.DEFAULT_MAX_WAIT, Duration.ofSeconds(5)), timing.sleeps());
  }

  @Test
  void aRetryAfterPausesEveryRequestToTheHost() throws Exception {
    server.enqueue(status(429).setHeader("Retry-After", "20"));
    server.enqueue(tags());
    server.enqueue(tags());
    ImageSource source = open();

    source.tags();
    timing.sleeps(); // the request itself waited 20 s; the pause is over now
    Instant before = timing.now();
    source.tags();

    assertEquals(before, timing.now(), "a request after the pause does not wait");
    assertEquals(List.of(Duration.ofSeconds(20)), timing.sleeps());
  }

  @Test
  void a503HalvesTheHostsBudgetAndSuccessesGrowItBack() throws Exception {
    server.enqueue(status(503));
    server.enqueue(tags());

    open().tags();

    int halved = traffic.governor(host()).limit();
    assertEquals(8, halved);
    for (int i = 0; i < halved; i++) {
      server.enqueue(tags());
    }
    ImageSource source = open();
    for (int i = 0; i < halved - 1; i++) { // the success after the 503 counted already
      source.tags();
    }
    assertEquals(9, traffic.governor(host()).limit());
    assertTrue(log.all().contains("HTTP 503, at most 8 requests at once (was 16)"), log.all());
  }

  @Test
  void aFinal429SaysTheRateLimitWhatIsLeftAndWhenToComeBack() throws Exception {
    Registries.enqueueEveryTry(
        server,
        RegistryDispatcher.error(429, "TOOMANYREQUESTS", "You have reached your pull rate limit.")
            .setHeader("RateLimit-Limit", "100;w=21600")
            .setHeader("RateLimit-Remaining", "0;w=21600")
            .setHeader("Retry-After", "3600"));

    UnexpectedStatusException e = assertThrows(UnexpectedStatusException.class, open()::tags);

    assertEquals(429, e.status());
    assertEquals("TOOMANYREQUESTS", e.errorCode());
    Instant comeBack = timing.now().plusSeconds(3600);
    assertTrue(
        e.getMessage()
            .endsWith(
                "failed with HTTP 429 TOOMANYREQUESTS: registry \""
                    + host()
                    + "\" rate limit reached: 0 of 100 pulls left per 6 h window; retry after "
                    + comeBack),
        e.getMessage());
    // Two waits of 60 s (the cap); a third would pass the 2-minute budget.
    assertEquals(List.of(Duration.ofSeconds(60), Duration.ofSeconds(60)), timing.sleeps());
    assertTrue(log.all().contains("rate limit 0 of 100 pulls left per 6 h window"), log.all());
  }

  @Test
  void logsTheRateLimitHeadersOfSuccessfulAnswers() throws Exception {
    server.enqueue(
        tags()
            .setHeader("RateLimit-Limit", "100;w=21600")
            .setHeader("RateLimit-Remaining", "76;w=21600"));

    open().tags();

    assertTrue(
        log.all().contains("registry host \"" + host() + "\": rate limit 76 of 100 pulls left"),
        log.all());
  }

  // --- what is retried and what is not ---

  @Test
  void retriesA500OnABlobThenStreamsIt() throws Exception {
    server.enqueue(status(500));
    server.enqueue(blob(BLOB));

    assertArrayEquals(BLOB, readAll(open().blob(DESCRIPTOR)));

    assertEquals(2, server.getRequestCount());
    assertEquals(1, timing.sleeps().size());
    Duration wait = timing.sleeps().get(0);
    assertTrue(wait.compareTo(Duration.ofMillis(500)) >= 0 && wait.compareTo(Duration.ofSeconds(1)) <= 0, wait.toString());
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 502, 504})
  void retriesOtherAnswersThatMayPass(int code) throws Exception {
    server.enqueue(status(code));
    server.enqueue(tags());

    assertEquals(List.of("1"), open().tags());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void backsOffExponentiallyAndGivesUpAfterTheLastTry() throws Exception {
    Registries.enqueueEveryTry(server, status(502));

    UnexpectedStatusException e = assertThrows(UnexpectedStatusException.class, open()::tags);

    assertEquals(502, e.status());
    assertEquals(RetryPolicy.DEFAULT_ATTEMPTS, server.getRequestCount());
    List<Duration> sleeps = timing.sleeps();
    assertEquals(RetryPolicy.DEFAULT_ATTEMPTS - 1, sleeps.size());
    for (int i = 0; i < sleeps.size(); i++) {
      Duration full = Duration.ofSeconds(1L << i);
      assertTrue(
          sleeps.get(i).compareTo(full.dividedBy(2)) >= 0 && sleeps.get(i).compareTo(full) <= 0,
          sleeps.toString());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 405})
  void doesNotRetryOtherClientErrors(int code) throws Exception {
    server.enqueue(status(code));
    server.enqueue(tags());

    ImageException e = assertThrows(ImageException.class, open()::tags);

    assertEquals(1, server.getRequestCount(), e.toString());
    assertEquals(List.of(), timing.sleeps());
    if (code == 401 || code == 403) {
      assertInstanceOf(AuthenticationException.class, e);
    } else if (code == 404) {
      assertInstanceOf(NotFoundException.class, e);
    }
  }

  @Test
  void doesNotRetryADigestMismatch() throws Exception {
    byte[] tampered = BLOB.clone();
    tampered[7] ^= 1;
    server.enqueue(blob(tampered));
    server.enqueue(blob(BLOB));

    assertThrows(DigestMismatchException.class, () -> readAll(open().blob(DESCRIPTOR)));

    assertEquals(1, server.getRequestCount());
  }

  @Test
  void retriesAManifestPutOn503() throws Exception {
    byte[] bytes = OpaqueManifestFormat.manifest(MediaType.OCI_MANIFEST, "retried");
    RawManifest raw = new RawManifest(bytes, MediaType.OCI_MANIFEST, Digest.sha256(bytes));
    server.enqueue(status(503).setHeader("Retry-After", "2"));
    server.enqueue(
        new MockResponse()
            .setResponseCode(201)
            .setHeader("Docker-Content-Digest", raw.digest().toString()));

    transport
        .parseReference(Registries.reference(server, "ns/app:1"))
        .newImageDestination(TestTls.options().build())
        .putManifest(raw);

    List<RecordedRequest> requests = requests();
    assertEquals(2, requests.size());
    for (RecordedRequest r : requests) {
      assertEquals("PUT", r.getMethod());
      assertArrayEquals(bytes, r.getBody().readByteArray());
    }
    assertEquals(List.of(Duration.ofSeconds(2)), timing.sleeps());
  }

  // --- blob bodies continued with Range ---

  /** Answers blob GETs: the first {@code broken} ones break after half, Range ones by {@code ranged}. */
  private void serveBlob(int broken, Function<Long, MockResponse> ranged) {
    server.setDispatcher(
        new Dispatcher() {
          int plain;

          @Override
          public synchronized MockResponse dispatch(RecordedRequest request) {
            String range = request.getHeader("Range");
            if (range != null) {
              return ranged.apply(Long.parseLong(range.substring(6, range.length() - 1)));
            }
            plain++;
            return plain <= broken
                ? blob(BLOB).setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY)
                : blob(BLOB);
          }
        });
  }

  private static MockResponse partial(long from, long first, String contentRange) {
    byte[] rest = java.util.Arrays.copyOfRange(BLOB, (int) first, BLOB.length);
    return blob(rest).setResponseCode(206).setHeader("Content-Range", contentRange);
  }

  private static MockResponse correctPartial(long from) {
    return partial(from, from, "bytes " + from + "-" + (BLOB.length - 1) + "/" + BLOB.length);
  }

  @Test
  void continuesABodyThatBrokeWithARangeRequestAnd206() throws Exception {
    serveBlob(1, RetriesTest::correctPartial);

    assertArrayEquals(BLOB, readAll(open().blob(DESCRIPTOR)));

    List<RecordedRequest> requests = requests();
    assertEquals(2, requests.size());
    String range = requests.get(1).getHeader("Range");
    long from = Long.parseLong(range.substring(6, range.length() - 1));
    assertTrue(from > 0 && from < BLOB.length, range);
    assertEquals("bytes=" + from + "-", range);
    assertTrue(log.all().contains("continuing from byte " + from), log.all());
  }

  @Test
  void refusesA206ThatStartsAfterTheOffsetAskedFor() throws Exception {
    serveBlob(
        1,
        from ->
            partial(from, from + 10, "bytes " + (from + 10) + "-" + (BLOB.length - 1) + "/" + BLOB.length));

    ImageException e = assertThrows(ImageException.class, () -> readAll(open().blob(DESCRIPTOR)));

    assertTrue(e.getMessage().contains("the registry answered 206 with Content-Range \"bytes "), e.getMessage());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void refusesA206WithoutContentRange() throws Exception {
    serveBlob(1, from -> correctPartial(from).removeHeader("Content-Range"));

    ImageException e = assertThrows(ImageException.class, () -> readAll(open().blob(DESCRIPTOR)));

    assertTrue(e.getMessage().contains("answered 206 with no Content-Range"), e.getMessage());
  }

  @Test
  void refusesA206ForAnotherSize() throws Exception {
    serveBlob(
        1,
        from -> partial(from, from, "bytes " + from + "-" + (BLOB.length - 1) + "/" + (BLOB.length + 1)));

    assertThrows(ImageException.class, () -> readAll(open().blob(DESCRIPTOR)));
  }

  @Test
  void readsARangeIgnoredWith200FromTheStartSkippingWhatWasReturned() throws Exception {
    serveBlob(1, from -> blob(BLOB));

    assertArrayEquals(BLOB, readAll(open().blob(DESCRIPTOR)));

    assertEquals(2, server.getRequestCount());
    assertTrue(log.all().contains("the range was ignored, skipping"), log.all());
  }

  @Test
  void aRestartWithOtherBytesFailsTheDigestCheck() throws Exception {
    byte[] other = BLOB.clone();
    for (int i = 0; i < other.length; i++) {
      other[i] ^= 0x5a;
    }
    serveBlob(1, from -> blob(other));

    assertThrows(DigestMismatchException.class, () -> readAll(open().blob(DESCRIPTOR)));
  }

  @Test
  void aBodyThatKeepsBreakingWithoutProgressFailsAfterTheLastTry() throws Exception {
    serveBlob(
        Integer.MAX_VALUE,
        from -> correctPartial(from).setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));

    ImageException e = assertThrows(ImageException.class, () -> readAll(open().blob(DESCRIPTOR)));

    assertTrue(e.getMessage().contains("blob \"" + DESCRIPTOR.digest() + "\""), e.getMessage());
    // Each break came after less than 1 MiB: no progress, so the tries of one request, no more.
    assertEquals(RetryPolicy.DEFAULT_ATTEMPTS, server.getRequestCount());
    assertTrue(timing.slept().compareTo(RetryPolicy.DEFAULT_BUDGET) <= 0, timing.sleeps().toString());
  }

  @Test
  void continuesABlobRedirectedToStorageAgainstTheOriginalUrl() throws Exception {
    String blobPath = "/v2/ns/app/blobs/" + DESCRIPTOR.digest();
    List<String> seen = new CopyOnWriteArrayList<>();
    server.setDispatcher(
        new Dispatcher() {
          int storage;

          @Override
          public synchronized MockResponse dispatch(RecordedRequest request) {
            String range = request.getHeader("Range");
            seen.add(request.getPath() + " " + range);
            if (request.getPath().equals(blobPath)) {
              return new MockResponse()
                  .setResponseCode(307)
                  .setHeader("Location", "/storage/blob?sig=" + (storage + 1));
            }
            storage++;
            if (range == null) {
              return blob(BLOB).setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY);
            }
            return correctPartial(Long.parseLong(range.substring(6, range.length() - 1)));
          }
        });

    assertArrayEquals(BLOB, readAll(open().blob(DESCRIPTOR)));

    assertEquals(4, seen.size(), seen.toString());
    assertEquals(blobPath + " null", seen.get(0));
    assertEquals("/storage/blob?sig=1 null", seen.get(1));
    assertTrue(seen.get(2).startsWith(blobPath + " bytes="), seen.toString());
    assertTrue(seen.get(3).startsWith("/storage/blob?sig=2 bytes="), seen.toString());
  }

  // --- uploads ---

  @Test
  void continuesABrokenPatchFromTheOffsetTheRegistryReports() throws Exception {
    byte[] blob = new byte[100_000];
    new Random(3).nextBytes(blob);
    Digest digest = Digest.sha256(blob);
    ByteArrayOutputStream stored = new ByteArrayOutputStream();
    List<String> seen = new CopyOnWriteArrayList<>();
    server.setDispatcher(
        new Dispatcher() {
          int patches;

          @Override
          public synchronized MockResponse dispatch(RecordedRequest request) {
            String method = request.getMethod();
            seen.add(method + " " + request.getHeader("Content-Range"));
            String location = "https://127.0.0.1:" + server.getPort() + "/v2/ns/app/blobs/uploads/u1?_state=" + seen.size();
            switch (method) {
              case "POST":
                return new MockResponse().setResponseCode(202).setHeader("Location", location);
              case "PATCH":
                byte[] body = request.getBody().readByteArray();
                if (++patches == 1) {
                  stored.write(body, 0, 300); // the registry kept 300 bytes, then failed
                  return status(500);
                }
                stored.write(body, 0, body.length);
                return new MockResponse().setResponseCode(202).setHeader("Location", location);
              case "GET":
                return new MockResponse()
                    .setResponseCode(204)
                    .setHeader("Range", "0-" + (stored.size() - 1))
                    .setHeader("Location", location);
              case "PUT":
                return new MockResponse()
                    .setResponseCode(201)
                    .setHeader("Docker-Content-Digest", Digest.sha256(stored.toByteArray()).toString());
              default:
                return status(405);
            }
          }
        });

    transport(BlobUploaderChunk.SMALL)
        .parseReference(Registries.reference(server, "ns/app:1"))
        .newImageDestination(TestTls.options().build())
        .putBlob(
            Descriptor.of(MediaType.OCI_LAYER_GZIP, digest, -1), new java.io.ByteArrayInputStream(blob));

    assertArrayEquals(blob, stored.toByteArray());
    assertEquals(
        List.of(
            "POST null",
            "PATCH 0-65535",
            "GET null",
            "PATCH 300-65535",
            "PATCH 65536-99999",
            "PUT null"),
        seen);
  }

  @Test
  void continuesABrokenStreamedPatchFromTheOffsetTheRegistryReports() throws Exception {
    byte[] blob = new byte[300_000]; // over the small chunk: one streamed PATCH
    new Random(4).nextBytes(blob);
    Digest digest = Digest.sha256(blob);
    ByteArrayOutputStream stored = new ByteArrayOutputStream();
    List<String> seen = new CopyOnWriteArrayList<>();
    server.setDispatcher(
        new Dispatcher() {
          int patches;

          @Override
          public synchronized MockResponse dispatch(RecordedRequest request) {
            String method = request.getMethod();
            seen.add(method + " " + request.getHeader("Content-Range"));
            String location =
                "https://127.0.0.1:" + server.getPort() + "/v2/ns/app/blobs/uploads/u2?_state=" + seen.size();
            switch (method) {
              case "POST":
                return new MockResponse().setResponseCode(202).setHeader("Location", location);
              case "PATCH":
                byte[] body = request.getBody().readByteArray();
                if (++patches == 1) {
                  stored.write(body, 0, 123_456); // the rest was lost when it failed
                  return status(503);
                }
                stored.write(body, 0, body.length);
                return new MockResponse().setResponseCode(202).setHeader("Location", location);
              case "GET":
                return new MockResponse()
                    .setResponseCode(204)
                    .setHeader("Range", "0-" + (stored.size() - 1))
                    .setHeader("Location", location);
              case "PUT":
                return new MockResponse()
                    .setResponseCode(201)
                    .setHeader("Docker-Content-Digest", Digest.sha256(stored.toByteArray()).toString());
              default:
                return status(405);
            }
          }
        });

    transport(BlobUploaderChunk.SMALL)
        .parseReference(Registries.reference(server, "ns/app:1"))
        .newImageDestination(TestTls.options().build())
        .putBlob(
            Descriptor.of(MediaType.OCI_LAYER_GZIP, digest, blob.length),
            new java.io.ByteArrayInputStream(blob));

    assertArrayEquals(blob, stored.toByteArray());
    assertEquals(
        List.of("POST null", "PATCH null", "GET null", "PATCH null", "PUT null"), // chunked
        seen);
  }

  @Test
  void continuesABrokenMonolithicPutWithAPatchFromTheRegistrysOffset() throws Exception {
    byte[] blob = new byte[1000];
    new Random(9).nextBytes(blob);
    Digest digest = Digest.sha256(blob);
    String upload = "/v2/ns/app/blobs/uploads/u3";
    server.enqueue(new MockResponse().setResponseCode(202).setHeader("Location", upload));
    server.enqueue(status(502)); // the PUT with the whole blob
    server.enqueue(
        new MockResponse().setResponseCode(204).setHeader("Range", "0-399").setHeader("Location", upload + "?s=2"));
    server.enqueue(new MockResponse().setResponseCode(202).setHeader("Location", upload + "?s=3"));
    server.enqueue(
        new MockResponse().setResponseCode(201).setHeader("Docker-Content-Digest", digest.toString()));

    transport
        .parseReference(Registries.reference(server, "ns/app:1"))
        .newImageDestination(TestTls.options().build())
        .putBlob(
            Descriptor.of(MediaType.OCI_LAYER_GZIP, digest, blob.length),
            new java.io.ByteArrayInputStream(blob));

    List<RecordedRequest> requests = requests();
    assertEquals(
        List.of("POST", "PUT", "GET", "PATCH", "PUT"),
        requests.stream().map(RecordedRequest::getMethod).toList());
    assertEquals("400-999", requests.get(3).getHeader("Content-Range"));
    assertEquals(upload + "?s=2", requests.get(3).getPath());
    assertArrayEquals(
        java.util.Arrays.copyOfRange(blob, 400, 1000), requests.get(3).getBody().readByteArray());
    assertEquals(upload + "?s=3&digest=" + digest.toString().replace(":", "%3A"), requests.get(4).getPath());
    assertEquals(0, requests.get(4).getBodySize());
  }

  @Test
  void cancelsAnUploadWhoseOffsetCannotBeTrue() throws Exception {
    byte[] blob = new byte[1000];
    String upload = "/v2/ns/app/blobs/uploads/u4";
    server.enqueue(new MockResponse().setResponseCode(202).setHeader("Location", upload));
    server.enqueue(status(503));
    server.enqueue(new MockResponse().setResponseCode(204).setHeader("Range", "0-4999"));
    server.enqueue(new MockResponse().setResponseCode(204)); // the DELETE cancelling the upload

    ImageException e =
        assertThrows(
            ImageException.class,
            () ->
                transport
                    .parseReference(Registries.reference(server, "ns/app:1"))
                    .newImageDestination(TestTls.options().build())
                    .putBlob(
                        Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(blob), blob.length),
                        new java.io.ByteArrayInputStream(blob)));

    assertTrue(e.getMessage().contains("reported Range \"0-4999\" for the upload"), e.getMessage());
    assertEquals(
        List.of("POST", "PUT", "GET", "DELETE"),
        requests().stream().map(RecordedRequest::getMethod).toList());
  }
}
