package dev.spyglass.transport.docker.internal;

import java.time.Duration;
import java.util.Optional;
import okhttp3.Headers;

/**
 * A registry's rate limit as Docker Hub announces it: {@code RateLimit-Limit: 100;w=21600} and
 * {@code RateLimit-Remaining: 76;w=21600} (pulls per window of {@code w} seconds).
 *
 * @param windowSeconds the window, or -1 when the headers name none
 */
public record RateLimit(long limit, long remaining, long windowSeconds) {

  /** The limit the headers announce, if they announce one. */
  public static Optional<RateLimit> of(Headers headers) {
    String limit = headers.get("RateLimit-Limit");
    String remaining = headers.get("RateLimit-Remaining");
    if (limit == null || remaining == null) {
      return Optional.empty();
    }
    long max = leadingNumber(limit);
    long left = leadingNumber(remaining);
    if (max < 0 || left < 0) {
      return Optional.empty();
    }
    long window = window(limit);
    return Optional.of(new RateLimit(max, left, window < 0 ? window(remaining) : window));
  }

  /** {@code 76 of 100 pulls left per 6 h window}. */
  public String describe() {
    return remaining
        + " of "
        + limit
        + " pulls left"
        + (windowSeconds < 0 ? "" : " per " + duration(Duration.ofSeconds(windowSeconds)) + " window");
  }

  private static String duration(Duration d) {
    long s = d.getSeconds();
    if (s >= 3600 && s % 3600 == 0) {
      return s / 3600 + " h";
    }
    if (s >= 60 && s % 60 == 0) {
      return s / 60 + " min";
    }
    return s + " s";
  }

  private static long leadingNumber(String value) {
    String text = value.strip();
    int end = 0;
    while (end < text.length() && end < 18 && Character.isDigit(text.charAt(end))) {
      end++;
    }
    return end == 0 ? -1 : Long.parseLong(text.substring(0, end));
  }

  private static long window(String value) {
    for (String part : value.split(";")) {
      String p = part.strip();
      if (p.startsWith("w=")) {
        return leadingNumber(p.substring(2));
      }
    }
    return -1;
  }
}
