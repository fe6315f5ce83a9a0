package dev.spyglass.cli.sync.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A version as Masterminds/semver v3.2.1 reads one with {@code NewVersion} (the lenient parser
 * skopeo 1.15 applies to tags): {@code v} prefix, missing minor and patch taken as 0, pre-release
 * and build metadata. Numbers are unsigned 64-bit, compared unsigned, as Go's {@code uint64}.
 */
record SemverVersion(long major, long minor, long patch, String pre, String metadata) {
  // version.go's semVerRegex, anchored as versionRegex is ("^" + semVerRegex + "$"): matched with
  // Matcher.matches(), which, unlike Java's "$", does not accept a final line break either.
  private static final Pattern VERSION =
      Pattern.compile(
          "v?([0-9]+)(\\.[0-9]+)?(\\.[0-9]+)?"
              + "(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?"
              + "(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?");
  private static final String NUM = "0123456789";
  private static final String ALLOWED =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-" + NUM;

  /** {@code NewVersion}: the version, or empty where the library returns an error. */
  static Optional<SemverVersion> parse(String text) {
    Matcher m = VERSION.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    Long major = parseUint(m.group(1));
    Long minor = m.group(2) == null ? Long.valueOf(0) : parseUint(m.group(2).substring(1));
    Long patch = m.group(3) == null ? Long.valueOf(0) : parseUint(m.group(3).substring(1));
    if (major == null || minor == null || patch == null) {
      return Optional.empty();
    }
    String pre = nonNull(m.group(5));
    String metadata = nonNull(m.group(8));
    if ((!pre.isEmpty() && !validPrerelease(pre))
        || (!metadata.isEmpty() && !validMetadata(metadata))) {
      return Optional.empty();
    }
    return Optional.of(new SemverVersion(major, minor, patch, pre, metadata));
  }

  /** {@code Compare}: -1, 0 or 1; build metadata is ignored, a pre-release is lower. */
  int compareTo(SemverVersion o) {
    int d = compareSegment(major, o.major);
    if (d != 0) {
      return d;
    }
    d = compareSegment(minor, o.minor);
    if (d != 0) {
      return d;
    }
    d = compareSegment(patch, o.patch);
    if (d != 0) {
      return d;
    }
    if (pre.isEmpty() && o.pre.isEmpty()) {
      return 0;
    }
    if (pre.isEmpty()) {
      return 1;
    }
    if (o.pre.isEmpty()) {
      return -1;
    }
    return comparePrerelease(pre, o.pre);
  }

  boolean lessThan(SemverVersion o) {
    return compareTo(o) < 0;
  }

  boolean equalTo(SemverVersion o) {
    return compareTo(o) == 0;
  }

  @Override
  public String toString() {
    StringBuilder s =
        new StringBuilder()
            .append(Long.toUnsignedString(major))
            .append('.')
            .append(Long.toUnsignedString(minor))
            .append('.')
            .append(Long.toUnsignedString(patch));
    if (!pre.isEmpty()) {
      s.append('-').append(pre);
    }
    if (!metadata.isEmpty()) {
      s.append('+').append(metadata);
    }
    return s.toString();
  }

  static int comparePrerelease(String v, String o) {
    String[] sparts = v.split("\\.", -1);
    String[] oparts = o.split("\\.", -1);
    int l = Math.max(sparts.length, oparts.length);
    for (int i = 0; i < l; i++) {
      String stemp = i < sparts.length ? sparts[i] : "";
      String otemp = i < oparts.length ? oparts[i] : "";
      int d = comparePrePart(stemp, otemp);
      if (d != 0) {
        return d;
      }
    }
    return 0;
  }

  private static int comparePrePart(String s, String o) {
    if (s.equals(o)) {
      return 0;
    }
    if (s.isEmpty()) {
      return -1;
    }
    if (o.isEmpty()) {
      return 1;
    }
    // strconv.ParseUint: a part that is not a number (or overflows) compares as a string; numbers
    // sort before strings.
    Long oi = parseUint(o);
    Long si = parseUint(s);
    if (oi == null && si == null) {
      return s.compareTo(o) > 0 ? 1 : -1;
    } else if (oi == null) {
      return -1;
    } else if (si == null) {
      return 1;
    }
    return Long.compareUnsigned(si, oi) > 0 ? 1 : -1;
  }

  private static int compareSegment(long v, long o) {
    return Integer.signum(Long.compareUnsigned(v, o));
  }

  /** {@code strconv.ParseUint(s, 10, 64)}: digits only, at most 2^64-1; else null. */
  static @Nullable Long parseUint(String s) {
    if (s.isEmpty() || !containsOnly(s, NUM)) {
      return null;
    }
    try {
      return Long.parseUnsignedLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean validPrerelease(String p) {
    for (String part : p.split("\\.", -1)) {
      if (containsOnly(part, NUM)) {
        if (part.length() > 1 && part.charAt(0) == '0') {
          return false;
        }
      } else if (!containsOnly(part, ALLOWED)) {
        return false;
      }
    }
    return true;
  }

  private static boolean validMetadata(String m) {
    for (String part : m.split("\\.", -1)) {
      if (!containsOnly(part, ALLOWED)) {
        return false;
      }
    }
    return true;
  }

  private static boolean containsOnly(String s, String allowed) {
    for (int i = 0; i < s.length(); i++) {
      if (allowed.indexOf(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  private static String nonNull(@Nullable String s) {
    return s == null ? "" : s;
  }
}
