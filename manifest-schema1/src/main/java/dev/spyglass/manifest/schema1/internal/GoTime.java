package dev.spyglass.manifest.schema1.internal;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes timestamps as Go's {@code time.Time} does in JSON: RFC 3339 in, RFC 3339 with
 * nanoseconds out ({@code RFC3339Nano}: trailing zeros of the fraction dropped, a zero offset
 * written {@code Z}).
 */
public final class GoTime {
  /** Go's zero {@code time.Time}, what a missing timestamp decodes to. */
  public static final OffsetDateTime ZERO = OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  private static final Pattern RFC3339 =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:[.,](\\d+))?"
              + "(?:(Z)|([+-])(\\d{2}):(\\d{2}))");

  private GoTime() {}

  /** Parses RFC 3339 as Go's {@code time.Parse(time.RFC3339, ...)} accepts it. */
  public static Optional<OffsetDateTime> parse(String text) {
    Matcher m = RFC3339.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      int nanos = 0;
      if (m.group(7) != null) {
        String digits = (m.group(7) + "000000000").substring(0, 9);
        nanos = Integer.parseInt(digits);
      }
      ZoneOffset offset = ZoneOffset.UTC;
      if (m.group(8) == null) {
        int seconds = Integer.parseInt(m.group(10)) * 3600 + Integer.parseInt(m.group(11)) * 60;
        offset = ZoneOffset.ofTotalSeconds(m.group(9).equals("-") ? -seconds : seconds);
      }
      return Optional.of(
          OffsetDateTime.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              Integer.parseInt(m.group(4)),
              Integer.parseInt(m.group(5)),
              Integer.parseInt(m.group(6)),
              nanos,
              offset));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** Formats as Go's {@code time.RFC3339Nano}, e.g. {@code 2015-08-06T23:53:22.6085778Z}. */
  public static String format(OffsetDateTime time) {
    StringBuilder out = new StringBuilder(35);
    pad(out, time.getYear(), 4).append('-');
    pad(out, time.getMonthValue(), 2).append('-');
    pad(out, time.getDayOfMonth(), 2).append('T');
    pad(out, time.getHour(), 2).append(':');
    pad(out, time.getMinute(), 2).append(':');
    pad(out, time.getSecond(), 2);
    if (time.getNano() != 0) {
      String fraction = String.format("%09d", time.getNano()).replaceFirst("0+$", "");
      out.append('.').append(fraction);
    }
    int offset = time.getOffset().getTotalSeconds();
    if (offset == 0) {
      return out.append('Z').toString();
    }
    out.append(offset < 0 ? '-' : '+');
    int minutes = Math.abs(offset) / 60;
    pad(out, minutes / 60, 2).append(':');
    return pad(out, minutes % 60, 2).toString();
  }

  private static StringBuilder pad(StringBuilder out, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      out.append('0');
    }
    return out.append(digits);
  }
}
