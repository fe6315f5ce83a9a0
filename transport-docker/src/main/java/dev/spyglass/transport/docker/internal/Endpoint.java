package dev.spyglass.transport.docker.internal;

/** The registry endpoints this transport calls, with what a 404 from each means by default. */
public enum Endpoint {
  MANIFEST("manifest"),
  BLOB("blob"),
  TAGS("tags of");

  private final String noun;

  Endpoint(String noun) {
    this.noun = noun;
  }

  /** How requests to it are named in messages: {@code manifest}, {@code blob}, {@code tags of}. */
  public String noun() {
    return noun;
  }
}
