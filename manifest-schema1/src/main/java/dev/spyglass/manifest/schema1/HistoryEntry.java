package dev.spyglass.manifest.schema1;

import java.util.Objects;

/**
 * One {@code history} entry of a schema1 manifest: its raw {@code v1Compatibility} JSON text and
 * the v1 image {@code id} and {@code parent} read from it ({@code parent} is empty for the base
 * layer).
 */
public record HistoryEntry(String id, String parent, String v1Compatibility) {

  public HistoryEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(v1Compatibility, "v1Compatibility");
  }
}
