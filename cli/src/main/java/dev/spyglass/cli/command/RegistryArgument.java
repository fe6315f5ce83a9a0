package dev.spyglass.cli.command;

import dev.spyglass.api.Quote;
import dev.spyglass.api.RegistryNames;
import java.util.Locale;

/**
 * The {@code REGISTRY} argument of {@code login} and {@code logout}: {@code HOST[:PORT]}. A URL
 * ({@code https://registry.example/v1/}) stands for its host and port, as skopeo takes it; a name
 * with a path ({@code registry.example/org}) is refused, since credentials are kept per registry.
 */
final class RegistryArgument {
  private RegistryArgument() {}

  /**
   * @return the registry, {@code index.docker.io} folded into {@code docker.io}
   * @throws UsageException when the text is not a registry
   */
  static String parse(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    String hostPort = text;
    if (lower.startsWith("https://") || lower.startsWith("http://")) {
      String rest = text.substring(text.indexOf("://") + 3);
      int slash = rest.indexOf('/');
      hostPort = slash < 0 ? rest : rest.substring(0, slash);
    } else if (text.indexOf('/') >= 0) {
      throw new UsageException(
          "registry "
              + Quote.of(text)
              + " names a repository; credentials are kept per registry: give HOST[:PORT]");
    }
    try {
      return RegistryNames.parse(hostPort);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
