package dev.spyglass.cli;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
    StringBuilder s = new StringBuilder();
    s.append(String.format("%04d-%02d-%02dT%02d:%02d:%02d",
        t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond()));
    if (t.getNano() != 0) {
      String nanos = String.format("%09d", t.getNano()).replaceAll("0+$", "");
      s.append('.').append(nanos);
    }
    ZoneOffset offset = t.getOffset();
    if (offset.getTotalSeconds() == 0) {
      s.append('Z');
    } else {
      int total = offset.getTotalSeconds();
      s.append(total < 0 ? '-' : '+');
      total = Math.abs(total);
      s.append(String.format("%02d:%02d", total / 3600, (total / 60) % 60));
    }
    return s.toString();
  }
}
