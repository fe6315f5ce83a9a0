package dev.spyglass.manifest.schema1;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shared fixtures, read in place: {@code $SPYGLASS_SHARED/fixtures}, or {@code ../shared}
 * beside the reactor root. A missing folder fails the test.
 */
final class Fixtures {
  private Fixtures() {}

  static Path root() {
    String env = System.getenv("SPYGLASS_SHARED");
    List<Path> candidates = new ArrayList<>();
    if (env != null && !env.isBlank()) {
      candidates.add(Path.of(env));
    }
    Path here = Path.of("").toAbsolutePath();
    candidates.add(here.resolve("../shared").normalize());
    candidates.add(here.resolve("../../shared").normalize());
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate.resolve("fixtures/INDEX.tsv"))) {
        return candidate.resolve("fixtures");
      }
    }
    return fail("shared fixtures not found (set SPYGLASS_SHARED); looked in " + candidates);
  }

  static byte[] bytes(String path) {
    try {
      return Files.readAllBytes(root().resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException("fixture " + path + " cannot be read", e);
    }
  }

  /** The INDEX.tsv rows whose {@code expected_schema1_fixup} is not {@code n/a}. */
  static List<IndexRow> schema1Rows() {
    List<String> lines;
    try {
      lines = Files.readAllLines(root().resolve("INDEX.tsv"));
    } catch (IOException e) {
      throw new UncheckedIOException("INDEX.tsv cannot be read", e);
    }
    List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
    List<IndexRow> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split("\t", -1);
      IndexRow row =
          new IndexRow(
              cells[header.indexOf("path")],
              cells[header.indexOf("media_type_schema")],
              cells[header.indexOf("expected_schema1_fixup")],
              cells[header.indexOf("file_sha256")],
              cells[header.indexOf("notes")]);
      if (!row.fixup().equals("n/a")) {
        rows.add(row);
      }
    }
    return rows;
  }
}
