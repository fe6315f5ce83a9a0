package dev.spyglass.transport.docker.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The cleanup policy of the {@link PartialBlobs} staging area: files (partial blobs and upload
 * records) older than {@link PartialBlobs#MAX_AGE} are removed, then the oldest until the rest
 * takes at most the cap; once per process. Thread safe.
 */
final class StagingCleanup {
  private final long maxTotal;
  private final Clock clock;
  private final System.Logger log;
  private final AtomicBoolean cleaned = new AtomicBoolean();

  StagingCleanup(long maxTotal, Clock clock, System.Logger log) {
    this.maxTotal = maxTotal;
    this.clock = clock;
    this.log = log;
  }

  /** Removes stale files, then the oldest ones over the cap; once per process. */
  void cleanOnce(Path directory) {
    if (cleaned.compareAndSet(false, true) && Files.isDirectory(directory)) {
      clean(directory);
    }
  }

  /**
   * Removes files older than {@link PartialBlobs#MAX_AGE}, then the oldest until the rest fits the
   * cap.
   */
  void clean(Path directory) {
    record Entry(Path path, Instant modified, long size) {}
    List<Entry> entries = new ArrayList<>();
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(
            directory, "*{" + PartialBlobs.SUFFIX + "," + PartialBlobs.UPLOAD_SUFFIX + "}")) {
      for (Path path : files) {
        try {
          BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
          if (attributes.isRegularFile()) {
            entries.add(
                new Entry(path, attributes.lastModifiedTime().toInstant(), attributes.size()));
          }
        } catch (IOException e) {
          // gone meanwhile
        }
      }
    } catch (IOException e) {
      log.log(Level.DEBUG, () -> "cleaning \"" + directory + "\" failed: " + e);
      return;
    }
    // A lambda of ours, not Comparator.comparing: the JDK links that one at run time, every start.
    entries.sort((a, b) -> a.modified().compareTo(b.modified()));
    Instant limit = clock.instant().minus(PartialBlobs.MAX_AGE);
    long total = entries.stream().mapToLong(Entry::size).sum();
    for (Entry entry : entries) {
      if (!entry.modified().isBefore(limit) && total <= maxTotal) {
        break;
      }
      try {
        Files.deleteIfExists(entry.path());
        total -= entry.size();
        log.log(Level.DEBUG, () -> "removed staged partial blob \"" + entry.path() + "\"");
      } catch (IOException e) {
        log.log(Level.DEBUG, () -> "removing \"" + entry.path() + "\" failed: " + e);
      }
    }
  }
}
