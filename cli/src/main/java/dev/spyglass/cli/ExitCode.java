package dev.spyglass.cli;

/** The exit codes of {@code spyglass}, one per kind of failure, so that scripts can tell them apart. */
public final class ExitCode {
  public static final int OK = 0;
  /** A failure not covered below (an unexpected registry answer, an I/O error). */
  public static final int FAILURE = 1;
  /** Bad command line: unknown flag, invalid image name, unknown transport. */
  public static final int USAGE = 2;
  /** The image, tag, repository or blob does not exist. */
  public static final int NOT_FOUND = 3;
  /** The registry wants credentials, or refused the ones given. */
  public static final int AUTHENTICATION = 4;
  /** The registry's TLS certificate could not be verified, or the handshake failed. */
  public static final int TLS = 5;
  /** The registry could not be reached. */
  public static final int UNREACHABLE = 6;
  /** A manifest or config is invalid, or content does not match its digest or size. */
  public static final int INVALID_CONTENT = 7;

  private ExitCode() {}
}
