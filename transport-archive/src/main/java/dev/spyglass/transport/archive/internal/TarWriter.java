package dev.spyglass.transport.archive.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a POSIX ustar archive (pax headers for names longer than 100 bytes, base-256 sizes past 8
 * GiB), with the fixed owner, mode and time skopeo writes: uid and gid 0, mtime 0. Not thread safe.
 */
final class TarWriter {
  private static final int BLOCK = TarArchive.BLOCK;

  private final OutputStream out;
  private long written;

  TarWriter(OutputStream out) {
    this.out = out;
  }

  long written() {
    return written;
  }

  /**
   * Writes the header of a regular file; the caller then writes exactly {@code size} bytes and
   * {@link #pad}.
   */
  void fileHeader(String name, long size) throws IOException {
    header(name, '0', size, 0444, "");
  }

  void directory(String name) throws IOException {
    header(name.endsWith("/") ? name : name + "/", '5', 0, 0755, "");
  }

  void symlink(String name, String target) throws IOException {
    header(name, '2', 0, 0, target);
  }

  void data(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    written += len;
  }

  /** Pads the data of the last file, of {@code size} bytes, to a whole block. */
  void pad(long size) throws IOException {
    int rest = (int) (size % BLOCK);
    if (rest != 0) {
      data(new byte[BLOCK - rest], 0, BLOCK - rest);
    }
  }

  void file(String name, byte[] bytes) throws IOException {
    fileHeader(name, bytes.length);
    data(bytes, 0, bytes.length);
    pad(bytes.length);
  }

  /** The two zero blocks that end an archive. */
  void finish() throws IOException {
    data(new byte[2 * BLOCK], 0, 2 * BLOCK);
    out.flush();
  }

  private void header(String name, char type, long size, int mode, String link) throws IOException {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    byte[] linkBytes = link.getBytes(StandardCharsets.UTF_8);
    if (nameBytes.length > 100 || linkBytes.length > 100) {
      StringBuilder pax = new StringBuilder();
      if (nameBytes.length > 100) {
        pax.append(record("path", name));
      }
      if (linkBytes.length > 100) {
        pax.append(record("linkpath", link));
      }
      byte[] paxBytes = pax.toString().getBytes(StandardCharsets.UTF_8);
      raw("PaxHeaders/" + truncate(name), 'x', paxBytes.length, 0644, "");
      data(paxBytes, 0, paxBytes.length);
      pad(paxBytes.length);
    }
    raw(name, type, size, mode, link);
  }

  private static String truncate(String name) {
    byte[] b = name.getBytes(StandardCharsets.UTF_8);
    return new String(b, 0, Math.min(b.length, 80), StandardCharsets.US_ASCII)
        .replaceAll("[^A-Za-z0-9._/-]", "_");
  }

  /** A pax record: its length counts itself. */
  private static String record(String key, String value) {
    int body =
        key.getBytes(StandardCharsets.UTF_8).length
            + value.getBytes(StandardCharsets.UTF_8).length
            + 3;
    int length = body + String.valueOf(body).length();
    if (String.valueOf(length).length() != String.valueOf(body).length()) {
      length++;
    }
    return length + " " + key + "=" + value + "\n";
  }

  private void raw(String name, char type, long size, int mode, String link) throws IOException {
    byte[] h = new byte[BLOCK];
    put(h, 0, 100, name);
    octal(h, 100, 8, mode);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    if (size < 077777777777L) {
      octal(h, 124, 12, size);
    } else {
      h[124] = (byte) 0x80;
      for (int i = 0; i < 8; i++) {
        h[135 - i] = (byte) (size >>> (8 * i));
      }
    }
    octal(h, 136, 12, 0);
    h[156] = (byte) type;
    put(h, 157, 100, link);
    put(h, 257, 6, "ustar\0");
    put(h, 263, 2, "00");
    Arrays.fill(h, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    String checksum = String.format("%06o", sum);
    put(h, 148, 6, checksum);
    h[154] = 0;
    h[155] = ' ';
    data(h, 0, BLOCK);
  }

  private static void put(byte[] h, int offset, int length, String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(b, 0, h, offset, Math.min(b.length, length));
  }

  private static void octal(byte[] h, int offset, int length, long value) {
    String s = Long.toOctalString(value);
    StringBuilder padded = new StringBuilder();
    for (int i = s.length(); i < length - 1; i++) {
      padded.append('0');
    }
    put(h, offset, length - 1, padded.append(s).toString());
    h[offset + length - 1] = 0;
  }
}
