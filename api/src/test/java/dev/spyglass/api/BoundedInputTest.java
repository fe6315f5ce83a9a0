package dev.spyglass.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class BoundedInputTest {

  @Test
  void readsContentUpToTheLimit() throws Exception {
    byte[] data = new byte[100];
    assertArrayEquals(data, BoundedInput.readAtMost(new ByteArrayInputStream(data), 100, "x"));
  }

  @Test
  void refusesContentOverTheLimitWithoutReadingItAll() {
    CountingEndlessStream endless = new CountingEndlessStream();
    InvalidManifestException e =
        assertThrows(
            InvalidManifestException.class,
            () -> BoundedInput.readAtMost(endless, 1000, "manifest \"a:b\""));
    assertEquals("too-large", e.rule());
    assertTrue(e.getMessage().startsWith("manifest \"a:b\" is larger than"), e.getMessage());
    assertTrue(endless.count <= 1001 + 16 * 1024, "read " + endless.count);
  }

  @Test
  void verifyingStreamRejectsWrongBytesNamingBothDigests() {
    byte[] good = "good".getBytes();
    Descriptor d = Descriptor.of("application/octet-stream", Digest.sha256(good), good.length);
    DigestMismatchException e =
        assertThrows(
            DigestMismatchException.class,
            () -> new DigestVerifyingInputStream(new ByteArrayInputStream("evil".getBytes()), d).readAllBytes());
    assertEquals(d.digest(), e.expected());
    assertTrue(e.getMessage().contains(d.digest().toString()));
    assertTrue(e.getMessage().contains(Digest.sha256("evil".getBytes()).toString()));
  }

  @Test
  void verifyingStreamRejectsShortAndLongContent() {
    byte[] good = "good".getBytes();
    Descriptor longer = Descriptor.of("x", Digest.sha256(good), 5);
    assertThrows(
        ImageException.class,
        () -> new DigestVerifyingInputStream(new ByteArrayInputStream(good), longer).readAllBytes());
    Descriptor shorter = Descriptor.of("x", Digest.sha256(good), 3);
    assertThrows(
        ImageException.class,
        () -> new DigestVerifyingInputStream(new ByteArrayInputStream(good), shorter).readAllBytes());
  }

  @Test
  void verifyingStreamPassesMatchingContent() throws Exception {
    byte[] good = "good".getBytes();
    Descriptor d = Descriptor.of("x", Digest.sha256(good), good.length);
    assertArrayEquals(good, new DigestVerifyingInputStream(new ByteArrayInputStream(good), d).readAllBytes());
  }

  private static final class CountingEndlessStream extends InputStream {
    long count;

    @Override
    public int read() {
      count++;
      return 'x';
    }

    @Override
    public int read(byte[] b, int off, int len) {
      count += len;
      return len;
    }
  }
}
