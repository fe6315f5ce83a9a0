package dev.spyglass.cli.template;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A small, strict subset of Go's {@code text/template}, run the way {@code skopeo inspect --format}
 * (1.9) runs it over {@link TemplateData}: {@code \n} and {@code \t} in the format become newline
 * and tab, and a newline is appended unless the format ends with one.
 *
 * <p>The subset: text; {@code {{.Field}}}, {@code {{.Labels.key}}} and {@code {{.}}}; string
 * ({@code "..."}, {@code `...`}) and decimal integer literals; {@code index} (one key), {@code
 * json} and {@code len}; {@code if}/{@code else if}/{@code else}/{@code end}; {@code range}, with
 * {@code $v :=} or {@code $i, $v :=}, and {@code else}; comments; trim markers {@code {{- } and
 * {@code -}}}. Values print as Go prints them ({@link TemplateData#print}).
 *
 * <p>{@link #parse} rejects everything else (other functions, pipelines, parentheses, {@code $},
 * {@code with}, tabs, {@code table}) and checks every field, argument and range against the kinds
 * of the data, so a parsed template can fail only on data: an index out of range, or {@code len} of
 * a missing label. Failures are {@link TemplateException}s naming the construct and its position.
 * Reading is {@link TemplateLexer}'s, building the tree {@link TemplateParser}'s, kinds {@link
 * TypeChecker}'s and running {@link TemplateEvaluator}'s. Immutable and thread-safe.
 */
public final class GoTemplate {
  /** skopeo's {@code report.IsJSON}: these formats print the ordinary JSON. */
  private static final String SPACES = "[\\t\\n\\f\\r ]*";

  private static final Pattern JSON_FORMAT =
      Pattern.compile(SPACES + "(json|\\{\\{" + SPACES + "json *\\.?" + SPACES + "}})" + SPACES);

  private final String source;
  private final List<Node> nodes;

  private GoTemplate(String source, List<Node> nodes) {
    this.source = source;
    this.nodes = List.copyOf(nodes);
  }

  /** Whether skopeo prints its ordinary JSON for this format ({@code json}, {@code {{json .}}}). */
  public static boolean isJson(String format) {
    return JSON_FORMAT.matcher(format).matches();
  }

  /** Parses and checks {@code format}; throws {@link TemplateException} outside the subset. */
  public static GoTemplate parse(String format) {
    String source = source(format);
    if (format.startsWith("table ")) {
      throw TemplateException.at(
          source, 0, "\"table\" templates (aligned columns) are not supported");
    }
    int tab = source.indexOf('\t');
    if (tab >= 0) {
      throw TemplateException.at(
          source,
          tab,
          "tab characters are not supported (skopeo aligns tab-separated output into columns)");
    }
    return new GoTemplate(source, TemplateParser.parse(source));
  }

  /** The template skopeo runs for {@code format}: escapes replaced, ended by a newline. */
  static String source(String format) {
    String text = format.replace("\\t", "\t").replace("\\n", "\n");
    return text.endsWith("\n") ? text : text + "\n";
  }

  /**
   * Runs the template over one image. skopeo 1.9 drops a last line that does not end with a newline
   * (e.g. after {@code -}}}); Spyglass prints it, ended with one. Throws {@link TemplateException}
   * when the data fails it.
   */
  public String execute(TemplateData data) {
    String out = TemplateEvaluator.run(source, nodes, data);
    return out.isEmpty() || out.endsWith("\n") ? out : out + "\n";
  }
}
