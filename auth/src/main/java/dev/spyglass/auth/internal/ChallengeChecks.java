package dev.spyglass.auth.internal;

import dev.spyglass.api.ImageException;
import dev.spyglass.api.Quote;
import dev.spyglass.auth.Challenge;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The challenges a registry sends, picked and checked: the realm and scopes of Bearer. */
public final class ChallengeChecks {
  private ChallengeChecks() {}

  /** The first challenge of {@code scheme} (lower case), if any. */
  public static Optional<Challenge> first(Collection<Challenge> challenges, String scheme) {
    return challenges.stream().filter(c -> c.scheme().equals(scheme)).findFirst();
  }

  /**
   * The realm of a Bearer {@code challenge} from {@code registry}: an http or https URL without
   * user information.
   *
   * @throws ImageException when it is missing or not such a URL
   */
  public static URI realm(Challenge challenge, String registry) throws ImageException {
    String realm =
        challenge
            .param("realm")
            .orElseThrow(
                () ->
                    new ImageException(
                        "Bearer challenge of registry \"" + registry + "\" names no realm"));
    URI uri;
    try {
      uri = new URI(realm);
    } catch (URISyntaxException e) {
      throw new ImageException(
          "Bearer realm " + Quote.of(realm) + " of registry \"" + registry + "\" is not a URL");
    }
    String s = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(s.equals("https") || s.equals("http")) || uri.getHost() == null) {
      throw new ImageException(
          "Bearer realm "
              + Quote.of(realm)
              + " of registry \""
              + registry
              + "\" is not an http or https URL");
    }
    if (uri.getRawUserInfo() != null) {
      throw new ImageException(
          "Bearer realm of registry \"" + registry + "\" carries user information in its URL");
    }
    return uri;
  }

  /** The scopes of a {@code scope} parameter: separated by spaces or tabs, sorted. */
  public static Set<String> scopes(String scope) {
    Set<String> out = new TreeSet<>();
    for (String s : scope.split("[ \t]+")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }
}
