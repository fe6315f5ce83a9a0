package dev.spyglass.cli.command;

/** Reports a command line that parses but makes no sense (e.g. {@code --raw} with two images). */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }

  UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
