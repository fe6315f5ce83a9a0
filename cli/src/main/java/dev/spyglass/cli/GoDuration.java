package dev.spyglass.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;

/**
 * Go's {@code time.ParseDuration} syntax, as skopeo's duration flags take it: a sequence of decimal
 * numbers with units {@code ns}, {@code us} ({@code µs}), {@code ms}, {@code s}, {@code m}, {@code
 * h}, e.g. {@code 500ms}, {@code 2s}, {@code 1m30s}, {@code 1.5h}; {@code 0} alone; no negative
 * durations (no flag takes one).
 */
final class GoDuration {
  private static final Pattern PART = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)");
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

  /** Parses {@code text} or throws {@link IllegalArgumentException} saying why. */
  static Duration parse(String text) {
    String s = text.strip();
    if (s.startsWith("+")) {
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty() || s.startsWith("-")) {
      throw new IllegalArgumentException(
          "invalid duration \"" + text + "\" (expected e.g. 500ms, 2s, 1m30s; not negative)");
    }
    Matcher m = PART.matcher(s);
    int at = 0;
    BigDecimal nanos = BigDecimal.ZERO;
    while (at < s.length()) {
      if (!m.find(at) || m.start() != at || m.group(1).isEmpty() || m.group(1).equals(".")) {
        throw new IllegalArgumentException(
            "invalid duration \"" + text + "\" (expected e.g. 500ms, 2s, 1m30s)");
      }
      nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NANOS.get(m.group(2)))));
      at = m.end();
    }
    return Duration.ofNanos(nanos.longValue());
  }

  /** The picocli converter of duration flags. */
  static final class Converter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return parse(value);
    }
  }
}
