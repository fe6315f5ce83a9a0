package dev.spyglass.cli;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * Formats times as Go's {@code time.Time} marshals to JSON (RFC 3339 with nanoseconds, trailing
 * fractional zeros trimmed, {@code Z} for UTC); null is Go's zero time, as skopeo prints it.
 */
final class GoTime {
  static final String ZERO = "0001-01-01T00:00:00Z";

  private GoTime() {}

  static String format(@Nullable OffsetDateTime t) {
    if (t == null) {
      return ZERO;
    }
    StringBuilder s = new StringBuilder(35);
    pad(s, t.getYear(), 4).append('-');
    pad(s, t.getMonthValue(), 2).append('-');
    pad(s, t.getDayOfMonth(), 2).append('T');
    pad(s, t.getHour(), 2).append(':');
    pad(s, t.getMinute(), 2).append(':');
    pad(s, t.getSecond(), 2);
    if (t.getNano() != 0) {
      StringBuilder nanos = pad(new StringBuilder(9), t.getNano(), 9);
      while (nanos.charAt(nanos.length() - 1) == '0') {
        nanos.setLength(nanos.length() - 1);
      }
      s.append('.').append(nanos);
    }
    int offset = t.getOffset().getTotalSeconds();
    if (offset == 0) {
      return s.append('Z').toString();
    }
    s.append(offset < 0 ? '-' : '+');
    pad(s, Math.abs(offset) / 3600, 2).append(':');
    return pad(s, Math.abs(offset) / 60 % 60, 2).toString();
  }

  private static StringBuilder pad(StringBuilder s, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      s.append('0');
    }
    return s.append(digits);
  }
}
