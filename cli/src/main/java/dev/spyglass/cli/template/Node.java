package dev.spyglass.cli.template;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A node of a parsed template: {@link TemplateParser} builds them, {@link TemplateEvaluator} runs
 * them.
 */
sealed interface Node {
  /** Text copied as is. */
  record Text(String text) implements Node {}

  /** {@code {{value}}}: the value printed as Go prints it. */
  record Print(Expr value) implements Node {}

  /** {@code {{if}}}; an {@code {{else if}}} is an {@code If} alone in {@code otherwise}. */
  record If(Expr condition, List<Node> then, List<Node> otherwise) implements Node {
    public If {
      then = List.copyOf(then);
      otherwise = List.copyOf(otherwise);
    }
  }

  /**
   * {@code {{range}}}, with the variables it declares ({@code $i, $v :=}: key and value; {@code $v
   * :=}: value only), and the nodes of its {@code {{else}}}, run when there is nothing to iterate.
   */
  record Range(
      @Nullable String keyVariable,
      @Nullable String valueVariable,
      Expr over,
      List<Node> body,
      List<Node> otherwise)
      implements Node {
    public Range {
      body = List.copyOf(body);
      otherwise = List.copyOf(otherwise);
    }
  }
}
