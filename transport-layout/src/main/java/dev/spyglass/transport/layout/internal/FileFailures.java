package dev.spyglass.transport.layout.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The reason a file operation failed, worded to follow "failed: ": the JDK's message of some
 * exceptions is the path alone (a file in the way of a directory gives {@code /tmp/x}).
 */
public final class FileFailures {
  private FileFailures() {}

  public static String reason(IOException e) {
    if (e instanceof FileAlreadyExistsException f) {
      return "\"" + f.getFile() + "\" is not a directory";
    } else if (e instanceof NotDirectoryException f) {
      return "\"" + f.getFile() + "\" is not a directory";
    } else if (e instanceof NoSuchFileException f) {
      return "\"" + f.getFile() + "\" does not exist";
    } else if (e instanceof AccessDeniedException f) {
      return "permission denied on \"" + f.getFile() + "\"";
    } else if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason() + (f.getFile() == null ? "" : " (\"" + f.getFile() + "\")");
    }
    return String.valueOf(e.getMessage());
  }
}
