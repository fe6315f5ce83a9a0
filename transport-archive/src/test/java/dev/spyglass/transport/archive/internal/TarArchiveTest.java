package dev.spyglass.transport.archive.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.transport.archive.TarBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TarArchiveTest {
  @TempDir Path dir;

  private Path write(byte[] bytes) throws IOException {
    return Files.write(dir.resolve("a.tar"), bytes);
  }

  private static String text(TarArchive archive, String name) throws Exception {
    try (InputStream in = archive.open(archive.require(name))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void readsEntriesByOffsetWithPaxAndGnuLongNames() throws Exception {
    String longName = "d/" + "x".repeat(150) + ".txt";
    String otherLong = "e/" + "y".repeat(120);
    byte[] big = new byte[70_000];
    Arrays.fill(big, (byte) 'b');
    byte[] tar =
        new TarBuilder()
            .directory("./d/")
            .file("./d/one.txt", "one")
            .file("big.bin", big)
            .paxPath(longName)
            .file("ignored", "pax")
            .gnuLongName(otherLong)
            .file("ignored2", "gnu")
            .build();
    try (TarArchive archive = TarArchive.open(write(tar), "archive \"a.tar\"")) {
      assertEquals(List.of("d", "d/one.txt", "big.bin", longName, otherLong), archive.names());
      assertEquals("one", text(archive, "d/one.txt"));
      assertEquals("pax", text(archive, longName));
      assertEquals("gnu", text(archive, otherLong));
      assertArrayEquals(big, archive.read("big.bin", 100_000));
      assertTrue(archive.find("missing").isEmpty());
    }
  }

  @Test
  void followsLinksThatStayInside() throws Exception {
    byte[] tar =
        new TarBuilder()
            .file("blob.tar", "data")
            .symlink("id/layer.tar", "../blob.tar")
            .hardlink("hard.tar", "blob.tar")
            .build();
    try (TarArchive archive = TarArchive.open(write(tar), "archive")) {
      assertEquals("data", text(archive, "id/layer.tar"));
      assertEquals("data", text(archive, "hard.tar"));
    }
  }

  @Test
  void readsAGzipCompressedArchiveThroughATemporaryCopyRemovedOnClose() throws Exception {
    byte[] tar = new TarBuilder().file("f", "gz").build();
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(tar);
    }
    TarArchive archive = TarArchive.openMaybeCompressed(write(gz.toByteArray()), "archive");
    Path copy = archive.file();
    assertEquals("gz", text(archive, "f"));
    archive.close();
    assertFalse(Files.exists(copy), "temporary copy removed");
  }

  @Test
  void refusesADecompressionBomb() throws Exception {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    byte[] zeros = new byte[1024 * 1024];
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      for (int i = 0; i < 80; i++) { // 80 MiB of zeros: about 80 KiB compressed
        out.write(zeros);
      }
    }
    InvalidManifestException e =
        assertThrows(
            InvalidManifestException.class,
            () ->
                TarArchive.openMaybeCompressed(write(gz.toByteArray()), "archive \"bomb.tar.gz\""));
    assertEquals(
        "archive \"bomb.tar.gz\" is refused: it expands to more than 67108864 bytes, 100 times its"
            + " compressed size (a decompression bomb?)",
        e.getMessage());
  }

  @Test
  void refusesOtherCompressions() throws Exception {
    byte[] xz = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 0, 0};
    InvalidManifestException e =
        assertThrows(
            InvalidManifestException.class,
            () -> TarArchive.openMaybeCompressed(write(xz), "archive"));
    assertEquals(
        "archive is xz-compressed; only plain and gzip-compressed archives are read (decompress it"
            + " first)",
        e.getMessage());
  }

  static Stream<Arguments> hostileArchives() {
    byte[] badChecksum = TarBuilder.header("f", '0', 0, "");
    badChecksum[0] = 'g';
    byte[] twoFiles = new TarBuilder().file("f", "1").file("./f", "2").build();
    byte[] truncated = new TarBuilder().file("f", new byte[2000]).buildUnterminated();
    return Stream.of(
        Arguments.of(
            "parent segment",
            new TarBuilder().file("a/../../etc/passwd", "x").build(),
            "entry \"a/../../etc/passwd\" contains \"..\", which may leave the archive"),
        Arguments.of(
            "absolute name",
            new TarBuilder().file("/etc/passwd", "x").build(),
            "entry \"/etc/passwd\" is an absolute path, which leaves the archive"),
        Arguments.of(
            "pax name with ..",
            new TarBuilder().paxPath("../x").file("x", "x").build(),
            "entry \"../x\" contains \"..\", which may leave the archive"),
        Arguments.of(
            "symlink outside",
            new TarBuilder().symlink("a/l", "../../secret").build(),
            "symbolic link \"a/l\" points to \"../../secret\", outside the archive"),
        Arguments.of(
            "absolute symlink",
            new TarBuilder().symlink("l", "/etc/shadow").build(),
            "symbolic link \"l\" points to the absolute path \"/etc/shadow\", outside the archive"),
        Arguments.of(
            "hard link outside",
            new TarBuilder().hardlink("h", "../x").build(),
            "hard link \"h\" target contains \"..\", which may leave the archive"),
        Arguments.of(
            "link loop",
            new TarBuilder().symlink("a", "b").symlink("b", "a").build(),
            "link \"a\" is part of a loop or a chain of more than 16 links"),
        Arguments.of(
            "character device",
            new TarBuilder().entry("dev/null", '3', new byte[0], "").build(),
            "entry \"dev/null\" is a character device; only files, directories and links are"
                + " allowed"),
        Arguments.of(
            "block device",
            new TarBuilder().entry("dev/sda", '4', new byte[0], "").build(),
            "entry \"dev/sda\" is a block device; only files, directories and links are allowed"),
        Arguments.of(
            "fifo",
            new TarBuilder().entry("p", '6', new byte[0], "").build(),
            "entry \"p\" is a FIFO; only files, directories and links are allowed"),
        Arguments.of(
            "bad checksum",
            new TarBuilder().raw(badChecksum).build(),
            "the header at byte 0 has a bad checksum (not a tar, or corrupt)"),
        Arguments.of("duplicate", twoFiles, "\"f\" appears twice; refused as ambiguous"),
        Arguments.of(
            "truncated data",
            Arrays.copyOf(truncated, 1024),
            "entry \"f\" needs 2000 bytes but the archive ends after 512 (truncated)"),
        Arguments.of(
            "no end blocks",
            new TarBuilder().file("f", "x").buildUnterminated(),
            "it ends without the end-of-archive blocks (truncated?)"),
        Arguments.of(
            "cut header",
            Arrays.copyOf(new TarBuilder().file("f", "x").build(), 1024 + 100),
            "it ends inside the header at byte 1024 (truncated)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileArchives")
  void refusesHostileArchivesWithOneClearLine(String rule, byte[] tar, String message)
      throws Exception {
    Path file = write(tar);
    InvalidManifestException e =
        assertThrows(InvalidManifestException.class, () -> TarArchive.open(file, "archive"));
    assertEquals(TarArchive.RULE, e.rule());
    assertEquals("archive is refused: " + message, e.getMessage());
  }
}
