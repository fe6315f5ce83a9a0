package dev.spyglass.transport.docker.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code rel="next"} target of RFC 8288 {@code Link} headers, as registries paginate. */
public final class LinkHeader {
  private static final Pattern LINK = Pattern.compile("<([^>]*+)>([^<]*+)");
  private static final Pattern REL =
      Pattern.compile("(?i);\\s*rel\\s*=\\s*(?:\"([^\"]*+)\"|([^;,\\s]++))");

  private LinkHeader() {}

  /**
   * The target of the first link whose relation types include {@code next}, across every header
   * value, as written (relative or absolute); empty when there is none.
   */
  public static Optional<String> next(List<String> values) {
    for (String value : values) {
      Matcher link = LINK.matcher(value);
      while (link.find()) {
        Matcher rel = REL.matcher(link.group(2));
        while (rel.find()) {
          String types = rel.group(1) != null ? rel.group(1) : rel.group(2);
          for (String type : types.trim().split("\\s++")) {
            if (type.toLowerCase(Locale.ROOT).equals("next")) {
              return Optional.of(link.group(1).trim());
            }
          }
        }
      }
    }
    return Optional.empty();
  }
}
