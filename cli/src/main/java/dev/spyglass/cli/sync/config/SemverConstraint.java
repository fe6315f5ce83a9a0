package dev.spyglass.cli.sync.config;

import dev.spyglass.api.Quote;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A semantic version constraint of {@code images-by-semver}, with the rules of
 * github.com/Masterminds/semver v3.2.1, the version skopeo 1.15 and 1.16 build with: {@code
 * NewConstraint} to parse and {@code Check} on {@code NewVersion(tag)} to match.
 *
 * <p>The syntax: {@code ||} separates alternatives; in each, constraints are separated by commas or
 * white space and must all hold; each is an operator ({@code =}, {@code !=}, {@code >}, {@code <},
 * {@code >=}/{@code =>}, {@code <=}/{@code =<}, {@code ~}/{@code ~>}, {@code ^}, or none for {@code
 * =}) and a version that may have a {@code v} prefix, be partial ({@code 1.2}) or hold wildcards
 * ({@code x}, {@code X}, {@code *}); {@code A - B} is {@code >= A, <= B}. A version with a
 * pre-release (tag {@code 1.2.3-rc.1}) matches a constraint only when that constraint's own version
 * has a pre-release: {@code >= 1.0} matches no pre-release at all. Tags that are not versions for
 * the library's lenient parser ({@code latest}, {@code 1.2.3.4}) match nothing.
 *
 * <p>Immutable and thread safe; equal when written the same.
 */
public final class SemverConstraint {
  /** The longest constraint accepted (the library has no limit; Java's regexes backtrack). */
  static final int MAX_LENGTH = 1024;

  // constraints.go, with Go's \s ([\t\n\f\r ]) spelt out: Java's \s also takes \x0B.
  private static final String WS = "[\\t\\n\\f\\r ]";
  private static final String OPS = "=||!=|>|<|>=|=>|<=|=<|~|~>|\\^";
  private static final String CV =
      "v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?"
          + "(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?"
          + "(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?";
  // The same language as CV, matched atomically (see VALID).
  private static final String CV_ATOMIC =
      "(?>v?[0-9|xX*]+(?:\\.[0-9|xX*]+)?(?:\\.[0-9|xX*]+)?"
          + "(?:-[0-9A-Za-z\\-]+(?:\\.[0-9A-Za-z\\-]+)*)?"
          + "(?:\\+[0-9A-Za-z\\-]+(?:\\.[0-9A-Za-z\\-]+)*)?)";

  private static final Pattern CONSTRAINT =
      Pattern.compile(WS + "*(" + OPS + ")" + WS + "*(" + CV + ")" + WS + "*");
  private static final Pattern RANGE =
      Pattern.compile(WS + "*(" + CV + ")" + WS + "+-" + WS + "+(" + CV + ")" + WS + "*");
  private static final Pattern FIND = Pattern.compile("(" + OPS + ")" + WS + "*(" + CV + ")");
  // validConstraintRegex, ^(\s*(ops)\s*(cv)\s*)((?:\s+|,\s*)(ops)\s*(cv)\s*)*$, rewritten so that
  // Java's backtracking stays linear: neither an operator, a version nor a comma holds white space,
  // so each run of white space is matched whole, and a version is matched longest-first (what
  // follows it must be white space, a comma or the end, none of which can extend it): the same
  // language as Go's, without the exponential split of runs of spaces between \s* and \s+.
  private static final Pattern VALID =
      Pattern.compile(
          WS + "*+(?:" + OPS + ")" + WS + "*+" + CV_ATOMIC + "(?:(?:" + WS + "++|" + WS + "*+," + WS
              + "*+)(?:" + OPS + ")" + WS + "*+" + CV_ATOMIC + ")*+" + WS + "*+");

  private final String text;
  private final List<List<Constraint>> alternatives;

  private SemverConstraint(String text, List<List<Constraint>> alternatives) {
    this.text = text;
    this.alternatives = alternatives;
  }

