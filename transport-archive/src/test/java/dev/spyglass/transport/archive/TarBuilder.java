package dev.spyglass.transport.archive;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds tar bytes by hand, hostile ones included: any name, type, link, size or checksum. */
public final class TarBuilder {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  public TarBuilder file(String name, byte[] content) {
    return entry(name, '0', content, "");
  }

  public TarBuilder file(String name, String content) {
    return file(name, content.getBytes(StandardCharsets.UTF_8));
  }

  public TarBuilder directory(String name) {
    return entry(name, '5', new byte[0], "");
  }

  public TarBuilder symlink(String name, String target) {
    return entry(name, '2', new byte[0], target);
  }

  public TarBuilder hardlink(String name, String target) {
    return entry(name, '1', new byte[0], target);
  }

  /** A pax extended header giving the next entry's path. */
  public TarBuilder paxPath(String path) {
    String body = " path=" + path + "\n";
    int length = body.length() + 1;
    while (String.valueOf(length).length() + body.length() != length) {
      length++;
    }
    return entry("PaxHeaders/x", 'x', (length + body).getBytes(StandardCharsets.UTF_8), "");
  }

  /** A GNU long-name header giving the next entry's name. */
  public TarBuilder gnuLongName(String name) {
    return entry("././@LongLink", 'L', (name + "\0").getBytes(StandardCharsets.UTF_8), "");
  }

  public TarBuilder entry(String name, char type, byte[] content, String link) {
    byte[] header = header(name, type, content.length, link);
    out.writeBytes(header);
    out.writeBytes(content);
    int rest = content.length % 512;
    if (rest != 0) {
      out.writeBytes(new byte[512 - rest]);
    }
    return this;
  }

  /** Appends raw bytes (a broken header, say). */
  public TarBuilder raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  /** The archive, ended by two zero blocks. */
  public byte[] build() {
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    copy.writeBytes(out.toByteArray());
    copy.writeBytes(new byte[1024]);
    return copy.toByteArray();
  }

  /** The archive without its end blocks. */
  public byte[] buildUnterminated() {
    return out.toByteArray();
  }

  public static byte[] header(String name, char type, long size, String link) {
    byte[] h = new byte[512];
    put(h, 0, name);
    put(h, 100, "0000644\0");
    put(h, 108, "0000000\0");
    put(h, 116, "0000000\0");
    put(h, 124, String.format("%011o\0", size));
    put(h, 136, "00000000000\0");
    h[156] = (byte) type;
    put(h, 157, link);
    put(h, 257, "ustar\0");
    put(h, 263, "00");
    Arrays.fill(h, 148, 156, (byte) ' ');
    int sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, String.format("%06o\0 ", sum));
    return h;
  }

  private static void put(byte[] h, int offset, String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(b, 0, h, offset, b.length);
  }
}
