package dev.spyglass.api;

/**
 * Puts text that a registry, a file or the user controls into a message, inert: it cannot forge
 * message text, move the cursor, retitle or clear a terminal, or reorder what is printed after it.
 *
 * <p>One escaping rule for every message: in a quoted value, {@code "} and {@code \} get a
 * backslash; everywhere, control characters (C0, DEL, C1, so terminal escapes such as {@code ESC ]
 * 0 ; ... BEL}), format characters (bidi embeddings, overrides, isolates and marks, zero-width
 * characters), line and paragraph separators, lone surrogates and unassigned code points become
 * visible {@code \}{@code uXXXX} escapes (one per UTF-16 unit). Text longer than the bound is cut,
 * never inside a surrogate pair, and ends with {@code ...}.
 *
 * <p>Stateless and thread-safe.
 */
public final class Quote {
  /** The most characters of a value {@link #of} shows before it cuts. */
  public static final int MAX_CHARS = 140;

  /** The most characters of remote free text (a response body) {@link #excerpt} shows. */
  public static final int MAX_EXCERPT_CHARS = 200;

  private static final String CUT = "...";
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Quote() {}

  /**
   * Returns {@code value} in double quotes, escaped, cut after {@value #MAX_CHARS} characters: for
   * a name, a media type, a digest, a platform, a header value.
   */
  public static String of(String value) {
    StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_CHARS) + 8).append('"');
    escape(value, MAX_CHARS, true, out);
    return out.append('"').toString();
  }

  /**
   * Returns free text from a server or a program (an error body, a helper's output) for a message,
   * not quoted: runs of white space (line breaks included) fold into one space, the ends are
   * trimmed, the rest escaped as {@link #of} does (except {@code "} and {@code \}, which cannot end
   * a quote that is not there), cut after {@value #MAX_EXCERPT_CHARS} characters.
   */
  public static String excerpt(String text) {
    StringBuilder folded = new StringBuilder(Math.min(text.length(), MAX_EXCERPT_CHARS + 1));
    boolean space = false;
    for (int i = 0; i < text.length() && folded.length() <= MAX_EXCERPT_CHARS; i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000b') {
        space = folded.length() > 0;
        continue;
      }
      if (space) {
        folded.append(' ');
        space = false;
      }
      folded.append(c);
    }
    StringBuilder out = new StringBuilder(folded.length() + 8);
    escape(folded.toString(), MAX_EXCERPT_CHARS, false, out);
    return out.toString();
  }

  /**
   * Returns a whole message as one inert line, for a terminal: each line break becomes a space and
   * the rest is escaped as {@link #excerpt} does; nothing is cut.
   */
  public static String line(String message) {
    String joined = message.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ');
    StringBuilder out = new StringBuilder(joined.length() + 8);
    escape(joined, Integer.MAX_VALUE, false, out);
    return out.toString();
  }

  private static void escape(String value, int max, boolean quoted, StringBuilder out) {
    int end = value.length();
    if (end > max) {
      end = max;
      if (Character.isHighSurrogate(value.charAt(end - 1))
          && Character.isLowSurrogate(value.charAt(end))) {
        end--;
      }
    }
    for (int i = 0; i < end; ) {
      int cp = value.codePointAt(i);
      int units = Character.charCount(cp);
      if (quoted && (cp == '"' || cp == '\\')) {
        out.append('\\').append((char) cp);
      } else if (mustEscape(cp)) {
        for (int k = i; k < i + units; k++) {
          char c = value.charAt(k);
          out.append('\\').append('u');
          for (int shift = 12; shift >= 0; shift -= 4) {
            out.append(HEX[c >> shift & 0xf]);
          }
        }
      } else {
        out.append(value, i, i + units);
      }
      i += units;
    }
    if (end < value.length()) {
      out.append(CUT);
    }
  }

  private static boolean mustEscape(int cp) {
    if (cp < 0x20 || cp == 0x7f) {
      return true;
    }
    if (cp < 0x7f) {
      return false;
    }
    return switch (Character.getType(cp)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SURROGATE,
          Character.UNASSIGNED -> true;
      default -> false;
    };
  }
}
