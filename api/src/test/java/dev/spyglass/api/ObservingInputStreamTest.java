package dev.spyglass.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class ObservingInputStreamTest {
  /** Keeps a copy of every byte it sees. */
  private static final class Seen extends ObservingInputStream {
    final ByteArrayOutputStream seen = new ByteArrayOutputStream();

    Seen(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        seen.write(b, off, n);
      }
      return n;
    }
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 7);
    }
    return b;
  }

  @Test
  void singleByteReadsSkipsAndBulkReadsAreAllSeen() throws IOException {
    byte[] data = bytes(20_000);
    Seen in = new Seen(new ByteArrayInputStream(data));
    assertEquals(data[0] & 0xff, in.read());
    assertEquals(10_000, in.skip(10_000));
    byte[] rest = in.readAllBytes();
    assertEquals(-1, in.read());
    assertEquals(0, in.skip(5));
    assertArrayEquals(data, in.seen.toByteArray());
    assertEquals(data.length - 10_001, rest.length);
  }

  @Test
  void refusesMarkAndResetEvenOverAStreamThatSupportsThem() throws IOException {
    Seen in = new Seen(new BufferedInputStream(new ByteArrayInputStream(bytes(100))));
    assertFalse(in.markSupported());
    in.mark(50);
    in.readNBytes(10);
    assertThrows(IOException.class, in::reset);
    assertEquals(90, in.readAllBytes().length);
    assertArrayEquals(bytes(100), in.seen.toByteArray());
  }
}
