package dev.spyglass.cli.template;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** An expression of a parsed template; {@link #pos} is where it starts, for messages. */
sealed interface Expr {
  int pos();

  /**
   * {@code .A.B} (variable null: the fields of dot), {@code .} (an empty path), or {@code $v.A.B}.
   */
  record Ref(@Nullable String variable, List<String> path, int pos) implements Expr {
    public Ref {
      path = List.copyOf(path);
    }

    /** The reference as written: {@code .}, {@code .A.B}, {@code $v}, {@code $v.A}. */
    String text() {
      String fields = path.isEmpty() ? "" : "." + String.join(".", path);
      return variable == null ? (fields.isEmpty() ? "." : fields) : variable + fields;
    }
  }

  /** A string ({@link String}) or decimal integer ({@link Long}) literal. */
  record Literal(Object value, int pos) implements Expr {}

  /** {@code index}, {@code json} or {@code len}, with its arguments. */
  record Call(String function, List<Expr> args, int pos) implements Expr {
    public Call {
      args = List.copyOf(args);
    }
  }
}
