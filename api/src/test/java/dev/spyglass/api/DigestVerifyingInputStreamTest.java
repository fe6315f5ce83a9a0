package dev.spyglass.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigestVerifyingInputStreamTest {
  private static final byte[] GOOD = "good bytes".getBytes(StandardCharsets.US_ASCII);
  private static final Descriptor BLOB =
      Descriptor.of("application/octet-stream", Digest.sha256(GOOD), GOOD.length);

  @Test
  void ofKeepsAStreamThatAlreadyVerifiesTheSameBlob() {
    DigestVerifyingInputStream verifying =
        new DigestVerifyingInputStream(new ByteArrayInputStream(GOOD), BLOB);
    assertSame(verifying, DigestVerifyingInputStream.of(verifying, BLOB));
    Descriptor sizeUnknown = Descriptor.of("x", BLOB.digest(), -1);
    assertSame(verifying, DigestVerifyingInputStream.of(verifying, sizeUnknown));
  }

  @Test
  void ofWrapsAStreamThatVerifiesSomethingElseOrNothing() {
    Descriptor other = Descriptor.of("x", Digest.sha256("other".getBytes()), 5);
    DigestVerifyingInputStream verifyingOther =
        new DigestVerifyingInputStream(new ByteArrayInputStream(GOOD), other);
    assertNotSame(verifyingOther, DigestVerifyingInputStream.of(verifyingOther, BLOB));
    // Same digest, but a size the first one does not check.
    DigestVerifyingInputStream sizeless =
        new DigestVerifyingInputStream(
            new ByteArrayInputStream(GOOD), Descriptor.of("x", BLOB.digest(), -1));
    assertNotSame(sizeless, DigestVerifyingInputStream.of(sizeless, BLOB));
    InputStream plain = new ByteArrayInputStream(GOOD);
    assertNotSame(plain, DigestVerifyingInputStream.of(plain, BLOB));
  }

  @Test
  void ofWrapsAVerifyingStreamSomeoneHasAlreadyReadFrom() throws IOException {
    // Its hash covers bytes the new reader never sees: a truncated copy must not pass.
    DigestVerifyingInputStream started =
        new DigestVerifyingInputStream(new ByteArrayInputStream(GOOD), BLOB);
    assertEquals(GOOD[0], started.read());
    DigestVerifyingInputStream atDestination = DigestVerifyingInputStream.of(started, BLOB);
    assertNotSame(started, atDestination);
    assertThrows(ImageException.class, atDestination::readAllBytes);
  }

  @Test
  void aStreamTakenThroughOfStillRefusesWrongBytes() {
    byte[] evil = "evil bytes".getBytes(StandardCharsets.US_ASCII);
    InputStream fromSource = new DigestVerifyingInputStream(new ByteArrayInputStream(evil), BLOB);
    DigestVerifyingInputStream atDestination = DigestVerifyingInputStream.of(fromSource, BLOB);
    DigestMismatchException e =
        assertThrows(DigestMismatchException.class, atDestination::readAllBytes);
    assertEquals(BLOB.digest(), e.expected());
    assertEquals(Digest.sha256(evil), e.actual());
  }

  @Test
  void interposedStreamSeesTheBytesAndTheResultIsStillChecked() throws IOException {
    long[] seen = new long[1];
    DigestVerifyingInputStream verifying =
        new DigestVerifyingInputStream(new ByteArrayInputStream(GOOD), BLOB)
            .interpose(under -> new CountingStream(under, seen));
    assertArrayEquals(GOOD, verifying.readAllBytes());
    assertEquals(GOOD.length, seen[0]);
    assertNull(verifying.failure());

    DigestVerifyingInputStream tampered =
        new DigestVerifyingInputStream(new ByteArrayInputStream(GOOD), BLOB)
            .interpose(under -> new ByteArrayInputStream("evil bytes".getBytes()));
    assertThrows(DigestMismatchException.class, tampered::readAllBytes);
  }

  @Test
  void everyReadAfterAFailedEndThrowsTheSameFailure() {
    DigestVerifyingInputStream verifying =
        new DigestVerifyingInputStream(new ByteArrayInputStream("short".getBytes()), BLOB);
    SizeMismatchException first =
        assertThrows(SizeMismatchException.class, verifying::readAllBytes);
    assertEquals(
        "blob \"" + BLOB.digest() + "\" has 5 bytes, expected " + GOOD.length, first.getMessage());
    assertEquals(BLOB.digest(), first.digest());
    assertEquals(GOOD.length, first.expected());
    assertEquals(5, first.actual());
    assertSame(first, verifying.failure());
    assertSame(first, assertThrows(ImageException.class, verifying::read));
  }

  @Test
  void refusesMoreBytesThanDeclaredAsSoonAsTheyArrive() {
    byte[] longer = new byte[GOOD.length + 1];
    DigestVerifyingInputStream verifying =
        new DigestVerifyingInputStream(new ByteArrayInputStream(longer), BLOB);
    byte[] buffer = new byte[longer.length];
    SizeMismatchException e =
        assertThrows(SizeMismatchException.class, () -> verifying.read(buffer, 0, buffer.length));
    assertEquals(
        "blob \"" + BLOB.digest() + "\" is longer than its declared " + GOOD.length + " bytes",
        e.getMessage());
    assertEquals(GOOD.length, e.expected());
    assertEquals(longer.length, e.actual());
  }

  private static final class CountingStream extends FilterInputStream {
    private final long[] seen;

    CountingStream(InputStream in, long[] seen) {
      super(in);
      this.seen = seen;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        seen[0] += n;
      }
      return n;
    }
  }
}
