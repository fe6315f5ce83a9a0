package dev.spyglass.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads streams into memory without ever holding more than a stated limit. */
public final class BoundedInput {
  /** The most a manifest may weigh: 4 MiB, as in distribution and containers/image. */
  public static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

  /** The most an image config may weigh when read whole: 4 MiB (containers/image's limit). */
  public static final int MAX_CONFIG_BYTES = 4 * 1024 * 1024;

  private BoundedInput() {}

  /**
   * Reads {@code in} to the end, or fails as soon as it has more than {@code limit} bytes, without
   * reading further. Does not close {@code in}.
   *
   * @param what names the content in the error, e.g. {@code "manifest \"app:1.0\""}
   * @throws InvalidManifestException rule {@link InvalidManifestException#TOO_LARGE} when the limit is passed
   */
  public static byte[] readAtMost(InputStream in, int limit, String what) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 64 * 1024));
    byte[] buffer = new byte[16 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, limit + 1L - total))) > 0) {
      total += n;
      if (total > limit) {
        throw new InvalidManifestException(
            InvalidManifestException.TOO_LARGE, what + " is larger than the limit of " + limit + " bytes");
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}
