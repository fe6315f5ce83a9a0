package dev.spyglass.transport.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What the archive contract tests do to archives behind the transports' backs, and check after. */
final class ArchiveFiles {
  private ArchiveFiles() {}

  /**
   * Rebuilds the tar {@code archive} with the data of the first of {@code names} it holds replaced
   * by {@code bytes}; every other entry is copied as it is, header and data.
   */
  static void replaceEntry(Path archive, List<String> names, byte[] bytes) throws Exception {
    byte[] tar = Files.readAllBytes(archive);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean replaced = false;
    int position = 0;
    while (position + 512 <= tar.length && !zeroBlock(tar, position)) {
      String name = text(tar, position, 100);
      long size = Long.parseLong(text(tar, position + 124, 12).trim(), 8);
      int length = 512 + (int) ((size + 511) / 512 * 512);
      if (!replaced && names.contains(name)) {
        out.writeBytes(new TarBuilder().file(name, bytes).buildUnterminated());
        replaced = true;
      } else {
        out.write(tar, position, length);
      }
      position += length;
    }
    assertTrue(replaced, "none of " + names + " is in \"" + archive + "\"");
    out.writeBytes(new byte[1024]);
    Files.write(archive, out.toByteArray());
  }

  /** The directory a reference's archive was to be written in holds nothing, temporary or not. */
  static void assertEmptyDirectory(Path directory) throws Exception {
    List<Path> left;
    try (Stream<Path> files = Files.list(directory)) {
      left = files.toList();
    }
    assertEquals(List.of(), left, "files left in \"" + directory + "\"");
  }

  private static boolean zeroBlock(byte[] tar, int position) {
    for (int i = position; i < position + 512; i++) {
      if (tar[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static String text(byte[] tar, int offset, int length) {
    int end = offset;
    while (end < offset + length && tar[end] != 0) {
      end++;
    }
    return new String(tar, offset, end - offset, StandardCharsets.UTF_8);
  }
}
