package dev.spyglass.auth.internal;

import dev.spyglass.api.RegistryNames;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Compares registry names the way auth files and credential stores write them: {@code host}, {@code
 * host:port}, {@code https://host/v1/}, {@code http://host}; Docker Hub's names ({@link
 * RegistryNames#isDockerHub}) are one registry, {@link RegistryNames#DOCKER_HUB}.
 */
public final class RegistryHosts {
  private RegistryHosts() {}

  /**
   * Normalizes a registry the caller names ({@code host[:port]}, or a URL form): lowercase, no
   * scheme, no path, Docker Hub aliases folded.
   */
  public static String normalizeRegistry(String registry) {
    return normalizeKey(registry.strip(), true);
  }

  /**
   * Normalizes an auth file key. A scheme is stripped, and with it the path ({@code
   * https://host/v1/} is the registry {@code host}); a key without a scheme keeps its path ({@code
   * quay.io/org} names a namespace, not the registry), unless the file is in the legacy format,
   * whose keys are always registries.
   */
  public static String normalizeKey(String key, boolean legacyFormat) {
    String stripped = key;
    String lower = key.toLowerCase(Locale.ROOT);
    if (lower.startsWith("https://")) {
      stripped = key.substring("https://".length());
    } else if (lower.startsWith("http://")) {
      stripped = key.substring("http://".length());
    }
    if (legacyFormat || !stripped.equals(key)) {
      int slash = stripped.indexOf('/');
      if (slash >= 0) {
        stripped = stripped.substring(0, slash);
      }
    }
    stripped = stripped.toLowerCase(Locale.ROOT);
    return RegistryNames.isDockerHub(stripped) ? RegistryNames.DOCKER_HUB : stripped;
  }

  /**
   * Whether a request to {@code target} goes to {@code registry} ({@code host[:port]}): same host
   * (Docker Hub aliases are one host) and same port, a missing port meaning the scheme's default.
   */
  public static boolean sameServer(String registry, URI target) {
    String targetHost = target.getHost();
    String scheme = target.getScheme();
    if (targetHost == null || scheme == null) {
      return false;
    }
    URI reg;
    try {
      reg = new URI("//" + registry.strip());
    } catch (URISyntaxException e) {
      return false;
    }
    String regHost = reg.getHost();
    if (regHost == null) {
      return false;
    }
    if (!normalizeKey(regHost, true).equals(normalizeKey(targetHost, true))) {
      return false;
    }
    int defaultPort =
        scheme.equalsIgnoreCase("https") ? 443 : scheme.equalsIgnoreCase("http") ? 80 : -1;
    int regPort = reg.getPort();
    int targetPort = target.getPort() == -1 ? defaultPort : target.getPort();
    return regPort == -1 ? targetPort == defaultPort : regPort == targetPort;
  }
}
