package dev.spyglass.cli.command;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Go's {@code time.ParseDuration} syntax, as skopeo's duration flags ({@code --retry-delay},
 * {@code --command-timeout}) take it, and Go's way of printing a duration.
 */
public final class GoDuration {
  private static final Pattern PART = Pattern.compile("(\\d*(?:\\.\\d*)?)(ns|us|µs|μs|ms|s|m|h)");
  private static final Map<String, Long> NANOS =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "µs", 1_000L,
          "μs", 1_000L,
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);

  private GoDuration() {}

  /**
   * Parses a Go duration ({@code time.ParseDuration}): {@code 90s}, {@code 1m30s}, {@code 500ms},
   * {@code 1.5h}, {@code 0}; units ns, us (µs), ms, s, m, h. Negative durations are refused.
   *
   * @throws IllegalArgumentException naming the text and the reason
   */
  public static Duration parse(String text) {
    String s = text.startsWith("+") ? text.substring(1) : text;
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.startsWith("-")) {
      throw new IllegalArgumentException("invalid duration \"" + text + "\": it is negative");
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("invalid duration \"" + text + "\"");
    }
    Matcher m = PART.matcher(s);
    BigDecimal nanos = BigDecimal.ZERO;
    int at = 0;
    while (at < s.length()) {
      if (!m.find(at) || m.start() != at || m.group(1).isEmpty() || m.group(1).equals(".")) {
        throw new IllegalArgumentException(
            "invalid duration \""
                + text
                + "\": expected a number and a unit (ns, us, ms, s, m, h),"
                + " e.g. 90s, 1m30s, 500ms");
      }
      nanos =
          nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NANOS.get(m.group(2)))));
      at = m.end();
    }
    return Duration.ofNanos(nanos.longValue());
  }

  /** {@code d} as Go prints a duration: {@code 1m30s}, {@code 500ms}, {@code 2h0m0s}. */
  public static String format(Duration d) {
    long nanos = d.toNanos();
    if (nanos < 1_000_000_000L) {
      if (nanos % 1_000_000L == 0) {
        return nanos / 1_000_000L + "ms";
      }
      return nanos % 1_000L == 0 ? nanos / 1_000L + "µs" : nanos + "ns";
    }
    long hours = d.toHours();
    long minutes = d.toMinutesPart();
    BigDecimal seconds =
        BigDecimal.valueOf(d.toSecondsPart())
            .add(BigDecimal.valueOf(d.toNanosPart(), 9))
            .stripTrailingZeros();
    String sec = seconds.toPlainString() + "s";
    if (hours > 0) {
      return hours + "h" + minutes + "m" + sec;
    }
    return minutes > 0 ? minutes + "m" + sec : sec;
  }

  /** picocli's converter for the flag's value. */
  public static final class Converter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
