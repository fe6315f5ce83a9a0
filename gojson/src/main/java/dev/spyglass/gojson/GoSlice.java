package dev.spyglass.gojson;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A Go slice: a backing array with a length, or nil. Kept explicitly because Go decodes a JSON
 * array over the existing backing array, so that a later duplicate member shows earlier elements
 * wherever it leaves them untouched (a {@code null} element, or an object element that sets fewer
 * fields). Mutable; confined to one decoding.
 */
public final class GoSlice {
  private @Nullable Object @Nullable [] backing;
  private int length;

  private GoSlice(@Nullable Object @Nullable [] backing) {
    this.backing = backing;
  }

  /** A nil slice. */
  static GoSlice nil() {
    return new GoSlice(null);
  }

  /** An empty, non-nil slice with no capacity. */
  static GoSlice empty() {
    return new GoSlice(new Object[0]);
  }

  public boolean isNil() {
    return backing == null;
  }

  public int length() {
    return length;
  }

  /**
   * The elements in use; empty for a nil slice. Null elements stand for the element type's zero.
   */
  public List<@Nullable Object> elements() {
    if (backing == null) {
      return List.of();
    }
    return Collections.unmodifiableList(new ArrayList<>(Arrays.asList(backing).subList(0, length)));
  }

  int capacity() {
    return backing == null ? 0 : backing.length;
  }

  /** Makes room for element {@code i} as {@code reflect} does in Go's {@code decodeState.array}. */
  void extendTo(int i) {
    if (i >= capacity()) {
      int newCapacity = Math.max(capacity() + capacity() / 2, 4);
      Object[] grown = new Object[newCapacity];
      if (backing != null) {
        System.arraycopy(backing, 0, grown, 0, length);
      }
      backing = grown;
    }
    if (i >= length) {
      length = i + 1;
    }
  }

  @Nullable Object get(int i) {
    return Objects.requireNonNull(backing)[i];
  }

  void set(int i, @Nullable Object value) {
    Objects.requireNonNull(backing)[i] = value;
  }

  void truncate(int newLength) {
    length = newLength;
  }
}
