package dev.spyglass.transport.archive.internal;

import static dev.spyglass.transport.archive.internal.TarArchive.RULE;

import dev.spyglass.api.InvalidManifestException;
import java.util.ArrayList;
import java.util.List;

/**
 * The safety checks of names inside a tar: entry names and link targets must stay inside the
 * archive (no absolute paths, no {@code ..} above its root, no NUL characters).
 */
final class TarNames {
  private TarNames() {}

  /**
   * Cleans a name of the archive: removes {@code .} and empty segments; refuses absolute names,
   * {@code ..} segments and NUL characters.
   */
  static String clean(String name, String subject) throws InvalidManifestException {
    if (name.startsWith("/")) {
      throw new InvalidManifestException(
          RULE, subject + " is an absolute path, which leaves the archive");
    }
    if (name.indexOf('\0') >= 0) {
      throw new InvalidManifestException(RULE, subject + " contains a NUL character");
    }
    StringBuilder out = new StringBuilder();
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        throw new InvalidManifestException(
            RULE, subject + " contains \"..\", which may leave the archive");
      }
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(segment);
    }
    return out.toString();
  }

  /**
   * Resolves symbolic link {@code target}, relative to the directory of {@code link}, inside the
   * archive.
   */
  static String resolveSymlink(String link, String target, String subject)
      throws InvalidManifestException {
    if (target.startsWith("/")) {
      throw new InvalidManifestException(
          RULE, subject + " points to the absolute path \"" + target + "\", outside the archive");
    }
    List<String> parts = new ArrayList<>(List.of(link.split("/")));
    parts.remove(parts.size() - 1);
    for (String segment : target.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (parts.isEmpty()) {
          throw new InvalidManifestException(
              RULE, subject + " points to \"" + target + "\", outside the archive");
        }
        parts.remove(parts.size() - 1);
      } else if (segment.indexOf('\0') >= 0) {
        throw new InvalidManifestException(RULE, subject + " contains a NUL character");
      } else {
        parts.add(segment);
      }
    }
    return String.join("/", parts);
  }
}
