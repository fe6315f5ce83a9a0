package dev.spyglass.cli.sync;

import java.util.ArrayList;
import java.util.List;

/**
 * Go's {@code path.Clean}, {@code path.Join}, {@code path.Base} and {@code path.Dir} (slash
 * separated, purely lexical): skopeo forms destination names with them, so Spyglass forms them the
 * same way.
 */
final class GoPath {
  private GoPath() {}

  /** Go's {@code path.Clean}. */
  static String clean(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    boolean rooted = path.startsWith("/");
    List<String> out = new ArrayList<>();
    for (String part : path.split("/", -1)) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
          out.remove(out.size() - 1);
        } else if (!rooted) {
          out.add("..");
        }
        continue;
      }
      out.add(part);
    }
    String joined = String.join("/", out);
    if (rooted) {
      return "/" + joined;
    }
    return joined.isEmpty() ? "." : joined;
  }

  /** Go's {@code path.Join}: the non-empty elements joined by slashes, cleaned; "" for none. */
  static String join(String... elements) {
    StringBuilder b = new StringBuilder();
    for (String e : elements) {
      if (e.isEmpty()) {
        continue;
      }
      if (b.length() > 0) {
        b.append('/');
      }
      b.append(e);
    }
    return b.length() == 0 ? "" : clean(b.toString());
  }

  /**
   * Go's {@code path.Base}: the last element, trailing slashes removed; "." for "", "/" for "/".
   */
  static String base(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    String p = path;
    while (p.length() > 0 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.isEmpty()) {
      return "/";
    }
    return p.substring(p.lastIndexOf('/') + 1);
  }

  /** Go's {@code path.Dir}: all but the last element, cleaned. */
  static String dir(String path) {
    int slash = path.lastIndexOf('/');
    return clean(path.substring(0, slash + 1));
  }
}
