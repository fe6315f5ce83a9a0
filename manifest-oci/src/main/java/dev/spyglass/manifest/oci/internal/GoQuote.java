package dev.spyglass.manifest.oci.internal;

/** Quotes untrusted text for an error message: truncated, with control characters escaped. */
public final class GoQuote {
  private static final int MAX = 140;

  private GoQuote() {}

  /**
   * {@code "text"}, cut after {@value #MAX} characters, control and format characters as \\uXXXX.
   */
  public static String forMessage(String text) {
    StringBuilder out = new StringBuilder("\"");
    int end = Math.min(text.length(), MAX);
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (Character.isISOControl(c)
          || Character.getType(c) == Character.FORMAT
          || Character.getType(c) == Character.LINE_SEPARATOR
          || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (text.length() > MAX) {
      out.append("...");
    }
    return out.append('"').toString();
  }
}
