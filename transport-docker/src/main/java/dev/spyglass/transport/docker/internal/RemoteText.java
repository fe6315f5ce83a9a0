package dev.spyglass.transport.docker.internal;

/** Makes text that came from a server safe to put in a message: one line, printable, short. */
public final class RemoteText {
  /** The most characters of remote text a message quotes. */
  public static final int MAX_CHARS = 200;

  private static final char ESC = '\u001b';

  private RemoteText() {}

  /**
   * Replaces control characters (terminal escapes included) and runs of white space by one space,
   * trims, and cuts to {@link #MAX_CHARS} characters with {@code "..."}.
   */
  public static String clean(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS + 3));
    boolean space = false;
    for (int i = 0; i < text.length() && out.length() < MAX_CHARS; i++) {
      char c = text.charAt(i);
      if (c == ESC && i + 1 < text.length() && text.charAt(i + 1) == '[') {
        i = endOfControlSequence(text, i + 2); // a terminal control sequence: drop it whole
        space = out.length() > 0;
        continue;
      }
      if (Character.isWhitespace(c) || Character.isISOControl(c) || isInvisible(c)) {
        space = out.length() > 0;
        continue;
      }
      if (space) {
        out.append(' ');
        space = false;
      }
      out.append(c);
    }
    String result = out.toString();
    if (result.length() >= MAX_CHARS) {
      int end = MAX_CHARS;
      if (Character.isHighSurrogate(result.charAt(end - 1))) {
        end--;
      }
      return result.substring(0, end) + "...";
    }
    return result;
  }

  /**
   * The index of the final byte (0x40-0x7e) of a CSI sequence whose parameters start at {@code i}.
   */
  private static int endOfControlSequence(String text, int i) {
    while (i < text.length() && (text.charAt(i) < 0x40 || text.charAt(i) > 0x7e)) {
      i++;
    }
    return i;
  }

  private static boolean isInvisible(char c) {
    int type = Character.getType(c);
    return type == Character.FORMAT
        || type == Character.UNASSIGNED
        || type == Character.PRIVATE_USE
        || c == '\uFFFD';
  }
}
