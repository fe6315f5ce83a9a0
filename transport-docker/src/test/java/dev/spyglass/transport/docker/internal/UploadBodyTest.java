package dev.spyglass.transport.docker.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.SocketException;
import java.util.Arrays;
import java.util.Random;
import okhttp3.RequestBody;
import okio.Buffer;
import okio.BufferedSink;
import okio.ForwardingSink;
import okio.Okio;
import org.junit.jupiter.api.Test;

class UploadBodyTest {
  private static final byte[] BLOB = new byte[300_000];

  static {
    new Random(5).nextBytes(BLOB);
  }

  private static UploadBody body(int retain) {
    return new UploadBody(
        new ByteArrayInputStream(BLOB),
        Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(BLOB), BLOB.length),
        retain);
  }

  /** A connection that breaks once {@code limit} bytes went through it. */
  private static BufferedSink breakingAfter(long limit, Buffer received) {
    return Okio.buffer(
        new ForwardingSink(received) {
          long passed;

          @Override
          public void write(Buffer source, long byteCount) throws IOException {
            if (passed + byteCount > limit) {
              throw new SocketException("Broken pipe");
            }
            passed += byteCount;
            super.write(source, byteCount);
          }
        });
  }

  @Test
  void continuesFromAnOffsetInsideTheRetainedBytes() throws Exception {
    UploadBody body = body(200_000);
    Buffer first = new Buffer();
    BufferedSink broken = breakingAfter(150_000, first);
    assertThrows(SocketException.class, () -> body.writeTo(broken));
    long registryHolds = 120_000; // less than went through: some bytes were lost in flight

    RequestBody rest = body.continueFrom(registryHolds).orElseThrow();
    Buffer second = new Buffer();
    rest.writeTo(second);

    assertEquals(BLOB.length - registryHolds, rest.contentLength());
    assertArrayEquals(
        Arrays.copyOfRange(BLOB, (int) registryHolds, BLOB.length), second.readByteArray());
    assertTrue(body.sent() >= 150_000, "" + body.sent());
  }

  @Test
  void cannotContinueFromBeforeTheRetainedBytes() throws Exception {
    UploadBody body = body(64 * 1024);
    assertThrows(SocketException.class, () -> body.writeTo(breakingAfter(250_000, new Buffer())));

    assertTrue(body.continueFrom(body.sent() - 64 * 1024 - 1).isEmpty());
    assertTrue(body.continueFrom(body.sent() - 64 * 1024).isPresent());
    assertTrue(body.continueFrom(body.sent() + 1).isEmpty());
  }

  @Test
  void withoutRetentionOnlyTheBytesSentCanBeContinued() throws Exception {
    UploadBody body = body(0);
    assertThrows(SocketException.class, () -> body.writeTo(breakingAfter(100_000, new Buffer())));

    assertTrue(body.continueFrom(0).isEmpty());
    assertTrue(body.continueFrom(body.sent()).isPresent());
  }

  /** A connection whose writer is told to stop the body once {@code after} bytes went through. */
  private static BufferedSink stoppingAfter(long after, UploadBody body, Buffer received) {
    return Okio.buffer(
        new ForwardingSink(received) {
          long passed;

          @Override
          public void write(Buffer source, long byteCount) throws IOException {
            passed += byteCount;
            super.write(source, byteCount);
            if (passed >= after) {
              body.stop();
            }
          }
        });
  }

  private static UploadBody chunked() {
    return UploadBody.chunked(
        new ByteArrayInputStream(BLOB),
        Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(BLOB), BLOB.length),
        200_000);
  }

  @Test
  void aStoppedChunkedBodyEndsCleanlyAtTheBytesSentAndCannotBeContinued() throws Exception {
    UploadBody body = chunked();
    Buffer received = new Buffer();
    BufferedSink sink = stoppingAfter(100_000, body, received);

    body.writeTo(sink); // returns: the request ends normally
    sink.flush();

    assertEquals(-1, body.contentLength());
    assertTrue(body.stopped());
    assertTrue(body.sent() >= 100_000 && body.sent() < BLOB.length, "" + body.sent());
    assertArrayEquals(Arrays.copyOf(BLOB, (int) body.sent()), received.readByteArray());
    assertTrue(body.continueFrom(body.sent()).isEmpty(), "the piece read past the stop is gone");
  }

  @Test
  void aChunkedBodyStoppedBeforeItIsSentSendsNothing() throws Exception {
    UploadBody body = chunked();
    body.stop();
    Buffer received = new Buffer();

    body.writeTo(received);

    assertTrue(body.stopped());
    assertEquals(0, received.size());
  }

  @Test
  void aBodyOfKnownLengthCannotBeStoppedEarly() throws Exception {
    UploadBody body = body(0);
    Buffer received = new Buffer();
    BufferedSink sink = stoppingAfter(100_000, body, received);

    body.writeTo(sink);
    sink.flush();

    assertEquals(BLOB.length, body.contentLength());
    assertArrayEquals(BLOB, received.readByteArray());
    assertTrue(!body.stopped());
  }

  @Test
  void sendsTheWholeBlobOnceWhenNothingBreaks() throws Exception {
    UploadBody body = body(4096);
    Buffer all = new Buffer();
    body.writeTo(all);

    assertArrayEquals(BLOB, all.readByteArray());
    assertEquals(BLOB.length, body.sent());
  }
}
