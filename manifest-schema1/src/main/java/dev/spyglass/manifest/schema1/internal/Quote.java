package dev.spyglass.manifest.schema1.internal;

/**
 * Puts a value from a manifest in double quotes for a message: cut to a readable length, with
 * quotes, backslashes and control characters escaped as in JSON so that it cannot forge message
 * text.
 */
public final class Quote {
  private static final int MAX = 140;

  private Quote() {}

  /** {@code "value"}, escaped, with values over 140 characters cut and ended by {@code ...}. */
  public static String of(String value) {
    String cut = value.length() <= MAX ? value : value.substring(0, MAX);
    StringBuilder out = new StringBuilder(cut.length() + 8).append('"');
    for (int i = 0; i < cut.length(); i++) {
      char c = cut.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append(cut.length() < value.length() ? "...\"" : "\"").toString();
  }
}
