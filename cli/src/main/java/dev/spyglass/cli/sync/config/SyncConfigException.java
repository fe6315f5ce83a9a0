package dev.spyglass.cli.sync.config;

import org.jspecify.annotations.Nullable;

/**
 * Reports a sync source file that cannot be used, before any request: {@code FILE:LINE:COLUMN:
 * reason} on one line (just {@code FILE: reason} when no position applies), the key or value at
 * fault quoted, never a password. The CLI reports it as a usage error.
 */
public final class SyncConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final int column;
  private final String reason;

  SyncConfigException(String file, int line, int column, String reason, @Nullable Throwable cause) {
    super(
        line > 0 ? file + ":" + line + ":" + column + ": " + reason : file + ": " + reason, cause);
    this.file = file;
    this.line = line;
    this.column = column;
    this.reason = reason;
  }

  /** The file as named on the command line, escaped for a terminal. */
  public String file() {
    return file;
  }

  /** The line at fault, from 1; 0 when the fault has no position (an unreadable file). */
  public int line() {
    return line;
  }

  /** The column at fault, from 1 (in characters); 0 when {@link #line()} is 0. */
  public int column() {
    return column;
  }

  /** What is wrong, without the position. */
  public String reason() {
    return reason;
  }
}
