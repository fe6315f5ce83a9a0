package dev.spyglass.transport.docker.internal;

/** The registry endpoints this transport calls, with what a 404 from each means by default. */
public enum Endpoint {
  MANIFEST("manifest"),
  BLOB("blob"),
  /** {@code /v2/NAME/blobs/uploads/...}: starting, sending, finishing or cancelling an upload. */
  BLOB_UPLOAD("blob upload"),
  TAGS("tags of"),
  /** {@code GET /v2/}: the API version check, which logins use to test credentials. */
  API_ROOT("registry API");

  private final String noun;

  Endpoint(String noun) {
    this.noun = noun;
  }

  /**
   * How requests to it are named in messages: {@code manifest}, {@code blob}, {@code tags of},
   * {@code registry API}.
   */
  public String noun() {
    return noun;
  }
}
