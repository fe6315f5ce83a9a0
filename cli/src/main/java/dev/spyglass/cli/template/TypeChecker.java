package dev.spyglass.cli.template;

import dev.spyglass.cli.template.TemplateData.Kind;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Gives each expression of a template its {@link Kind} and refuses what the data cannot do: an
 * unknown field, a field of a string or a time, {@code len} of a time, {@code index} of a string or
 * with a key of the wrong kind, {@code range} over anything but a list or a map. It knows the kind
 * of dot and of each variable where the parser is: the image at the top, a string inside a {@code
 * range}. The parser calls it as it reads each expression; throws {@link TemplateException}.
 */
final class TypeChecker {
  private record Saved(Kind dot, int mark) {}

  private final String source;
  private final Scope<Kind> variables = new Scope<>();
  private final Deque<Saved> ranges = new ArrayDeque<>();
  private Kind dot = Kind.IMAGE;

  /** A checker for a template over one image; {@code source} is the template, for messages. */
  TypeChecker(String source) {
    this.source = source;
  }

  /** The kind of a literal or a reference ({@code .A.B}, {@code $v.A}). */
  Kind operand(Expr operand) {
    if (operand instanceof Expr.Literal literal) {
      return literal.value() instanceof Long ? Kind.INT : Kind.STRING;
    }
    Expr.Ref ref = (Expr.Ref) operand;
    Kind kind = dot;
    String shown = ".";
    String variable = ref.variable();
    if (variable != null) {
      kind =
          variables
              .lookup(variable)
              .orElseThrow(() -> fail(ref.pos(), "undefined variable \"" + variable + "\""));
      shown = variable;
    }
    for (String name : ref.path()) {
      kind = field(ref, kind, shown, name);
      shown = (shown.equals(".") ? "" : shown) + "." + name;
    }
    return kind;
  }

  private Kind field(Expr.Ref ref, Kind of, String shown, String name) {
    if (of == Kind.IMAGE) {
      Kind kind = TemplateData.FIELDS.get(name);
      if (kind == null) {
        throw fail(
            ref.pos(),
            "unknown field \"%s\" in \"%s\" (fields: %s)"
                .formatted(name, ref.text(), String.join(", ", TemplateData.FIELDS.keySet())));
      }
      return kind;
    } else if (of == Kind.MAP) {
      return Kind.STRING;
    }
    throw fail(
        ref.pos(),
        "\"%s\" is %s, which has no field \"%s\"%s"
            .formatted(
                shown,
                of.description,
                name,
                of == Kind.TIME || shown.equals(".Digest") ? " (methods are not supported)" : ""));
  }

  /** The kind of a call whose arguments (as many as the function takes) have kinds {@code args}. */
  Kind call(Expr.Call call, List<Kind> args) {
    Kind subject = args.get(0);
    if (call.function().equals("json")) {
      return Kind.STRING;
    } else if (call.function().equals("len")) {
      if (subject != Kind.STRING && subject != Kind.LIST && subject != Kind.MAP) {
        throw fail(call.args().get(0).pos(), "\"len\" can't measure " + subject.description);
      }
      return Kind.INT;
    }
    Kind key = args.get(1);
    if (subject == Kind.MAP && key != Kind.STRING || subject == Kind.LIST && key != Kind.INT) {
      throw fail(
          call.args().get(1).pos(),
          "\"index\" of %s needs %s key, not %s"
              .formatted(
                  subject.description,
                  subject == Kind.MAP ? "a string" : "an integer",
                  key.description));
    } else if (subject != Kind.MAP && subject != Kind.LIST) {
      throw fail(call.args().get(0).pos(), "\"index\" can't index " + subject.description);
    }
    return Kind.STRING;
  }

  /**
   * Enters the body of a {@code range} over {@code over}: dot is an item (a string), {@code key} an
   * index (of a list) or a key (of a map), {@code value} an item. Until {@link #exitRange}.
   */
  void enterRange(Expr over, Kind kind, @Nullable String key, @Nullable String value) {
    if (kind != Kind.LIST && kind != Kind.MAP) {
      throw fail(over.pos(), "range can't iterate over " + kind.description);
    }
    ranges.push(new Saved(dot, variables.mark()));
    dot = Kind.STRING;
    if (key != null) {
      variables.bind(key, kind == Kind.LIST ? Kind.INT : Kind.STRING);
    }
    if (value != null) {
      variables.bind(value, Kind.STRING);
    }
  }

  /** Leaves the innermost range body: dot and the variables are as before it. */
  void exitRange() {
    Saved saved = ranges.pop();
    dot = saved.dot();
    variables.dropTo(saved.mark());
  }

  private TemplateException fail(int at, String problem) {
    return TemplateException.at(source, at, problem);
  }
}
