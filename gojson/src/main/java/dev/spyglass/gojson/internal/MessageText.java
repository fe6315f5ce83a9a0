package dev.spyglass.gojson.internal;

/**
 * Quotes text from a document inside gojson's own error messages, as Go's {@code %q} does for the
 * characters a terminal would act on: cut, with control, format and separator characters escaped.
 * gojson depends on the JDK only, so it cannot use {@code dev.spyglass.api.Quote}, the helper every
 * other module uses; the escaping rule is the same.
 */
public final class MessageText {
  private static final int MAX = 140;

  private MessageText() {}

  /**
   * {@code "text"}, cut after {@value #MAX} characters, control and format characters as \\uXXXX.
   */
  public static String quote(String text) {
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
