package dev.spyglass.gojson;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reports JSON that Go's {@code encoding/json} would refuse, with Go's reason as the message.
 *
 * <p>A syntax error knows its {@link #offset}; a decoding error knows the {@link #path} to the
 * value it refused and that value ({@link #found}), so that a caller can word its own message.
 */
public final class GoJsonException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int offset;
  private final List<String> path;
  private final transient @Nullable GoValue found;

  /** An error without position. */
  public GoJsonException(String message) {
    this(message, -1, List.of(), null);
  }

  /**
   * An error with its position: {@code offset} for a syntax error ({@code -1} at the end of the
   * input or when unknown), {@code path} and {@code found} for a value Go would not decode.
   */
  public GoJsonException(String message, int offset, List<String> path, @Nullable GoValue found) {
    super(message);
    this.offset = offset;
    this.path = List.copyOf(path);
    this.found = found;
  }

  /**
   * The byte offset of the character where the text stops being JSON; {@code -1} when the text ends
   * too early or the error is not a syntax error.
   */
  public int offset() {
    return offset;
  }

  /**
   * Where the refused value is, from the decoded value down: struct field names, map keys and array
   * indexes (in decimal); empty for the value itself or for a syntax error.
   */
  public List<String> path() {
    return path;
  }

  /** The value Go refused to decode; empty for a syntax error. */
  public Optional<GoValue> found() {
    return Optional.ofNullable(found);
  }
}
