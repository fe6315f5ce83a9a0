package dev.spyglass.transport.docker.internal;

import java.util.Objects;

/**
 * What a request is about, for messages: the registry (as the user named it), the repository, the
 * endpoint, the reference asked for (e.g. {@code localhost:5000/app:1.0}) and the HTTP method.
 */
public record RequestSubject(
    String registry, String repository, Endpoint endpoint, String reference, String method) {

  public RequestSubject {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(method, "method");
  }

  /** A {@code GET}. */
  public RequestSubject(String registry, String repository, Endpoint endpoint, String reference) {
    this(registry, repository, endpoint, reference, "GET");
  }

  /** The same subject for another method, e.g. {@code PUT}. */
  public RequestSubject withMethod(String method) {
    return new RequestSubject(registry, repository, endpoint, reference, method);
  }

  /** The request for messages: {@code GET manifest "localhost:5000/app:1.0"}. */
  public String describe() {
    return method + " " + endpoint.noun() + " \"" + reference + "\"";
  }

  /** The repository's full name: {@code localhost:5000/app}. */
  public String repositoryName() {
    return registry + "/" + repository;
  }
}
