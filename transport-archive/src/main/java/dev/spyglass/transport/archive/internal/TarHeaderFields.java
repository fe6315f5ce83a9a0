package dev.spyglass.transport.archive.internal;

import static dev.spyglass.transport.archive.internal.TarArchive.BLOCK;

import dev.spyglass.api.InvalidManifestException;
import java.nio.charset.StandardCharsets;

/**
 * The fields of one 512-byte ustar header: NUL-terminated strings, octal or GNU base-256 numbers,
 * the name with its POSIX prefix, and the checksum. A malformed field is refused with {@code what},
 * the archive's name in messages.
 */
final class TarHeaderFields {
  private TarHeaderFields() {}

  /** Refuses {@code header}, read at byte {@code at}, when its checksum does not match. */
  static void checkChecksum(String what, byte[] header, long at) throws InvalidManifestException {
    long expected = number(what, header, 148, 8, "checksum", "at byte " + at);
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      int b = i >= 148 && i < 156 ? ' ' : header[i];
      unsigned += b & 0xff;
      signed += b;
    }
    if (expected != unsigned && expected != signed) {
      throw TarArchive.refusal(
          what, "the header at byte " + at + " has a bad checksum (not a tar, or corrupt)");
    }
  }

  /** A numeric field: octal digits, or GNU base-256 when its first byte has the high bit set. */
  static long number(String what, byte[] header, int offset, int length, String field, String name)
      throws InvalidManifestException {
    if ((header[offset] & 0x80) != 0) { // GNU base-256
      if ((header[offset] & 0xff) != 0x80) {
        throw TarArchive.refusal(
            what, "entry \"" + name + "\" has a negative or oversized " + field);
      }
      long value = 0;
      for (int i = offset + 1; i < offset + length; i++) {
        if ((value >>> 55) != 0) {
          throw TarArchive.refusal(
              what, "entry \"" + name + "\" has a " + field + " too large to handle");
        }
        value = (value << 8) | (header[i] & 0xff);
      }
      return value;
    }
    int i = offset;
    int end = offset + length;
    while (i < end && (header[i] == ' ' || header[i] == 0)) {
      i++;
    }
    long value = 0;
    for (; i < end && header[i] != 0 && header[i] != ' '; i++) {
      int digit = header[i] - '0';
      if (digit < 0 || digit > 7) {
        throw TarArchive.refusal(
            what,
            "the header of "
                + nameOrPosition(name)
                + " has a "
                + field
                + " that is not an octal number");
      }
      value = value * 8 + digit;
    }
    return value;
  }

  private static String nameOrPosition(String name) {
    return name.startsWith("at byte") ? "the entry " + name : "\"" + name + "\"";
  }

  /** The name field, behind the ustar prefix when there is one. */
  static String ustarName(byte[] header) {
    String name = string(header, 0, 100);
    String magic = new String(header, 257, 6, StandardCharsets.US_ASCII);
    if (magic.equals("ustar\0")) { // POSIX: a prefix may hold the leading directories
      String prefix = string(header, 345, 155);
      if (!prefix.isEmpty()) {
        return prefix + "/" + name;
      }
    }
    return name;
  }

  /** A NUL-terminated (or full-width) UTF-8 string field. */
  static String string(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }

  static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** An entry type as shown in messages: the character, or {@code \xNN} when not printable. */
  static String printable(char c) {
    return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c);
  }
}
