package dev.spyglass.cli.template;

/**
 * Reports a {@code --format} template outside the subset {@link GoTemplate} runs, or one that
 * failed on an image's data. The message names the construct and where it is: {@code column 3}, or
 * {@code line 2, column 1} in a template of several lines.
 */
public final class TemplateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private TemplateException(String message) {
    super(message);
  }

  /**
   * A problem at offset {@code pos} of {@code source}, the template as it runs ({@code \n} already
   * a newline, ended by one: a single line is one whose only newline is its last character).
   */
  static TemplateException at(String source, int pos, String problem) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < pos && i < source.length(); i++) {
      if (source.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    int column = pos - lineStart + 1;
    int newline = source.indexOf('\n');
    String where =
        newline < 0 || newline == source.length() - 1
            ? "column " + column
            : "line " + line + ", column " + column;
    return new TemplateException("--format template at " + where + ": " + problem);
  }
}
