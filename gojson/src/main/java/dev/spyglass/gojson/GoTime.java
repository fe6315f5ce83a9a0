package dev.spyglass.gojson;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A Go {@code time.Time} as JSON carries it: wall-clock fields and a fixed UTC offset in seconds,
 * which may be beyond Java's ±18:00 ({@link java.time.ZoneOffset}'s limit) since Go accepts any
 * two-digit hours.
 *
 * <p>{@link #parse} accepts what Go 1.19's {@code time.Parse(time.RFC3339Nano, ...)} accepts (which
 * skopeo 1.9 uses to unmarshal {@code created}): one- or two-digit hours, a fraction of any length
 * after {@code .} or {@code ,} (digits past the ninth are dropped), offsets up to {@code ±99:99}
 * without range check. {@link #format} writes what {@code MarshalJSON} writes ({@code
 * time.RFC3339Nano}: trailing zeros of the fraction trimmed, {@code Z} for a zero offset, any other
 * offset as written), {@link #toString} what {@code String()} prints. Immutable.
 */
public record GoTime(
    int year, int month, int day, int hour, int minute, int second, int nano, int offsetSeconds) {
  private static final int MAX_JAVA_OFFSET = 18 * 3600;

  /** Go's zero {@code time.Time}: {@code 0001-01-01T00:00:00Z}. */
  public static final GoTime ZERO = new GoTime(1, 1, 1, 0, 0, 0, 0, 0);

  /**
   * The time Go's {@code time.Parse(time.RFC3339Nano, text)} returns.
   *
   * @throws GoJsonException with Go's reason when Go refuses {@code text}
   */
  public static GoTime parse(String text) throws GoJsonException {
    return new Rfc3339Reader(text).read();
  }

  /** The same wall clock and offset as {@code time}. */
  public static GoTime of(OffsetDateTime time) {
    return new GoTime(
        time.getYear(),
        time.getMonthValue(),
        time.getDayOfMonth(),
        time.getHour(),
        time.getMinute(),
        time.getSecond(),
        time.getNano(),
        time.getOffset().getTotalSeconds());
  }

  /**
   * The time at {@code instant} on a clock {@code offsetSeconds} ahead of UTC, which may be beyond
   * Java's ±18:00: how a time parsed from a config is kept when Java cannot hold its offset.
   */
  public static GoTime ofInstant(Instant instant, int offsetSeconds) {
    LocalDateTime wallClock =
        LocalDateTime.ofEpochSecond(
            Math.addExact(instant.getEpochSecond(), offsetSeconds),
            instant.getNano(),
            ZoneOffset.UTC);
    return new GoTime(
        wallClock.getYear(),
        wallClock.getMonthValue(),
        wallClock.getDayOfMonth(),
        wallClock.getHour(),
        wallClock.getMinute(),
        wallClock.getSecond(),
        wallClock.getNano(),
        offsetSeconds);
  }

  /**
   * This time as a Java date-time: with its own offset when Java can hold it (up to ±18:00),
   * otherwise the same instant in UTC.
   */
  public OffsetDateTime toOffsetDateTime() {
    LocalDateTime wallClock = LocalDateTime.of(year, month, day, hour, minute, second, nano);
    if (Math.abs(offsetSeconds) <= MAX_JAVA_OFFSET) {
      return wallClock.atOffset(ZoneOffset.ofTotalSeconds(offsetSeconds));
    }
    return wallClock.minusSeconds(offsetSeconds).atOffset(ZoneOffset.UTC);
  }

  /**
   * Go's {@code t.String()}: {@code 2006-01-02 15:04:05.999999999 -0700 MST}. A zero offset is
   * named UTC; any other is a fixed zone without a name, which Go prints as the offset again (as
   * skopeo prints a time it parsed from a config, on a host whose zone is UTC).
   */
  @Override
  public String toString() {
    StringBuilder out = dateAndTime(' ');
    int zone = offsetSeconds / 60;
    StringBuilder offset = new StringBuilder(5).append(zone < 0 ? '-' : '+');
    appendInt(offset, Math.abs(zone) / 60, 2);
    appendInt(offset, Math.abs(zone) % 60, 2);
    out.append(' ').append(offset).append(' ');
    return out.append(zone == 0 ? "UTC" : offset).toString();
  }

  /** Formats as Go's {@code t.Format(time.RFC3339Nano)}. */
  public String format() {
    StringBuilder out = dateAndTime('T');
    if (offsetSeconds == 0) {
      return out.append('Z').toString();
    }
    int zone = offsetSeconds / 60; // minutes, truncated toward zero as Go does
    if (zone < 0) {
      out.append('-');
      zone = -zone;
    } else {
      out.append('+');
    }
    appendInt(out, zone / 60, 2);
    out.append(':');
    appendInt(out, zone % 60, 2);
    return out.toString();
  }

  /** {@code 2006-01-02<separator>15:04:05} and the fraction of a second, trailing zeros trimmed. */
  private StringBuilder dateAndTime(char separator) {
    StringBuilder out = new StringBuilder(40);
    appendInt(out, year, 4);
    out.append('-');
    appendInt(out, month, 2);
    out.append('-');
    appendInt(out, day, 2);
    out.append(separator);
    appendInt(out, hour, 2);
    out.append(':');
    appendInt(out, minute, 2);
    out.append(':');
    appendInt(out, second, 2);
    if (nano != 0) {
      String digits = Integer.toString(1_000_000_000 + nano).substring(1); // nine digits
      int end = digits.length();
      while (digits.charAt(end - 1) == '0') {
        end--;
      }
      out.append('.').append(digits, 0, end);
    }
    return out;
  }

  private static void appendInt(StringBuilder out, int value, int width) {
    long magnitude = value;
    if (magnitude < 0) {
      out.append('-');
      magnitude = -magnitude;
    }
    String digits = Long.toString(magnitude);
    for (int i = digits.length(); i < width; i++) {
      out.append('0');
    }
    out.append(digits);
  }

  /** One pass of Go's {@code time.Parse} over the layout {@code 2006-01-02T15:04:05Z07:00}. */
  private static final class Rfc3339Reader {
    private final String text;
    private int pos;

    Rfc3339Reader(String text) {
      this.text = text;
    }

    GoTime read() throws GoJsonException {
      int year = fixedDigits(4, "2006");
      literal('-');
      int month = fixedDigits(2, "01");
      if (month < 1 || month > 12) {
        throw outOfRange("month");
      }
      literal('-');
      int day = fixedDigits(2, "02");
      literal('T');
      int hour = hour();
      literal(':');
      int minute = fixedDigits(2, "04");
      if (minute > 59) {
        throw outOfRange("minute");
      }
      literal(':');
      int second = fixedDigits(2, "05");
      if (second > 59) {
        throw outOfRange("second");
      }
      int nano = fraction();
      int offset = offset();
      if (pos != text.length()) {
        throw cannotParse("end of text");
      }
      if (day < 1 || day > daysIn(month, year)) {
        throw outOfRange("day");
      }
      return new GoTime(year, month, day, hour, minute, second, nano, offset);
    }

    private int hour() throws GoJsonException {
      if (!isDigit(pos)) {
        throw cannotParse("15");
      }
      int hour = text.charAt(pos++) - '0';
      if (isDigit(pos)) {
        hour = hour * 10 + text.charAt(pos++) - '0';
      }
      if (hour > 23) {
        throw outOfRange("hour");
      }
      return hour;
    }

    private int fraction() {
      if (pos + 1 < text.length()
          && (text.charAt(pos) == '.' || text.charAt(pos) == ',')
          && isDigit(pos + 1)) {
        int start = ++pos;
        while (isDigit(pos)) {
          pos++;
        }
        String digits = text.substring(start, Math.min(pos, start + 9));
        StringBuilder padded = new StringBuilder(digits);
        while (padded.length() < 9) {
          padded.append('0');
        }
        return Integer.parseInt(padded.toString());
      }
      return 0;
    }

    private int offset() throws GoJsonException {
      if (pos < text.length() && text.charAt(pos) == 'Z') {
        pos++;
        return 0;
      }
      if (pos + 6 > text.length()
          || text.charAt(pos + 3) != ':'
          || !isDigit(pos + 1)
          || !isDigit(pos + 2)
          || !isDigit(pos + 4)
          || !isDigit(pos + 5)) {
        throw cannotParse("Z07:00");
      }
      char sign = text.charAt(pos);
      if (sign != '+' && sign != '-') {
        throw cannotParse("Z07:00");
      }
      int hours = Integer.parseInt(text.substring(pos + 1, pos + 3));
      int minutes = Integer.parseInt(text.substring(pos + 4, pos + 6));
      pos += 6;
      int seconds = (hours * 60 + minutes) * 60;
      return sign == '-' ? -seconds : seconds;
    }

    private int fixedDigits(int count, String layoutElement) throws GoJsonException {
      for (int i = 0; i < count; i++) {
        if (!isDigit(pos + i)) {
          throw cannotParse(layoutElement);
        }
      }
      int value = Integer.parseInt(text.substring(pos, pos + count));
      pos += count;
      return value;
    }

    private void literal(char c) throws GoJsonException {
      if (pos >= text.length() || text.charAt(pos) != c) {
        throw cannotParse(String.valueOf(c));
      }
      pos++;
    }

    private boolean isDigit(int at) {
      return at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9';
    }

    private GoJsonException cannotParse(String layoutElement) {
      return new GoJsonException(
          "cannot parse \""
              + text.substring(Math.min(pos, text.length()))
              + "\" as \""
              + layoutElement
              + "\"");
    }

    private static GoJsonException outOfRange(String element) {
      return new GoJsonException(element + " out of range");
    }

    private static int daysIn(int month, int year) {
      return switch (month) {
        case 2 -> isLeap(year) ? 29 : 28;
        case 4, 6, 9, 11 -> 30;
        default -> 31;
      };
    }

    private static boolean isLeap(int year) {
      return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    }
  }
}
