package dev.spyglass.cli.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Runs a parsed template over one image's {@link TemplateData} as Go's {@code text/template}
 * executes: text as is, values printed as Go prints them ({@link TemplateData#print}: {@code [a
 * b]}, {@code map[k:v]}, {@code <no value>}), {@code if} by Go's truth, {@code range} over a list
 * in order and over a map in key order, its {@code else} when there is nothing to iterate. The
 * {@link TypeChecker} has checked every kind, so this fails only on data ({@link
 * TemplateException}): an index out of range, {@code len} or {@code index} of a missing value. One
 * instance per run.
 */
final class TemplateEvaluator {
  private final String source;
  private final Scope<Object> variables = new Scope<>();
  private final StringBuilder out = new StringBuilder();

  private TemplateEvaluator(String source) {
    this.source = source;
  }

  /** What {@code nodes}, parsed from {@code source}, print for {@code data}. */
  static String run(String source, List<Node> nodes, TemplateData data) {
    TemplateEvaluator evaluator = new TemplateEvaluator(source);
    evaluator.run(nodes, data);
    return evaluator.out.toString();
  }

  private void run(List<Node> nodes, @Nullable Object dot) {
    for (Node node : nodes) {
      if (node instanceof Node.Text text) {
        out.append(text.text());
      } else if (node instanceof Node.Print print) {
        out.append(TemplateData.print(eval(print.value(), dot)));
      } else if (node instanceof Node.If branch) {
        boolean truth = TemplateData.truth(eval(branch.condition(), dot));
        run(truth ? branch.then() : branch.otherwise(), dot);
      } else {
        range((Node.Range) node, dot);
      }
    }
  }

  private void range(Node.Range range, @Nullable Object dot) {
    Object over = eval(range.over(), dot);
    List<Map.Entry<Object, Object>> items = new ArrayList<>(); // index or key, and item
    if (over instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        items.add(Map.entry((long) i, list.get(i)));
      }
    } else if (over instanceof Map<?, ?> map) {
      map.forEach((k, v) -> items.add(Map.entry(k, v)));
    }
    if (items.isEmpty()) {
      run(range.otherwise(), dot);
    }
    for (Map.Entry<Object, Object> item : items) {
      int mark = variables.mark();
      if (range.keyVariable() != null) {
        variables.bind(range.keyVariable(), item.getKey());
      }
      if (range.valueVariable() != null) {
        variables.bind(range.valueVariable(), item.getValue());
      }
      run(range.body(), item.getValue());
      variables.dropTo(mark);
    }
  }

  private @Nullable Object eval(Expr expr, @Nullable Object dot) {
    if (expr instanceof Expr.Literal literal) {
      return literal.value();
    } else if (expr instanceof Expr.Ref ref) {
      return resolve(ref, dot);
    }
    Expr.Call call = (Expr.Call) expr;
    Object subject = eval(call.args().get(0), dot);
    if (call.function().equals("json")) {
      return TemplateData.json(subject);
    } else if (subject == null) {
      throw fail(call.pos(), "\"" + call.function() + "\" of a missing value");
    } else if (call.function().equals("len")) {
      return TemplateData.length(subject);
    }
    Object key = eval(call.args().get(1), dot);
    if (key == null) {
      throw fail(call.pos(), "\"index\" with a missing key");
    } else if (subject instanceof Map<?, ?> map) {
      Object value = map.get(key);
      return value == null ? "" : value; // Go: the zero value of the map's element type
    }
    List<?> list = (List<?>) subject;
    long i = (Long) key;
    if (i < 0 || i >= list.size()) {
      throw fail(
          call.pos(), "index " + i + " is out of range (the list has " + list.size() + " items)");
    }
    return list.get((int) i);
  }

  /** A field path from dot or a variable; a missing map key is Go's "no value" (null). */
  private @Nullable Object resolve(Expr.Ref ref, @Nullable Object dot) {
    String variable = ref.variable();
    Object value =
        variable == null
            ? dot
            : variables
                .lookup(variable)
                .orElseThrow(() -> new IllegalStateException(variable + " was checked"));
    for (String name : ref.path()) {
      value = value instanceof TemplateData d ? d.field(name) : ((Map<?, ?>) value).get(name);
    }
    return value;
  }

  private TemplateException fail(int at, String problem) {
    return TemplateException.at(source, at, problem);
  }
}
