package dev.spyglass.transport.layout.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Creates directories, saying which file is in the way when one is. */
public final class Directories {
  private Directories() {}

  /**
   * Creates {@code dir} and its missing parents.
   *
   * @return the outermost directory created; empty when {@code dir} existed
   * @throws NotDirectoryException naming the nearest existing file on the way, when it is not a
   *     directory
   */
  public static Optional<Path> create(Path dir) throws IOException {
    Path absolute = dir.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      return Optional.empty();
    }
    Path outermost = absolute;
    while (outermost.getParent() != null && Files.notExists(outermost.getParent())) {
      outermost = outermost.getParent();
    }
    Path existing = outermost.getParent();
    if (Files.exists(outermost)) {
      existing = outermost;
    }
    if (existing != null && !Files.isDirectory(existing)) {
      throw new NotDirectoryException(existing.toString());
    }
    Files.createDirectories(absolute);
    return Optional.of(outermost);
  }

  /** Removes what is under {@code dir} (nothing when it is a file), and not {@code dir} itself. */
  public static void removeContents(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<Path> all;
    try (Stream<Path> walk = Files.walk(dir)) {
      all = walk.filter(p -> !p.equals(dir)).sorted(Comparator.reverseOrder()).toList();
    }
    for (Path p : all) {
      Files.deleteIfExists(p);
    }
  }
}
