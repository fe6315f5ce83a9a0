package dev.spyglass.cli;

/** Reports a command line that parses but makes no sense (e.g. {@code --raw} with two images). */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
