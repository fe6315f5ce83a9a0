package dev.spyglass.cli.command;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared fixtures, read in place: {@code $SPYGLASS_SHARED/fixtures}, or {@code ../shared}
 * beside the reactor root. A missing folder fails the test.
 */
final class SharedFixtures {
  private SharedFixtures() {}

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

  /** The {@code path} column of INDEX.tsv: every fixture, relative to {@link #root()}. */
  static List<String> paths() {
    List<String> lines;
    try {
      lines = Files.readAllLines(root().resolve("INDEX.tsv"));
    } catch (IOException e) {
      throw new UncheckedIOException("INDEX.tsv cannot be read", e);
    }
    int column = List.of(lines.get(0).split("\t", -1)).indexOf("path");
    List<String> paths = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (!line.isBlank()) {
        paths.add(line.split("\t", -1)[column]);
      }
    }
    return paths;
  }
}
