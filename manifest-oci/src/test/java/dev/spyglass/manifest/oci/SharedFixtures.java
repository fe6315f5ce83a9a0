package dev.spyglass.manifest.oci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared fixtures, read in place: {@code $SPYGLASS_SHARED/fixtures}, or {@code ../shared} next
 * to the reactor root. A missing folder fails the test (it never skips).
 */
final class SharedFixtures {
  private SharedFixtures() {}

  /** One row of {@code INDEX.tsv}. */
  record Row(String path, String mediaTypeSchema, String expectation, String notes) {
    boolean isSchema1() {
      return mediaTypeSchema.contains("schema1");
    }
  }

  static Path dir() {
    String env = System.getenv("SPYGLASS_SHARED");
    Path shared =
        env != null
            ? Path.of(env)
            : Path.of("").toAbsolutePath().getParent().resolveSibling("shared");
    Path fixtures = shared.resolve("fixtures");
    if (!Files.isRegularFile(fixtures.resolve("INDEX.tsv"))) {
      throw new IllegalStateException(
          "shared fixtures \""
              + fixtures
              + "\" are missing (set SPYGLASS_SHARED to the shared folder)");
    }
    return fixtures;
  }

  static byte[] read(String path) {
    try {
      return Files.readAllBytes(dir().resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Row> index() {
    try {
      List<String> lines = Files.readAllLines(dir().resolve("INDEX.tsv"), StandardCharsets.UTF_8);
      List<String> header = List.of(lines.get(0).split("\t", -1));
      int path = header.indexOf("path");
      int schema = header.indexOf("media_type_schema");
      int expectation = header.indexOf("source_test_expectation");
      int notes = header.indexOf("notes");
      List<Row> rows = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split("\t", -1);
        rows.add(new Row(cells[path], cells[schema], cells[expectation], cells[notes]));
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
