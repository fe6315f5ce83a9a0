package dev.spyglass.api;

/**
 * The names of registries, {@code HOST[:PORT]}, and the one table of Docker Hub's aliases: {@code
 * docker.io} is what references and credentials call it, {@code index.docker.io} its legacy name,
 * {@code registry-1.docker.io} the host its API is reached at, and {@code
 * https://index.docker.io/v1/} the key Docker stores its credentials under. Does no I/O.
 */
public final class RegistryNames {
  /** The name every Docker Hub alias stands for, in references and credential files. */
  public static final String DOCKER_HUB = "docker.io";

  /** The host Docker Hub's registry API is reached at. */
  public static final String DOCKER_HUB_API_HOST = "registry-1.docker.io";

  /** The server URL Docker stores Docker Hub credentials under (auth files, credential helpers). */
  public static final String DOCKER_HUB_SERVER_URL = "https://index.docker.io/v1/";

  /** Docker Hub's legacy name, still accepted in references: {@code index.docker.io/library/x}. */
  private static final String DOCKER_HUB_LEGACY = "index.docker.io";

  private RegistryNames() {}

  /**
   * Parses a registry name as references and auth files write it, {@code HOST[:PORT]} (a host
   * name, an IPv4 address or a bracketed IPv6 address), with no scheme and no path; {@code
   * index.docker.io} is returned as {@code docker.io}.
   *
   * @throws IllegalArgumentException {@code invalid registry "TEXT": REASON}
   */
  public static String parse(String text) {
    String reason = "";
    if (text.isEmpty()) {
      reason = "the name is empty";
    } else if (text.contains("://")) {
      reason = "a registry is named HOST[:PORT], without a scheme such as https://";
    } else if (text.indexOf('/') >= 0) {
      reason = "a registry is named HOST[:PORT], without a path or repository";
    } else {
      try {
        DockerName.checkDomain(text, text);
      } catch (InvalidReferenceException e) {
        reason = "not a host name with an optional port";
      }
    }
    if (!reason.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid registry " + Quote.of(text) + ": " + reason);
    }
    return foldLegacy(text);
  }

  /**
   * The host[:port] the API of {@code registry} (as a reference names it) is reached at: {@code
   * registry-1.docker.io} for {@code docker.io}, else the registry itself.
   */
  public static String apiHost(String registry) {
    return registry.equals(DOCKER_HUB) ? DOCKER_HUB_API_HOST : registry;
  }

  /**
   * Whether {@code host} (no scheme, no port; any case) is one of Docker Hub's names: {@code
   * docker.io}, {@code index.docker.io} or {@code registry-1.docker.io}.
   */
  public static boolean isDockerHub(String host) {
    return host.equalsIgnoreCase(DOCKER_HUB)
        || host.equalsIgnoreCase(DOCKER_HUB_LEGACY)
        || host.equalsIgnoreCase(DOCKER_HUB_API_HOST);
  }

  /**
   * The key credentials of {@code registry} (as {@link #parse} returns it) are stored under by
   * Docker's credential helpers: {@link #DOCKER_HUB_SERVER_URL} for Docker Hub, else the registry.
   */
  public static String credentialKey(String registry) {
    return registry.equals(DOCKER_HUB) ? DOCKER_HUB_SERVER_URL : registry;
  }

  /** {@code docker.io} for {@code index.docker.io}, as distribution folds it; else the name. */
  static String foldLegacy(String registry) {
    return registry.equals(DOCKER_HUB_LEGACY) ? DOCKER_HUB : registry;
  }
}
