package dev.spyglass.cli.template;

import dev.spyglass.cli.command.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A small, strict subset of Go's {@code text/template}, run the way {@code skopeo inspect --format}
 * (1.9) runs it over {@link TemplateData}: {@code \n} and {@code \t} in the format become newline
 * and tab, and a newline is appended unless the format ends with one.
 *
 * <p>The subset: text; {@code {{.Field}}}, {@code {{.Labels.key}}} and {@code {{.}}}; string
 * ({@code "..."}, {@code `...`}) and decimal integer literals; {@code index} (one key) and {@code
 * len}; {@code if}/{@code else if}/{@code else}/{@code end}; {@code range}, with {@code $v :=} or
 * {@code $i, $v :=}, and {@code else}; comments; trim markers {@code {{- } and {@code -}}}. Values
 * print as Go prints them ({@link TemplateData#print}).
 *
 * <p>{@link #parse} rejects everything else (other functions, pipelines, parentheses, {@code $},
 * {@code with}, tabs, {@code table}) and checks every field, argument and range against the kinds
 * of the data, so a parsed template can fail only on data: an index out of range, or {@code len} of
 * a missing label. Failures are {@link UsageException}s naming the construct and its position.
 * Immutable and thread-safe.
 */
public final class GoTemplate {
  /** skopeo's {@code report.IsJSON}: these formats print the ordinary JSON. */
  private static final String SPACES = "[\\t\\n\\f\\r ]*";

  private static final Pattern JSON_FORMAT =
      Pattern.compile(SPACES + "(json|\\{\\{" + SPACES + "json *\\.?" + SPACES + "}})" + SPACES);

  sealed interface Node permits Text, Print, If, Range {}

  record Text(String text) implements Node {}

  record Print(Expr value) implements Node {}

  record If(Expr condition, List<Node> then, List<Node> otherwise) implements Node {}

  record Range(
      @Nullable String keyVariable,
      @Nullable String valueVariable,
      Expr over,
      List<Node> body,
      List<Node> otherwise)
      implements Node {}

  sealed interface Expr permits Ref, Literal, Call {}

  /** {@code .A.B} (variable null: dot) or {@code $v.A.B}. */
  record Ref(@Nullable String variable, List<String> path, int pos) implements Expr {}

  record Literal(Object value) implements Expr {}

  record Call(String function, List<Expr> args, int pos) implements Expr {}

  record Binding<T>(String name, T value) {}

  private final String text;
  private final List<Node> nodes;

  private GoTemplate(String text, List<Node> nodes) {
    this.text = text;
    this.nodes = nodes;
  }

  /** Whether skopeo prints its ordinary JSON for this format ({@code json}, {@code {{json .}}}). */
  public static boolean isJson(String format) {
    return JSON_FORMAT.matcher(format).matches();
  }

  /** Parses and checks {@code format}; throws {@link UsageException} outside the subset. */
  public static GoTemplate parse(String format) {
    String text = format.replace("\\t", "\t").replace("\\n", "\n");
    if (!text.endsWith("\n")) {
      text += "\n";
    }
    GoTemplateParser parser = new GoTemplateParser(text);
    if (format.startsWith("table ")) {
      throw parser.fail(0, "\"table\" templates (aligned columns) are not supported");
    }
    int tab = text.indexOf('\t');
    if (tab >= 0) {
      throw parser.fail(
          tab,
          "tab characters are not supported (skopeo aligns tab-separated output into columns)");
    }
    return new GoTemplate(text, parser.parseTemplate());
  }

  /**
   * Runs the template over one image. skopeo 1.9 drops a last line that does not end with a newline
   * (e.g. after {@code -}}}); Spyglass prints it, ended with one.
   */
  public String execute(TemplateData data) {
    StringBuilder out = new StringBuilder();
    run(nodes, data, new ArrayList<>(), out);
    if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
      out.append('\n');
    }
    return out.toString();
  }

  private void run(
      List<Node> list, @Nullable Object dot, List<Binding<Object>> vars, StringBuilder out) {
    for (Node node : list) {
      if (node instanceof Text t) {
        out.append(t.text());
      } else if (node instanceof Print p) {
        out.append(TemplateData.print(eval(p.value(), dot, vars)));
      } else if (node instanceof If i) {
        run(
            TemplateData.truth(eval(i.condition(), dot, vars)) ? i.then() : i.otherwise(),
            dot,
            vars,
            out);
      } else if (node instanceof Range r) {
        Object over = eval(r.over(), dot, vars);
        List<Object[]> items = new ArrayList<>(); // {key or index, value}
        if (over instanceof List<?> l) {
          for (int k = 0; k < l.size(); k++) {
            items.add(new Object[] {(long) k, l.get(k)});
          }
        } else if (over instanceof Map<?, ?> m) {
          m.forEach((k, v) -> items.add(new Object[] {k, v}));
        }
        if (items.isEmpty()) {
          run(r.otherwise(), dot, vars, out);
        }
        for (Object[] item : items) {
          int mark = vars.size();
          if (r.keyVariable() != null) {
            vars.add(new Binding<>(r.keyVariable(), item[0]));
          }
          if (r.valueVariable() != null) {
            vars.add(new Binding<>(r.valueVariable(), item[1]));
          }
          run(r.body(), item[1], vars, out);
          vars.subList(mark, vars.size()).clear();
        }
      }
    }
  }

  private @Nullable Object eval(Expr expr, @Nullable Object dot, List<Binding<Object>> vars) {
    if (expr instanceof Literal l) {
      return l.value();
    } else if (expr instanceof Ref ref) {
      Object value = ref.variable() == null ? dot : lookup(vars, ref.variable());
      for (String name : ref.path()) {
        value = value instanceof TemplateData d ? d.field(name) : ((Map<?, ?>) value).get(name);
      }
      return value;
    }
    Call call = (Call) expr;
    Object first = eval(call.args().get(0), dot, vars);
    if (call.function().equals("json")) {
      return TemplateData.json(first);
    } else if (first == null) {
      throw fail(text, call.pos(), "\"" + call.function() + "\" of a missing value");
    } else if (call.function().equals("len")) {
      return TemplateData.length(first);
    }
    Object key = eval(call.args().get(1), dot, vars);
    if (key == null) {
      throw fail(text, call.pos(), "\"index\" with a missing key");
    } else if (first instanceof Map<?, ?> map) {
      Object value = map.get(key);
      return value == null ? "" : value; // Go: the zero value of the map's element type
    }
    List<?> list = (List<?>) first;
    long i = (Long) key;
    if (i < 0 || i >= list.size()) {
      throw fail(
          text,
          call.pos(),
          "index " + i + " is out of range (the list has " + list.size() + " items)");
    }
    return list.get((int) i);
  }

  private static <T> T lookup(List<Binding<T>> vars, String name) {
    for (int i = vars.size() - 1; i >= 0; i--) {
      if (vars.get(i).name().equals(name)) {
        return vars.get(i).value();
      }
    }
    throw new IllegalStateException("variable " + name + " was checked at parse time");
  }

  static UsageException fail(String text, int pos, String problem) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < pos && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    int column = pos - lineStart + 1;
    String where =
        text.indexOf('\n') == text.length() - 1
            ? "column " + column
            : "line " + line + ", column " + column;
    return new UsageException("--format template at " + where + ": " + problem);
  }
}
