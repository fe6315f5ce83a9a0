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
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.MediaType;
import dev.spyglass.auth.ResolvedCredentials;
import dev.spyglass.transport.docker.internal.PartialBlobs;
import dev.spyglass.transport.docker.internal.RegistryClients;
import dev.spyglass.transport.docker.internal.RetryPolicy;
import dev.spyglass.transport.docker.internal.Traffic;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import okhttp3.Protocol;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blob downloads staged in a partial file and continued by a later source (a later process). */
class StagedBlobsTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final byte[] BLOB = new byte[512 * 1024];
  private static final Descriptor DESCRIPTOR;

  static {
    new Random(17).nextBytes(BLOB);
    DESCRIPTOR = Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(BLOB), BLOB.length);
  }

  @TempDir Path dir;
  private final RecordingLogger log = new RecordingLogger();
  private MockWebServer server;
  private PartialBlobs staging;
  private Path partialFile;
  private int taken;

  @BeforeEach
  void start() throws Exception {
    server = TestTls.https();
    server.setProtocols(List.of(Protocol.HTTP_1_1));
    staging = PartialBlobs.in(dir.resolve("partial"), 1 << 30, 0, Clock.fixed(NOW, ZoneOffset.UTC), log);
    partialFile = staging.file(DESCRIPTOR.digest()).orElseThrow();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  /** A new transport each time, as a new process would have. */
  private ImageSource open(PartialBlobs staging) throws Exception {
    RegistryClients clients =
        new RegistryClients(
                (options, registry) ->
                    options.credentials().map(c -> new ResolvedCredentials(c, "test options")),
                Clock.systemUTC(),
                log,
                Duration.ofMillis(300),
                new Traffic(RetryPolicy.defaults(), new FakeTiming(NOW), log))
            .withStaging(staging);
    return new DockerTransport(clients)
        .parseReference(Registries.reference(server, "ns/app:1"))
        .newImageSource(TestTls.options().build());
  }

  /** Serves the blob: whole to plain GETs, and {@code ranged.apply(from)} to Range GETs. */
  private void serve(Function<Long, MockResponse> ranged) {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String range = request.getHeader("Range");
            if (range != null) {
              return ranged.apply(Long.parseLong(range.substring(6, range.length() - 1)));
            }
            return blob(BLOB);
          }
        });
  }

  private static MockResponse blob(byte[] bytes) {
    return new MockResponse()
        .setHeader("Content-Type", "application/octet-stream")
        .setBody(new Buffer().write(bytes));
  }

  private static MockResponse rest(long from) {
    return blob(Arrays.copyOfRange(BLOB, (int) from, BLOB.length))
        .setResponseCode(206)
        .setHeader("Content-Range", "bytes " + from + "-" + (BLOB.length - 1) + "/" + BLOB.length);
  }

  /** The requests since the last call. */
  private List<RecordedRequest> requests() throws Exception {
    List<RecordedRequest> all = new ArrayList<>();
    for (int i = server.getRequestCount() - taken; i > 0; i--) {
      all.add(server.takeRequest(5, java.util.concurrent.TimeUnit.SECONDS));
    }
    taken = server.getRequestCount();
    return all;
  }

  /** Reads {@code count} bytes of the blob, then stops (as a killed copy does). */
  private void readPart(int count) throws Exception {
    try (InputStream in = open(staging).blob(DESCRIPTOR)) {
      assertEquals(count, in.readNBytes(count).length);
    }
  }

  private static byte[] readAll(InputStream in) throws Exception {
    try (in) {
      return in.readAllBytes();
    }
  }

  @Test
  void aStoppedReadKeepsItsBytesAndTheNextOneAsksOnlyForTheRest() throws Exception {
    serve(StagedBlobsTest::rest);
    readPart(200_000);
    byte[] staged = Files.readAllBytes(partialFile);
    assertTrue(staged.length >= 200_000 && staged.length < BLOB.length, "" + staged.length);
    assertArrayEquals(Arrays.copyOf(BLOB, staged.length), staged);
    requests();

    assertArrayEquals(BLOB, readAll(open(staging).blob(DESCRIPTOR)));

    List<RecordedRequest> second = requests();
    assertEquals(1, second.size());
    // continued from the last 4 KiB boundary (staged bytes are appended in aligned blocks)
    assertEquals("bytes=" + (staged.length - staged.length % 4096) + "-", second.get(0).getHeader("Range"));
    assertFalse(Files.exists(partialFile), "a blob read whole leaves no partial file");
  }

  @Test
  void aRangeAnsweredWith200IsReadFromTheStartAndTheStagedBytesAreReplaced() throws Exception {
    serve(from -> blob(BLOB));
    readPart(100_000);
    requests();

    assertArrayEquals(BLOB, readAll(open(staging).blob(DESCRIPTOR)));

    assertEquals(1, requests().size());
    assertFalse(Files.exists(partialFile));
    assertTrue(log.all().contains("the range was ignored"), log.all());
  }

  @Test
  void aStoppedReadAfterA200KeepsTheNewBytesFromTheStart() throws Exception {
    serve(from -> blob(BLOB));
    Files.createDirectories(partialFile.getParent());
    Files.write(partialFile, Arrays.copyOf(BLOB, 300_000));

    readPart(50_000);

    byte[] staged = Files.readAllBytes(partialFile);
    assertTrue(staged.length < 300_000, "truncated, then refilled: " + staged.length);
    assertArrayEquals(Arrays.copyOf(BLOB, staged.length), staged);
  }

  @Test
  void wrongStagedBytesFailTheDigestCheckAndAreDroppedSoTheNextReadStartsOver() throws Exception {
    serve(StagedBlobsTest::rest);
    Files.createDirectories(partialFile.getParent());
    byte[] wrong = Arrays.copyOf(BLOB, 98_304);
    wrong[5] ^= 1;
    Files.write(partialFile, wrong);

    assertThrows(DigestMismatchException.class, () -> readAll(open(staging).blob(DESCRIPTOR)));
    assertFalse(Files.exists(partialFile), "wrong staged bytes are removed");
    assertEquals("bytes=98304-", requests().get(0).getHeader("Range"));

    assertArrayEquals(BLOB, readAll(open(staging).blob(DESCRIPTOR)));
    assertNull(requests().get(0).getHeader("Range"));
  }

  @Test
  void aWrongContentRangeDropsTheStagedBytesAndReadsFromTheStart() throws Exception {
    serve(from -> rest(from + 1).setHeader("Content-Range", "bytes " + (from + 1) + "-" + (BLOB.length - 1) + "/" + BLOB.length));
    Files.createDirectories(partialFile.getParent());
    Files.write(partialFile, Arrays.copyOf(BLOB, 98_304));

    assertArrayEquals(BLOB, readAll(open(staging).blob(DESCRIPTOR)));

    List<RecordedRequest> requests = requests();
    assertEquals(2, requests.size());
    assertNull(requests.get(1).getHeader("Range"));
    assertFalse(Files.exists(partialFile));
  }

  @Test
  void aBlobStagedWholeIsCheckedWithoutAskingTheRegistry() throws Exception {
    serve(StagedBlobsTest::rest);
    Files.createDirectories(partialFile.getParent());
    Files.write(partialFile, BLOB);

    assertArrayEquals(BLOB, readAll(open(staging).blob(DESCRIPTOR)));

    assertEquals(0, server.getRequestCount());
    assertFalse(Files.exists(partialFile));
  }

  @Test
  void aBlobBeingStagedByAnotherStreamIsReadWithoutStaging() throws Exception {
    serve(StagedBlobsTest::rest);
    Files.createDirectories(partialFile.getParent());
    Files.write(partialFile, Arrays.copyOf(BLOB, 98_304));
    try (InputStream first = open(staging).blob(DESCRIPTOR)) {
      assertEquals(10, first.readNBytes(10).length);

      assertArrayEquals(BLOB, readAll(open(staging).blob(DESCRIPTOR)));

      List<RecordedRequest> requests = requests();
      assertEquals(2, requests.size());
      assertEquals("bytes=98304-", requests.get(0).getHeader("Range"));
      assertNull(requests.get(1).getHeader("Range"), "the second stream does not use the file");
    }
    assertTrue(Files.size(partialFile) >= 98_304, "the first stream's bytes stay");
  }

  @Test
  void anUnwritableStagingAreaNeverFailsARead() throws Exception {
    serve(StagedBlobsTest::rest);
    Files.writeString(dir.resolve("file"), "not a directory");
    PartialBlobs broken =
        PartialBlobs.in(dir.resolve("file").resolve("partial"), 1 << 30, 0, Clock.systemUTC(), log);

    assertArrayEquals(BLOB, readAll(open(broken).blob(DESCRIPTOR)));
    assertTrue(log.all().contains("not staging blob"), log.all());
  }

  @Test
  void smallBlobsAreNotStaged() throws Exception {
    serve(StagedBlobsTest::rest);
    PartialBlobs large =
        PartialBlobs.in(dir.resolve("partial"), 1 << 30, BLOB.length + 1, Clock.systemUTC(), log);
    try (InputStream in = open(large).blob(DESCRIPTOR)) {
      in.readNBytes(1000);
    }
    assertFalse(Files.exists(partialFile));
  }

  @Test
  void readingOnlySmallBlobsLeavesTheAreaAlone() throws Exception {
    serve(StagedBlobsTest::rest);
    Path area = dir.resolve("partial");
    Files.createDirectories(area);
    Path stale = write(area, "sha256-" + "a".repeat(64), 10, NOW.minus(Duration.ofDays(8)));
    PartialBlobs large = PartialBlobs.in(area, 1000, BLOB.length + 1, Clock.fixed(NOW, ZoneOffset.UTC), log);

    try (InputStream in = open(large).blob(DESCRIPTOR)) {
      in.readNBytes(10);
    }

    assertTrue(Files.exists(stale), "cleaned when a blob is staged, not by an inspect's small reads");
  }

  @Test
  void theFirstClaimRemovesStaleFilesThenTheOldestOverTheCap() throws Exception {
    serve(StagedBlobsTest::rest);
    Path area = dir.resolve("partial");
    Files.createDirectories(area);
    Path stale = write(area, "sha256-" + "a".repeat(64), 10, NOW.minus(Duration.ofDays(8)));
    Path old = write(area, "sha256-" + "b".repeat(64), 600, NOW.minus(Duration.ofDays(3)));
    Path recent = write(area, "sha256-" + "c".repeat(64), 500, NOW.minus(Duration.ofDays(1)));
    Path other = Files.writeString(area.resolve("notes.txt"), "kept");
    PartialBlobs capped = PartialBlobs.in(area, 1000, 0, Clock.fixed(NOW, ZoneOffset.UTC), log);

    try (InputStream in = open(capped).blob(DESCRIPTOR)) {
      in.readNBytes(10);
    }

    assertFalse(Files.exists(stale), "older than 7 days");
    assertFalse(Files.exists(old), "the oldest over the cap");
    assertTrue(Files.exists(recent));
    assertTrue(Files.exists(other));
  }

  // --- uploads continued by a later process ---

  private static final byte[] BIG = new byte[300_000];

  static {
    new Random(23).nextBytes(BIG);
  }

  /** A registry holding {@code held} bytes of an upload an earlier process recorded. */
  private void serveUpload(long held, int statusOfGet, java.io.ByteArrayOutputStream stored, List<String> seen) {
    stored.write(BIG, 0, (int) held);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public synchronized MockResponse dispatch(RecordedRequest request) {
            String method = request.getMethod();
            seen.add(method + " " + request.getPath().replaceAll("\\?.*", "") + " " + request.getHeader("Content-Range"));
            String location = "https://127.0.0.1:" + server.getPort() + "/v2/ns/app/blobs/uploads/u2?_state=" + seen.size();
            switch (method) {
              case "GET":
                return statusOfGet == 204
                    ? new MockResponse().setResponseCode(204).setHeader("Range", "0-" + (stored.size() - 1)).setHeader("Location", location)
                    : new MockResponse().setResponseCode(404).setHeader("Content-Type", "application/json")
                        .setBody("{\"errors\":[{\"code\":\"BLOB_UPLOAD_INVALID\"}]}");
              case "POST":
                stored.reset();
                return new MockResponse().setResponseCode(202).setHeader("Location", location);
              case "PATCH":
                byte[] body = request.getBody().readByteArray();
                stored.write(body, 0, body.length);
                return new MockResponse().setResponseCode(202).setHeader("Location", location);
              case "PUT":
                return new MockResponse().setResponseCode(201).setHeader("Docker-Content-Digest", Digest.sha256(stored.toByteArray()).toString());
              default:
                return new MockResponse().setResponseCode(405);
            }
          }
        });
  }

  private void recordUpload(String path) {
    try (PartialBlobs.UploadRecord record =
        staging.claimUpload("127.0.0.1:" + server.getPort(), "ns/app", Digest.sha256(BIG)).orElseThrow()) {
      record.record("https://127.0.0.1:" + server.getPort() + path);
    }
  }

  private void push() throws Exception {
    new DockerTransport(
            new RegistryClients(
                    (options, registry) -> java.util.Optional.empty(),
                    Clock.systemUTC(),
                    log,
                    Duration.ofMillis(300),
                    new Traffic(RetryPolicy.defaults(), new FakeTiming(NOW), log))
                .withStaging(staging),
            64 * 1024)
        .parseReference(Registries.reference(server, "ns/app:1"))
        .newImageDestination(TestTls.options().build())
        .putBlob(
            Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(BIG), BIG.length),
            new java.io.ByteArrayInputStream(BIG));
  }

  @Test
  void anUploadTheRegistryStillHoldsIsContinuedFromItsOffsetByALaterProcess() throws Exception {
    java.io.ByteArrayOutputStream stored = new java.io.ByteArrayOutputStream();
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    serveUpload(120_000, 204, stored, seen);
    recordUpload("/v2/ns/app/blobs/uploads/u1?_state=old");

    push();

    assertArrayEquals(BIG, stored.toByteArray());
    assertEquals(
        List.of(
            "GET /v2/ns/app/blobs/uploads/u1 null",
            "PATCH /v2/ns/app/blobs/uploads/u2 null", // chunked: the rest, from byte 120000 on
            "PUT /v2/ns/app/blobs/uploads/u2 null"),
        seen);
    try (PartialBlobs.UploadRecord record =
        staging.claimUpload("127.0.0.1:" + server.getPort(), "ns/app", Digest.sha256(BIG)).orElseThrow()) {
      assertTrue(record.location().isEmpty(), "a finished upload leaves no record");
    }
  }

  @Test
  void anUploadTheRegistryDroppedIsStartedAgain() throws Exception {
    java.io.ByteArrayOutputStream stored = new java.io.ByteArrayOutputStream();
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    serveUpload(120_000, 404, stored, seen);
    recordUpload("/v2/ns/app/blobs/uploads/u1?_state=old");

    push();

    assertArrayEquals(BIG, stored.toByteArray());
    assertEquals(
        List.of(
            "GET /v2/ns/app/blobs/uploads/u1 null",
            "POST /v2/ns/app/blobs/uploads/ null",
            "PATCH /v2/ns/app/blobs/uploads/u2 null", // chunked: the whole blob
            "PUT /v2/ns/app/blobs/uploads/u2 null"),
        seen);
  }

  @Test
  void uploadUrlsThatMayCarryCredentialsAreNotRecorded() throws Exception {
    Digest digest = Digest.sha256(BIG);
    try (PartialBlobs.UploadRecord record = staging.claimUpload("r", "ns/app", digest).orElseThrow()) {
      record.record("https://r/v2/ns/app/blobs/uploads/u?X-Amz-Signature=abc");
      assertTrue(record.location().isEmpty());
      record.record("https://user:pw@r/v2/ns/app/blobs/uploads/u");
      assertTrue(record.location().isEmpty());
      record.record("https://r/v2/ns/app/blobs/uploads/u?_state=abc&access_token=x");
      assertTrue(record.location().isEmpty());
      record.record("https://r/v2/ns/app/blobs/uploads/u?_state=abc");
      assertEquals(java.util.Optional.of("https://r/v2/ns/app/blobs/uploads/u?_state=abc"), record.location());
      assertTrue(staging.claimUpload("r", "ns/app", digest).isEmpty(), "locked while in use");
    }
  }

  private static Path write(Path area, String name, int size, Instant modified) throws Exception {
    Path file = Files.write(area.resolve(name + ".partial"), new byte[size]);
    Files.setLastModifiedTime(file, FileTime.from(modified));
    return file;
  }
}
