package dev.spyglass.cli;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * Formats times as Go does: {@link #format} as {@code time.Time} marshals to JSON (RFC 3339 with
 * nanoseconds, trailing fractional zeros trimmed, {@code Z} for UTC; null is Go's zero time, as
 * skopeo prints it), {@link #string} as {@code time.Time.String()} prints in templates.
 */
public final class GoTime {
  static final String ZERO = "0001-01-01T00:00:00Z";

  private GoTime() {}

  public static String format(@Nullable OffsetDateTime t) {
    if (t == null) {
      return ZERO;
    }
    StringBuilder s = dateAndTime(t, 'T');
    int offset = t.getOffset().getTotalSeconds();
    if (offset == 0) {
      return s.append('Z').toString();
    }
    s.append(offset < 0 ? '-' : '+');
    pad(s, Math.abs(offset) / 3600, 2).append(':');
    return pad(s, Math.abs(offset) / 60 % 60, 2).toString();
  }

  /**
   * Go's {@code time.Time.String()}: {@code 2006-01-02 15:04:05.999999999 -0700 MST}. A zero offset
   * is named UTC; any other is a fixed zone without a name, which Go prints as the offset again (as
   * skopeo prints a time it parsed from a config, on a host whose zone is UTC).
   */
  public static String string(OffsetDateTime t) {
    StringBuilder s = dateAndTime(t, ' ');
    int minutes = t.getOffset().getTotalSeconds() / 60;
    StringBuilder zone = new StringBuilder(5).append(minutes < 0 ? '-' : '+');
    pad(zone, Math.abs(minutes) / 60, 2);
    pad(zone, Math.abs(minutes) % 60, 2);
    s.append(' ').append(zone).append(' ');
    return s.append(minutes == 0 ? "UTC" : zone).toString();
  }

  /** {@code 2006-01-02<separator>15:04:05} and the fraction of a second, trailing zeros trimmed. */
  private static StringBuilder dateAndTime(OffsetDateTime t, char separator) {
    StringBuilder s = new StringBuilder(40);
    pad(s, t.getYear(), 4).append('-');
    pad(s, t.getMonthValue(), 2).append('-');
    pad(s, t.getDayOfMonth(), 2).append(separator);
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
    return s;
  }

  private static StringBuilder pad(StringBuilder s, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      s.append('0');
    }
    return s.append(digits);
  }
}
