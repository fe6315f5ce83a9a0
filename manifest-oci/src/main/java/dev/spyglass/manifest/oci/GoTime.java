package dev.spyglass.manifest.oci;

import dev.spyglass.manifest.oci.internal.gojson.GoTimestamp;
import java.time.OffsetDateTime;

/**
 * Formats times as Go's {@code time.RFC3339Nano} does, which is how skopeo prints {@code Created}
 * and {@code created}: fraction digits only when non-zero and without trailing zeros, {@code Z} for
 * a zero offset, other offsets as {@code ±hh:mm} (seconds of an offset dropped), years below 1000
 * padded to four digits.
 */
public final class GoTime {
  private GoTime() {}

  /** {@code 2023-01-02T03:04:05.12Z}, {@code 2020-01-01T00:00:00-07:30}, ... */
  public static String format(OffsetDateTime time) {
    return GoTimestamp.of(time).format();
  }
}