  /**
   * Parses a constraint as {@code NewConstraint} does.
   *
   * @throws IllegalArgumentException naming the part that is not a constraint (an empty text is
   *     one, as for the library)
   */
  public static SemverConstraint parse(String text) {
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "the constraint is longer than " + MAX_LENGTH + " characters");
    }
    String c = rewriteRange(text);
    List<List<Constraint>> or = new ArrayList<>();
    for (String v : splitLiteral(c, "||")) {
      if (!VALID.matcher(v).matches()) {
        throw new IllegalArgumentException("improper constraint " + Quote.of(v));
      }
      List<String> cs = new ArrayList<>();
      Matcher f = FIND.matcher(v);
      while (f.find()) {
        cs.add(f.group());
      }
      if (cs.isEmpty()) {
        cs.add(v);
      }
      List<Constraint> and = new ArrayList<>();
      for (String s : cs) {
        and.add(parseConstraint(s));
      }
      or.add(List.copyOf(and));
    }
    return new SemverConstraint(text, List.copyOf(or));
  }

  /**
   * Whether {@code tag} is a version ({@code NewVersion}) that satisfies the constraint ({@code
   * Check}); a tag that is not a version never does.
   */
  public boolean matches(String tag) {
    Optional<SemverVersion> v = SemverVersion.parse(tag);
    return v.isPresent() && check(v.get());
  }

  boolean check(SemverVersion v) {
    for (List<Constraint> and : alternatives) {
      boolean joy = true;
      for (Constraint c : and) {
        if (!c.check(v)) {
          joy = false;
          break;
        }
      }
      if (joy) {
        return true;
      }
    }
    return false;
  }

  /** The constraint as written. */
  public String text() {
    return text;
  }

  /** The number of {@code ||} alternatives, and of constraints in the first: for tests. */
  int alternativeCount() {
    return alternatives.size();
  }

  int firstAlternativeSize() {
    return alternatives.get(0).size();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof SemverConstraint other && other.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }

  /** strings.Split: every piece, the empty ones at both ends included. */
  private static List<String> splitLiteral(String s, String sep) {
    List<String> parts = new ArrayList<>();
    int from = 0;
    for (int at = s.indexOf(sep); at >= 0; at = s.indexOf(sep, from)) {
      parts.add(s.substring(from, at));
      from = at + sep.length();
    }
    parts.add(s.substring(from));
    return parts;
  }

  /** rewriteRange: each {@code A - B} found in the text becomes {@code >= A, <= B }. */
  static String rewriteRange(String i) {
    Matcher m = RANGE.matcher(i);
    String o = i;
    while (m.find()) {
      String whole = m.group();
      String t = ">= " + m.group(1) + ", <= " + m.group(11) + " ";
      int at = o.indexOf(whole);
      if (at >= 0) {
        o = o.substring(0, at) + t + o.substring(at + whole.length());
      }
    }
    return o;
  }

  private static Constraint parseConstraint(String c) {
    if (c.isEmpty()) {
      // Unreachable through parse (VALID needs a version), kept as the library has it.
      return new Constraint(new SemverVersion(0, 0, 0, "", ""), "", "", false, true, false);
    }
    Matcher m = CONSTRAINT.matcher(c);
    if (!m.matches()) {
      throw new IllegalArgumentException("improper constraint " + Quote.of(c));
    }
    String orig = m.group(2);
    String op = m.group(1);
    String m3 = group(m, 3);
    String m4 = group(m, 4);
    String m5 = group(m, 5);
    String m6 = group(m, 6);
    String ver = orig;
    boolean minorDirty = false;
    boolean patchDirty = false;
    boolean dirty = false;
    if (isX(m3) || m3.isEmpty()) {
      ver = "0.0.0" + m6;
      dirty = true;
    } else if (isX(trimDot(m4)) || m4.isEmpty()) {
      minorDirty = true;
      dirty = true;
      ver = m3 + ".0.0" + m6;
    } else if (isX(trimDot(m5)) || m5.isEmpty()) {
      dirty = true;
      patchDirty = true;
      ver = m3 + m4 + ".0" + m6;
    }
    Optional<SemverVersion> parsed = SemverVersion.parse(ver);
    if (parsed.isEmpty()) {
      // The library's "constraint Parser Error": the regex let through what NewVersion refuses.
      throw new IllegalArgumentException(
          "improper constraint " + Quote.of(c) + ": " + Quote.of(ver) + " is not a version");
    }
    SemverVersion con = parsed.get();
    return new Constraint(con, orig, op, minorDirty, dirty, patchDirty);
  }

  private static String group(Matcher m, int g) {
    String s = m.group(g);
    return s == null ? "" : s;
  }

  private static String trimDot(String s) {
    return s.startsWith(".") ? s.substring(1) : s;
  }

  private static boolean isX(String x) {
    return x.equals("x") || x.equals("*") || x.equals("X");
  }

  /** One constraint of constraints.go: its version, operator and wildcard state. */
  private record Constraint(
      SemverVersion con,
      String orig,
      String origfunc,
      boolean minorDirty,
      boolean dirty,
      boolean patchDirty) {

    boolean check(SemverVersion v) {
      return switch (origfunc) {
        case "", "=" -> tildeOrEqual(v);
        case "!=" -> notEqual(v);
        case ">" -> greaterThan(v);
        case "<" -> lessThan(v);
        case ">=", "=>" -> greaterThanEqual(v);
        case "<=", "=<" -> lessThanEqual(v);
        case "~", "~>" -> tilde(v);
        case "^" -> caret(v);
        default -> throw new IllegalStateException("operator " + origfunc);
      };
    }

    /**
     * The library's rule (its issue 21): a version with a pre-release satisfies a constraint only
     * if the constraint's version has one too.
     */
    private boolean excludedPrerelease(SemverVersion v) {
      return !v.pre().isEmpty() && con.pre().isEmpty();
    }

    private boolean notEqual(SemverVersion v) {
      if (dirty) {
        if (excludedPrerelease(v)) {
          return false;
        }
        if (con.major() != v.major()) {
          return true;
        }
        if (con.minor() != v.minor() && !minorDirty) {
          return true;
        } else if (minorDirty) {
          return false;
        } else if (con.patch() != v.patch() && !patchDirty) {
          return true;
        } else if (patchDirty) {
          if (!v.pre().isEmpty() || !con.pre().isEmpty()) {
            return SemverVersion.comparePrerelease(v.pre(), con.pre()) != 0;
          }
          return false;
        }
      }
      return !v.equalTo(con);
    }

    private boolean greaterThan(SemverVersion v) {
      if (excludedPrerelease(v)) {
        return false;
      }
      if (!dirty) {
        return v.compareTo(con) == 1;
      }
      int major = Long.compareUnsigned(v.major(), con.major());
      if (major > 0) {
        return true;
      } else if (major < 0) {
        return false;
      } else if (minorDirty) {
        return false;
      } else if (patchDirty) {
        return Long.compareUnsigned(v.minor(), con.minor()) > 0;
      }
      return v.compareTo(con) == 1;
    }

    private boolean lessThan(SemverVersion v) {
      if (excludedPrerelease(v)) {
        return false;
      }
      return v.compareTo(con) < 0;
    }

    private boolean greaterThanEqual(SemverVersion v) {
      if (excludedPrerelease(v)) {
        return false;
      }
      return v.compareTo(con) >= 0;
    }

    private boolean lessThanEqual(SemverVersion v) {
      if (excludedPrerelease(v)) {
        return false;
      }
      if (!dirty) {
        return v.compareTo(con) <= 0;
      }
      if (Long.compareUnsigned(v.major(), con.major()) > 0) {
        return false;
      } else if (v.major() == con.major()
          && Long.compareUnsigned(v.minor(), con.minor()) > 0
          && !minorDirty) {
        return false;
      }
      return true;
    }

    // ~*, ~>* --> >= 0.0.0 (any); ~2, ~2.x, ~2.x.x, ~>2, ~>2.x ~>2.x.x --> >=2.0.0, <3.0.0;
    // ~2.0, ~2.0.x, ~>2.0, ~>2.0.x --> >=2.0.0, <2.1.0; ~1.2.3, ~>1.2.3 --> >=1.2.3, <1.3.0
    private boolean tilde(SemverVersion v) {
      if (excludedPrerelease(v)) {
        return false;
      }
      if (v.lessThan(con)) {
        return false;
      }
      if (con.major() == 0 && con.minor() == 0 && con.patch() == 0 && !minorDirty && !patchDirty) {
        return true;
      }
      if (v.major() != con.major()) {
        return false;
      }
      return v.minor() == con.minor() || minorDirty;
    }

    private boolean tildeOrEqual(SemverVersion v) {
      if (excludedPrerelease(v)) {
        return false;
      }
      if (dirty) {
        return tilde(v);
      }
      return v.equalTo(con);
    }

    // ^1.2.3 --> >=1.2.3 <2.0.0; ^0.2.3 --> >=0.2.3 <0.3.0; ^0.0.3 --> >=0.0.3 <0.0.4;
    // ^0.0 --> >=0.0.0 <0.1.0; ^0 --> >=0.0.0 <1.0.0
    private boolean caret(SemverVersion v) {
      if (excludedPrerelease(v)) {
        return false;
      }
      if (v.lessThan(con)) {
        return false;
      }
      if (con.major() != 0 || minorDirty) {
        return v.major() == con.major();
      }
      if (v.major() != 0) {
        return false;
      }
      if (con.minor() != 0 || patchDirty) {
        return v.minor() == con.minor();
      }
      if (v.minor() != 0) {
        return false;
      }
      return con.patch() == v.patch();
    }
  }
}
