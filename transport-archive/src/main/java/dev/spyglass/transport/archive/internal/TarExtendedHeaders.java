package dev.spyglass.transport.archive.internal;

import dev.spyglass.api.InvalidManifestException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The extended headers that precede an entry: pax records ({@code path}, {@code linkpath}, {@code
 * size} are used) and GNU long names and link targets, each bounded in size. A malformed one is
 * refused with {@code what}, the archive's name in messages.
 */
final class TarExtendedHeaders {
  /** The largest extended header read. */
  static final int MAX_SIZE = 1024 * 1024;

  private TarExtendedHeaders() {}

  /** Refuses an extended header of {@code size} bytes before entry {@code name} when too large. */
  static void checkSize(String what, long size, String name) throws InvalidManifestException {
    if (size > MAX_SIZE) {
      throw TarArchive.refusal(
          what,
          "extended header before \""
              + name
              + "\" has "
              + size
              + " bytes, more than the limit of "
              + MAX_SIZE);
    }
  }

  /** The records of a pax header: {@code "LENGTH KEY=VALUE\n"} each. */
  static Map<String, String> parsePax(String what, byte[] data, String name)
      throws InvalidManifestException {
    Map<String, String> records = new HashMap<>();
    int i = 0;
    while (i < data.length) {
      int space = i;
      while (space < data.length && data[space] != ' ') {
        space++;
      }
      int length;
      try {
        length = Integer.parseInt(new String(data, i, space - i, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        throw TarArchive.refusal(
            what, "a pax header before \"" + name + "\" has a record without a length");
      }
      if (length <= space - i + 1 || i + length > data.length || data[i + length - 1] != '\n') {
        throw TarArchive.refusal(
            what, "a pax header before \"" + name + "\" has a record of bad length");
      }
      String record = new String(data, space + 1, i + length - space - 2, StandardCharsets.UTF_8);
      int equals = record.indexOf('=');
      if (equals <= 0) {
        throw TarArchive.refusal(
            what, "a pax header before \"" + name + "\" has a record without a key");
      }
      records.put(record.substring(0, equals), record.substring(equals + 1));
      i += length;
    }
    return records;
  }

  /** The {@code size} record of a pax header. */
  static long paxSize(String what, String text, String name) throws InvalidManifestException {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw TarArchive.refusal(what, "entry \"" + name + "\" has a pax size that is not a number");
    }
  }

  /** A GNU long name or link target: the data of its entry, trailing NULs removed. */
  static String gnuLongName(byte[] bytes) {
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] == 0) {
      end--;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }
}
