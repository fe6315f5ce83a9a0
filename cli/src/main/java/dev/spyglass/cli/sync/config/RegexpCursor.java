package dev.spyglass.cli.sync.config;

import dev.spyglass.api.Quote;

/** A Go regular expression being read: its text and the position reached, moved by the readers. */
final class RegexpCursor {
  final String expr;
  int pos;

  RegexpCursor(String expr) {
    this.expr = expr;
  }

  /** Go's error {@code code} with the offending {@code part} quoted (none when empty). */
  static IllegalArgumentException error(String code, String part) {
    return new IllegalArgumentException(part.isEmpty() ? code : code + ": " + Quote.of(part));
  }
}
