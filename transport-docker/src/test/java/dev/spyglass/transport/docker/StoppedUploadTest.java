package dev.spyglass.transport.docker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.MediaType;
import dev.spyglass.transport.docker.internal.BlobUploader;
import dev.spyglass.transport.docker.internal.PartialBlobs;
import dev.spyglass.transport.docker.internal.RegistryClients;
import dev.spyglass.transport.docker.internal.RetryPolicy;
import dev.spyglass.transport.docker.internal.Traffic;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.Protocol;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A destination closed while a streamed upload is under way (from a shutdown hook, in the CLI):
 * the {@code PATCH} ends cleanly at the bytes sent so far, the registry's answer is recorded for a
 * later process, and nothing is finished or cancelled. The registry here keeps distribution's
 * rule: a request to an upload URL whose {@code _state} offset is not the size stored is refused
 * and the upload cancelled.
 */
class StoppedUploadTest {
  private static final byte[] BLOB = new byte[1024 * 1024];
  private static final Descriptor DESCRIPTOR;
  private static final int PAUSE_AT = 256 * 1024;

  static {
    new Random(31).nextBytes(BLOB);
    DESCRIPTOR = Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(BLOB), BLOB.length);
  }

  @TempDir Path dir;
  private final RecordingLogger log = new RecordingLogger();
  private MockWebServer server;
  private PartialBlobs staging;

  @BeforeEach
  void start() throws Exception {
    server = TestTls.https();
    server.setProtocols(List.of(Protocol.HTTP_1_1));
    staging = PartialBlobs.in(dir.resolve("partial"), 1 << 30, 0, Clock.systemUTC(), log);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  /** A destination of a new transport with the staging area, as a new process would have. */
  private ImageDestination open() throws Exception {
    return new DockerTransport(
            new RegistryClients(
                    (options, registry) -> Optional.empty(),
                    Clock.systemUTC(),
                    log,
                    Duration.ofMillis(300),
                    new Traffic(RetryPolicy.defaults(), new FakeTiming(Instant.EPOCH), log))
                .withStaging(staging),
            64 * 1024)
        .parseReference(Registries.reference(server, "ns/app:1"))
        .newImageDestination(TestTls.options().build());
  }

  private Optional<String> recorded() {
    try (PartialBlobs.UploadRecord record =
        staging
            .claimUpload("127.0.0.1:" + server.getPort(), "ns/app", DESCRIPTOR.digest())
            .orElseThrow()) {
      return record.location();
    }
  }

  /** Puts the blob from {@code content} on another thread: what it threw, if anything. */
  private static CompletableFuture<Throwable> putOnAnotherThread(
      ImageDestination destination, InputStream content) {
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    new Thread(
            () -> {
              try {
                destination.putBlob(DESCRIPTOR, content);
                outcome.complete(null);
              } catch (Throwable e) {
                outcome.complete(e);
              }
            },
            "put-blob")
        .start();
    return outcome;
  }

  @Test
  void closingMidPatchEndsItAtTheBytesSentAndALaterProcessSendsOnlyTheRest() throws Exception {
    Upload registry = new Upload(Duration.ZERO);
    server.setDispatcher(registry);
    PausingStream source = new PausingStream(PAUSE_AT);
    ImageDestination destination = open();
    CompletableFuture<Throwable> put = putOnAnotherThread(destination, source);
    assertTrue(source.paused.await(10, TimeUnit.SECONDS), "the upload did not get going");
    new Thread(source::resumeSoon, "resume-source").start();

    destination.close();

    Throwable failure = put.get(10, TimeUnit.SECONDS);
    assertInstanceOf(ImageException.class, failure);
    assertTrue(failure.getMessage().contains("was stopped after"), failure.getMessage());
    assertEquals(List.of("POST", "PATCH"), registry.methods);
    RecordedRequest patch = registry.requests.get(1);
    assertEquals("chunked", patch.getHeader("Transfer-Encoding"));
    assertNull(patch.getHeader("Content-Range"));
    byte[] held = registry.stored.toByteArray();
    assertTrue(held.length > 0 && held.length <= PAUSE_AT, "the PATCH sent " + held.length);
    assertArrayEquals(Arrays.copyOf(BLOB, held.length), held);
    assertEquals(Optional.of(registry.location(held.length)), recorded());
    long again = System.nanoTime();
    destination.close(); // nothing under way: at once
    assertTrue(System.nanoTime() - again < TimeUnit.MILLISECONDS.toNanos(500));

    open().putBlob(DESCRIPTOR, new ByteArrayInputStream(BLOB));

    assertEquals(List.of("POST", "PATCH", "GET", "PATCH", "PUT"), registry.methods);
    assertEquals(BLOB.length - held.length, registry.requests.get(3).getBodySize());
    assertArrayEquals(BLOB, registry.finished);
    assertEquals(Optional.empty(), recorded(), "a finished upload leaves no record");
  }

  @Test
  void closingGivesUpWhenTheRegistryDoesNotAnswerTheEndedPatchInTime() throws Exception {
    Upload registry = new Upload(BlobUploader.STOP_WAIT.plusSeconds(2));
    server.setDispatcher(registry);
    PausingStream source = new PausingStream(PAUSE_AT);
    ImageDestination destination = open();
    CompletableFuture<Throwable> put = putOnAnotherThread(destination, source);
    assertTrue(source.paused.await(10, TimeUnit.SECONDS), "the upload did not get going");
    new Thread(source::resumeSoon, "resume-source").start();

    long start = System.nanoTime();
    destination.close();
    Duration waited = Duration.ofNanos(System.nanoTime() - start);

    assertTrue(
        waited.compareTo(BlobUploader.STOP_WAIT.minusMillis(100)) >= 0
            && waited.compareTo(BlobUploader.STOP_WAIT.plusSeconds(1)) < 0,
        "close() waited " + waited);
    assertEquals(List.of("POST"), registry.methods, "the PATCH is not answered yet");
    long again = System.nanoTime();
    destination.close(); // a second close (a shutdown hook after a deadline's) does not wait again
    long againMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - again);
    assertTrue(againMillis < 500, "the second close() waited " + againMillis + " ms");
    Throwable failure = put.get(20, TimeUnit.SECONDS); // the late answer comes after all
    assertTrue(failure.getMessage().contains("was stopped after"), failure.getMessage());
    assertEquals(List.of("POST", "PATCH"), registry.methods, "nothing finished or cancelled");
  }

  /**
   * Distribution's upload, as far as a stop goes: the offset is in {@code _state}; a request whose
   * offset is not the stored size is refused (404 {@code BLOB_UPLOAD_INVALID}) and cancels the
   * upload. PATCH answers wait {@code patchDelay}.
   */
  private final class Upload extends Dispatcher {
    final List<String> methods = new CopyOnWriteArrayList<>();
    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    final ByteArrayOutputStream stored = new ByteArrayOutputStream();
    private final Duration patchDelay;
    private boolean open;
    byte[] finished;

    Upload(Duration patchDelay) {
      this.patchDelay = patchDelay;
    }

    String location(long offset) {
      return "https://127.0.0.1:" + server.getPort() + "/v2/ns/app/blobs/uploads/u1?_state=" + offset;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      if (request.getMethod().equals("PATCH")) {
        Thread.sleep(patchDelay.toMillis()); // before it counts as answered
      }
      synchronized (this) {
        methods.add(request.getMethod());
        requests.add(request);
        return answer(request);
      }
    }

    private MockResponse answer(RecordedRequest request) {
      if (request.getMethod().equals("POST")) {
        open = true;
        stored.reset();
        return moved(202);
      }
      String state = request.getRequestUrl().queryParameter("_state");
      if (!open || state == null || Long.parseLong(state) != stored.size()) {
        open = false;
        return new MockResponse()
            .setResponseCode(404)
            .setHeader("Content-Type", "application/json")
            .setBody("{\"errors\":[{\"code\":\"BLOB_UPLOAD_INVALID\"}]}");
      }
      switch (request.getMethod()) {
        case "PATCH":
          byte[] body = request.getBody().readByteArray();
          stored.write(body, 0, body.length);
          return moved(202);
        case "GET":
          return moved(204);
        case "PUT":
          open = false;
          finished = stored.toByteArray();
          return new MockResponse()
              .setResponseCode(201)
              .setHeader("Docker-Content-Digest", Digest.sha256(finished).toString());
        default:
          open = false;
          return new MockResponse().setResponseCode(204);
      }
    }

    private MockResponse moved(int status) {
      return new MockResponse()
          .setResponseCode(status)
          .setHeader("Location", location(stored.size()))
          .setHeader("Range", "0-" + Math.max(0, stored.size() - 1));
    }
  }

  /** The blob, read freely up to a point, where it waits for {@link #resumeSoon}. */
  private static final class PausingStream extends InputStream {
    final CountDownLatch paused = new CountDownLatch(1);
    private final CountDownLatch resumed = new CountDownLatch(1);
    private final int pauseAt;
    private int at;

    PausingStream(int pauseAt) {
      this.pauseAt = pauseAt;
    }

    /** Lets the reader go on a little after the caller moved on (to close the destination). */
    void resumeSoon() {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      resumed.countDown();
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (at == pauseAt) {
        paused.countDown();
        try {
          resumed.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (at == BLOB.length) {
        return -1;
      }
      int n = Math.min(len, (at < pauseAt ? pauseAt : BLOB.length) - at);
      System.arraycopy(BLOB, at, b, off, n);
      at += n;
      return n;
    }
  }
}
