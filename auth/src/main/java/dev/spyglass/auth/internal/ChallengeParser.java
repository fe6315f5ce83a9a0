package dev.spyglass.auth.internal;

import dev.spyglass.auth.Challenge;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Parses {@code WWW-Authenticate} values as RFC 7235 defines them: {@code 1#challenge}, where a
 * challenge is {@code auth-scheme [ 1*SP ( token68 / #auth-param ) ]} and an auth-param is {@code
 * token BWS "=" BWS ( token / quoted-string )}. A malformed challenge is dropped and parsing
 * resumes at the next list element that starts a challenge. One instance parses one value; not
 * thread safe.
 */
public final class ChallengeParser {
  private static final System.Logger LOG = System.getLogger(ChallengeParser.class.getName());

  private final String s;
  private int pos;

  private ChallengeParser(String s) {
    this.s = s;
  }

  /** Every well-formed challenge of every value, in order. */
  public static List<Challenge> parse(List<String> headerValues) {
    List<Challenge> out = new ArrayList<>();
    for (String value : headerValues) {
      new ChallengeParser(value).parseInto(out);
    }
    return List.copyOf(out);
  }

  private void parseInto(List<Challenge> out) {
    while (true) {
      skipSeparators();
      if (atEnd()) {
        return;
      }
      String scheme = readToken();
      if (scheme.isEmpty()) {
        skipElement();
        LOG.log(
            System.Logger.Level.DEBUG, "skipping a challenge that does not start with a scheme");
        continue;
      }
      Map<String, String> params = new LinkedHashMap<>();
      boolean valid = true;
      boolean hasToken68 = false;
      int afterScheme = pos;
      skipWhitespace();
      if (!atEnd() && peek() != ',') {
        if (pos == afterScheme) {
          valid = false; // e.g. Basic"x": no space after the scheme
          skipElement();
        } else if (readToken68(params)) {
          hasToken68 = true;
        } else {
          valid = readParam(params);
        }
      }
      // Further list elements belong to this challenge while they look like auth-params.
      while (true) {
        int save = pos;
        skipSeparators();
        if (atEnd() || !startsParam()) {
          pos = save;
          break;
        }
        if (hasToken68) {
          valid = false; // a token68 challenge has no parameters
        }
        valid &= readParam(params);
      }
      if (valid) {
        out.add(new Challenge(scheme, params));
      } else {
        LOG.log(System.Logger.Level.DEBUG, "skipping malformed \"{0}\" challenge", scheme);
      }
    }
  }

  /** Reads one auth-param into {@code params}; false (and skips to the next element) if bad. */
  private boolean readParam(Map<String, String> params) {
    String name = readToken().toLowerCase(Locale.ROOT);
    skipWhitespace();
    if (name.isEmpty() || atEnd() || peek() != '=') {
      skipElement();
      return false;
    }
    pos++;
    skipWhitespace();
    String value;
    if (!atEnd() && peek() == '"') {
      value = readQuoted();
      if (value == null) {
        return false; // unterminated: the rest of the value is gone
      }
    } else {
      value = readToken();
      if (value.isEmpty()) {
        skipElement();
        return false;
      }
    }
    skipWhitespace();
    if (!atEnd() && peek() != ',') {
      skipElement();
      return false;
    }
    return params.putIfAbsent(name, value) == null; // a name may appear only once
  }

  /** Reads a token68 that fills the whole list element; otherwise leaves {@code pos} alone. */
  private boolean readToken68(Map<String, String> params) {
    int start = pos;
    while (!atEnd() && isToken68Char(peek())) {
      pos++;
    }
    if (pos == start) {
      return false;
    }
    while (!atEnd() && peek() == '=') {
      pos++;
    }
    int end = pos;
    skipWhitespace();
    if (atEnd() || peek() == ',') {
      params.put("", s.substring(start, end));
      return true;
    }
    pos = start;
    return false;
  }

  /** Whether the next list element is {@code token BWS "="} rather than a new challenge. */
  private boolean startsParam() {
    int p = pos;
    while (p < s.length() && isTokenChar(s.charAt(p))) {
      p++;
    }
    if (p == pos) {
      return false;
    }
    while (p < s.length() && isWhitespace(s.charAt(p))) {
      p++;
    }
    return p < s.length() && s.charAt(p) == '=';
  }

  private @Nullable String readQuoted() {
    StringBuilder b = new StringBuilder();
    pos++; // opening quote
    while (!atEnd()) {
      char c = s.charAt(pos++);
      if (c == '"') {
        return b.toString();
      }
      if (c == '\\') {
        if (atEnd()) {
          return null;
        }
        c = s.charAt(pos++);
      }
      b.append(c);
    }
    return null;
  }

  private String readToken() {
    int start = pos;
    while (!atEnd() && isTokenChar(peek())) {
      pos++;
    }
    return s.substring(start, pos);
  }

  /** Moves to the next comma that is not inside a quoted string, or to the end. */
  private void skipElement() {
    boolean quoted = false;
    while (!atEnd()) {
      char c = peek();
      if (quoted && c == '\\') {
        pos = Math.min(pos + 2, s.length());
        continue;
      }
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        return;
      }
      pos++;
    }
  }

  private void skipSeparators() {
    while (!atEnd() && (peek() == ',' || isWhitespace(peek()))) {
      pos++;
    }
  }

  private void skipWhitespace() {
    while (!atEnd() && isWhitespace(peek())) {
      pos++;
    }
  }

  private boolean atEnd() {
    return pos >= s.length();
  }

  private char peek() {
    return s.charAt(pos);
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t';
  }

  private static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  private static boolean isToken68Char(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "-._~+/".indexOf(c) >= 0;
  }
}
