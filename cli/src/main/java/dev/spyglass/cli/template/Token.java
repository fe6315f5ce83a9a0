package dev.spyglass.cli.template;

import org.jspecify.annotations.Nullable;

/**
 * One token of an action, as {@link TemplateLexer} read it.
 *
 * @param type what it is
 * @param text the token as written in the template (a literal with its quotes)
 * @param value a literal's value ({@link String} or {@link Long}); null for other tokens
 * @param pos its offset in the template
 */
record Token(Token.Type type, String text, @Nullable Object value, int pos) {
  enum Type {
    /** {@code .} or {@code .A.B}. */
    FIELD,
    /** {@code $v} or {@code $v.A}. */
    VARIABLE,
    STRING,
    NUMBER,
    /** A function, keyword or constant name: {@code len}, {@code if}, {@code true}. */
    IDENTIFIER,
    /** {@code :=}. */
    DECLARE,
    COMMA
  }

  /** Whether this is the identifier {@code name}. */
  boolean is(String name) {
    return type == Type.IDENTIFIER && text.equals(name);
  }
}
