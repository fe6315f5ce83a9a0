package dev.spyglass.transport.docker.internal;

import dev.spyglass.api.Digest;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * The store of upload records in the {@link PartialBlobs} staging area: one file per registry,
 * repository and blob digest, {@code upload-HEX.upload}, holding the newest URL of an upload
 * session, never one that may carry a credential. Thread safe.
 */
final class UploadRecords {
  private final Path dir;
  private final StagingCleanup cleanup;
  private final System.Logger log;

  UploadRecords(Path dir, StagingCleanup cleanup, System.Logger log) {
    this.dir = dir;
    this.cleanup = cleanup;
    this.log = log;
  }

  /**
   * The record of the upload of {@code digest} to {@code registry}'s {@code repository}, locked for
   * this caller (created empty when there was none); empty when the record is locked by another
   * upload, or on any I/O failure.
   */
  Optional<PartialBlobs.UploadRecord> claim(String registry, String repository, Digest digest) {
    Path record = file(registry, repository, digest);
    FileChannel channel = null;
    try {
      Files.createDirectories(record.getParent());
      cleanup.cleanOnce(record.getParent());
      channel =
          FileChannel.open(
              record, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        return Optional.empty();
      }
      return Optional.of(new PartialBlobs.UploadRecord(record, channel, digest, log));
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // nothing to do: no record for this upload
        }
      }
      log.log(Level.DEBUG, () -> "not recording the upload of blob \"" + digest + "\": " + e);
      return Optional.empty();
    }
  }

  private Path file(String registry, String repository, Digest digest) {
    Digest key =
        Digest.sha256(
            (registry + "/" + repository + "@" + digest).getBytes(StandardCharsets.UTF_8));
    return dir.resolve("upload-" + key.hex() + PartialBlobs.UPLOAD_SUFFIX);
  }

  /** Whether an upload URL may carry a credential, which is never written to disk. */
  static boolean mayCarryCredentials(String location) {
    HttpUrl url = HttpUrl.parse(location);
    if (url == null || !url.username().isEmpty() || !url.password().isEmpty()) {
      return true;
    }
    for (String name : url.queryParameterNames()) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.contains("token")
          || lower.contains("sig")
          || lower.contains("key")
          || lower.contains("cred")
          || lower.contains("auth")
          || lower.contains("password")
          || lower.startsWith("x-amz-")
          || lower.startsWith("x-goog-")) {
        return true;
      }
    }
    return false;
  }
}
