package dev.spyglass.transport.docker.internal;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from header values and URLs before they are logged or put in a message: {@code
 * Authorization} values, cookies, unknown {@code WWW-Authenticate} parameters, upload {@code
 * _state} and signed-URL query values, and user info in URLs.
 */
public final class Redaction {
  public static final String REDACTED = "<redacted>";

  private static final Set<String> SECRET_HEADERS =
      Set.of("authorization", "proxy-authorization", "cookie", "set-cookie", "x-registry-auth");
  private static final Set<String> CHALLENGE_HEADERS =
      Set.of("www-authenticate", "proxy-authenticate");
  private static final Set<String> CHALLENGE_PARAMS =
      Set.of("realm", "service", "scope", "error", "error_description", "charset");

  private static final Pattern SECRET_QUERY =
      Pattern.compile(
          "([?&;](?:_state|access_token|refresh_token|id_token|token|password|passwd|secret|sig"
              + "|signature|x-amz-signature|x-amz-credential|x-amz-security-token"
              + "|x-goog-signature|x-goog-credential|x-ms-signature)=)[^&#\\s\"'<>]*+",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern USER_INFO = Pattern.compile("(?i)\\b(https?://)[^/@\\s\"'<>]++@");

  /** A scheme followed by a token68 credential, alone in its challenge. */
  private static final Pattern TOKEN68 =
      Pattern.compile(
          "(^|,)(\\s*+[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*+)\\s++[A-Za-z0-9._~+/-]++=*+\\s*+(?=,|$)");

  private static final Pattern CHALLENGE_PARAM =
      Pattern.compile("([A-Za-z0-9_.-]++)\\s*=\\s*(\"(?:[^\"\\\\]|\\\\.)*+\"|[^,\\s]*+)");

  private Redaction() {}

  /** The value of header {@code name} as it may be logged. */
  public static String header(String name, String value) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (SECRET_HEADERS.contains(lower)) {
      int space = value.indexOf(' ');
      return lower.endsWith("authorization") && space > 0
          ? value.substring(0, space) + " " + REDACTED
          : REDACTED;
    }
    if (CHALLENGE_HEADERS.contains(lower)) {
      return challenge(value);
    }
    return text(value);
  }

  /** {@code text} with secret query values and URL user info replaced. */
  public static String text(String text) {
    String result =
        SECRET_QUERY.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(REDACTED));
    return USER_INFO.matcher(result).replaceAll("$1" + Matcher.quoteReplacement(REDACTED) + "@");
  }

  /**
   * A challenge with the values of parameters other than realm, service, scope and error hidden.
   */
  static String challenge(String value) {
    String tokensHidden =
        TOKEN68.matcher(value).replaceAll("$1$2 " + Matcher.quoteReplacement(REDACTED));
    StringBuilder out = new StringBuilder();
    Matcher m = CHALLENGE_PARAM.matcher(tokensHidden);
    int last = 0;
    while (m.find()) {
      out.append(tokensHidden, last, m.start());
      String param = m.group(1).toLowerCase(Locale.ROOT);
      out.append(m.group(1)).append('=');
      out.append(CHALLENGE_PARAMS.contains(param) ? text(m.group(2)) : REDACTED);
      last = m.end();
    }
    return out.append(tokensHidden.substring(last)).toString();
  }
}
