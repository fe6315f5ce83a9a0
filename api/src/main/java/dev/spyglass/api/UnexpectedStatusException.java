package dev.spyglass.api;

/** Reports an HTTP status a request did not expect, with the registry's error code when it sent one. */
public final class UnexpectedStatusException extends ImageException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String errorCode;

  /**
   * @param what the request, e.g. {@code "GET manifest \"app:1.0\""}
   * @param errorCode the registry's {@code errors[0].code}, or empty
   * @param detail a short, truncated excerpt of what the registry said, or empty
   */
  public UnexpectedStatusException(String what, int status, String errorCode, String detail) {
    super(
        what
            + " failed with HTTP "
            + status
            + (errorCode.isEmpty() ? "" : " " + errorCode)
            + (detail.isEmpty() ? "" : ": " + detail));
    this.status = status;
    this.errorCode = errorCode;
  }

  public int status() {
    return status;
  }

  /** The registry's error code (e.g. {@code TOOMANYREQUESTS}), or empty when it sent none. */
  public String errorCode() {
    return errorCode;
  }
}
