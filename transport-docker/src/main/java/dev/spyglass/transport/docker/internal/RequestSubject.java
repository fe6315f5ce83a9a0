package dev.spyglass.transport.docker.internal;

import java.util.Objects;

/**
 * What a request is about, for messages: the registry (as the user named it), the repository, the
 * endpoint and the reference asked for (e.g. {@code localhost:5000/app:1.0}).
 */
public record RequestSubject(
    String registry, String repository, Endpoint endpoint, String reference) {

  public RequestSubject {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(reference, "reference");
  }

  /** The request for messages: {@code GET manifest "localhost:5000/app:1.0"}. */
  public String describe() {
    return "GET " + endpoint.noun() + " \"" + reference + "\"";
  }

  /** The repository's full name: {@code localhost:5000/app}. */
  public String repositoryName() {
    return registry + "/" + repository;
  }
}
