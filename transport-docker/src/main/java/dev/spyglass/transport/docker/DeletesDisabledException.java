package dev.spyglass.transport.docker;

import dev.spyglass.api.ImageException;

/**
 * Reports that a registry refuses to delete images at all (HTTP 405, or the registry error code
 * {@code UNSUPPORTED}), as distribution does unless its configuration enables deletes.
 */
public final class DeletesDisabledException extends ImageException {
  private static final long serialVersionUID = 1L;
  private final String registry;
  private final int status;
  private final String errorCode;

  /**
   * @param image the image whose deletion was refused, e.g. {@code localhost:5000/app:1.0}
   * @param registry the registry as the reference names it
   * @param status the HTTP status of the refusal
   * @param errorCode the registry's error code, or empty
   */
  public DeletesDisabledException(
      String image, String registry, int status, String errorCode, Throwable cause) {
    super(
        "cannot delete \""
            + image
            + "\": registry \""
            + registry
            + "\" does not allow deleting images (HTTP "
            + status
            + (errorCode.isEmpty() ? "" : " " + errorCode)
            + ")",
        cause);
    this.registry = registry;
    this.status = status;
    this.errorCode = errorCode;
  }

  /** The registry that refused, as references name it. */
  public String registry() {
    return registry;
  }

  /** The HTTP status of the refusal, usually 405. */
  public int status() {
    return status;
  }

  /**
   * The registry's error code: {@code UNSUPPORTED} when deletes are disabled; empty when the
   * registry refuses the method itself (distribution in read-only mode, a pull-through cache).
   */
  public String errorCode() {
    return errorCode;
  }
}
