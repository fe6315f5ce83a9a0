package dev.spyglass.cli.template;

import java.util.List;

/** What {@link TemplateLexer#next} reads: text to copy, an action, or the end of the template. */
sealed interface Item {
  /** Text between actions, trim markers applied; never empty. */
  record Text(String text) implements Item {}

  /**
   * An action {@code {{...}}} (never a comment).
   *
   * @param pos the offset of its {@code {{}
   * @param tokens its tokens, in order; empty for {@code {{}}}
   */
  record Action(int pos, List<Token> tokens) implements Item {
    public Action {
      tokens = List.copyOf(tokens);
    }
  }

  /** The end of the template; every later call returns it again. */
  record End() implements Item {}
}
