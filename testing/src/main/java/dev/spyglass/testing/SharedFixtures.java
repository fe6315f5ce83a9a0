package dev.spyglass.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the project's shared fixtures, read in place, never copied: {@code
 * $SPYGLASS_SHARED/fixtures} (the reactor's surefire sets it), else {@code ../shared/fixtures}
 * from the module folder or from the project root. When none holds {@code INDEX.tsv} the test
 * fails, naming where it looked: it never skips.
 */
public final class SharedFixtures {
  private SharedFixtures() {}

  /**
   * One row of {@code INDEX.tsv}, by column name ({@code path}, {@code media_type_schema}, {@code
   * source_test_expectation}, {@code expected_schema1_fixup}, {@code file_sha256}, {@code notes},
   * ...).
   */
  public record Row(Map<String, String> cells) {
    public Row {
      cells = Map.copyOf(cells);
    }

    /**
     * The cell of {@code column}.
     *
     * @throws IllegalArgumentException when INDEX.tsv has no such column
     */
    public String get(String column) {
      String cell = cells.get(column);
      if (cell == null) {
        throw new IllegalArgumentException(
            "INDEX.tsv has no column \"" + column + "\"; it has " + cells.keySet());
      }
      return cell;
    }

    /** The fixture's path, relative to {@link #dir()}. */
    public String path() {
      return get("path");
    }
  }

  /** The fixtures folder, holding {@code INDEX.tsv}; fails the test when it is missing. */
  public static Path dir() {
    List<Path> candidates = new ArrayList<>();
    String env = System.getenv("SPYGLASS_SHARED");
    if (env != null && !env.isBlank()) {
      candidates.add(Path.of(env).toAbsolutePath().normalize());
    }
    Path here = Path.of("").toAbsolutePath();
    candidates.add(here.resolve("../shared").normalize());
    candidates.add(here.resolve("../../shared").normalize());
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate.resolve("fixtures/INDEX.tsv"))) {
        return candidate.resolve("fixtures");
      }
    }
    return fail(
        "shared fixtures not found: no fixtures/INDEX.tsv in "
            + candidates
            + " (set SPYGLASS_SHARED to the shared folder)");
  }

  /** The bytes of the fixture at {@code path}, relative to {@link #dir()}. */
  public static byte[] read(String path) {
    Path file = dir().resolve(path);
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("fixture \"" + file + "\" cannot be read", e);
    }
  }

  /** Every row of {@code INDEX.tsv}, in file order. */
  public static List<Row> index() {
    Path file = dir().resolve("INDEX.tsv");
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("\"" + file + "\" cannot be read", e);
    }
    String[] header = lines.get(0).split("\t", -1);
    List<Row> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split("\t", -1);
      if (cells.length != header.length) {
        throw new IllegalStateException(
            "\"" + file + "\": a row has " + cells.length + " cells, the header " + header.length);
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], cells[i]);
      }
      rows.add(new Row(row));
    }
    return rows;
  }

  /** The {@code path} of every row. */
  public static List<String> paths() {
    return index().stream().map(Row::path).toList();
  }
}
