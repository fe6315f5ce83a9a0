package dev.spyglass.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class DiffIdDigestTest {
  private static final byte[] DATA = data();

  @Test
  void hashesTheGunzippedBytesWhateverTheChunking() throws Exception {
    byte[] gz = gzip(DATA);
    for (int chunk : new int[] {1, 7, 4096, gz.length}) {
      assertEquals(Digest.sha256(DATA), digest(gz, chunk), "chunks of " + chunk);
    }
  }

  @Test
  void readsEveryOptionalHeaderFieldAndEveryMember() throws Exception {
    byte[] first = Arrays.copyOf(DATA, 1000);
    byte[] second = Arrays.copyOfRange(DATA, 1000, DATA.length);
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    both.write(member(first, true));
    both.write(gzip(second));

    assertEquals(Digest.sha256(DATA), digest(both.toByteArray(), 3));
  }

  @Test
  void takesABlobThatIsNotCompressedAsItIs() throws Exception {
    byte[] tar = "a plain tar, not compressed".getBytes(StandardCharsets.UTF_8);

    assertEquals(Digest.sha256(tar), digest(tar, 5));
    assertEquals(Digest.sha256(new byte[2]), digest(new byte[2], 1));
  }

  @Test
  void streamPassesTheStoredBytesThroughUnchanged() throws Exception {
    byte[] gz = gzip(DATA);
    try (DiffIdInputStream in = new DiffIdInputStream(new ByteArrayInputStream(gz), "\"l\"")) {
      assertEquals(Arrays.toString(gz), Arrays.toString(in.readAllBytes()));
      assertEquals(Digest.sha256(DATA), in.diffId());
    }
  }

  @Test
  void failsOnTruncatedGzip() throws Exception {
    byte[] gz = gzip(DATA);

    ImageException e =
        assertThrows(ImageException.class, () -> digest(Arrays.copyOf(gz, gz.length - 3), 64));

    assertEquals(
        "computing the diff id of layer \"l\" failed: it ends inside a gzip member",
        e.getMessage());
  }

  @Test
  void failsOnCompressionItCannotUndo() {
    byte[] xz = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 1, 2};

    ImageException e = assertThrows(ImageException.class, () -> digest(xz, 8));

    assertTrue(e.getMessage().contains("bzip2, xz or zstd"), e.getMessage());
  }

  private static Digest digest(byte[] stored, int chunk) throws ImageException {
    DiffIdDigest digest = new DiffIdDigest("\"l\"");
    for (int i = 0; i < stored.length; i += chunk) {
      byte[] copy = Arrays.copyOfRange(stored, i, Math.min(stored.length, i + chunk));
      digest.update(copy, 0, copy.length);
      Arrays.fill(copy, (byte) 0); // the caller reuses its buffer
    }
    return digest.finish();
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  /** A gzip member with FEXTRA, FNAME, FCOMMENT and FHCRC set. */
  private static byte[] member(byte[] bytes, boolean allFields) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {0x1f, (byte) 0x8b, 8, allFields ? (byte) (4 | 8 | 16 | 2) : 0});
    out.write(new byte[] {0, 0, 0, 0, 0, 3});
    out.write(new byte[] {3, 0, 'x', 'y', 'z'});
    out.write("name.tar\0".getBytes(StandardCharsets.US_ASCII));
    out.write("a comment\0".getBytes(StandardCharsets.US_ASCII));
    out.write(new byte[] {0x12, 0x34});
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    deflater.setInput(bytes);
    deflater.finish();
    byte[] buffer = new byte[8192];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    CRC32 crc = new CRC32();
    crc.update(bytes);
    writeLe32(out, crc.getValue());
    writeLe32(out, bytes.length);
    return out.toByteArray();
  }

  private static void writeLe32(ByteArrayOutputStream out, long value) {
    for (int i = 0; i < 4; i++) {
      out.write((int) (value >>> (8 * i)) & 0xff);
    }
  }

  private static byte[] data() {
    byte[] bytes = new byte[300_000];
    new Random(42).nextBytes(bytes);
    Arrays.fill(bytes, 100_000, 200_000, (byte) 'a');
    return bytes;
  }
}
