package dev.spyglass.cli.sync;

import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageReference;

/**
 * One image to sync: its source, the options to read it with, the source repository it belongs to
 * (what {@link Shard} assigns), and {@code suffix}, the name skopeo joins to the destination
 * ({@code registry.example/ns/app:1.0} for a registry image, the path below the source directory
 * for a {@code dir:} image), before {@code --scoped} decides whether to keep only its last element.
 */
public record SyncImage(
    String repository, ImageReference source, ImageOptions sourceOptions, String suffix) {

  /** The source as skopeo prints it, {@code docker://registry.example/app:1.0}. */
  public String describe() {
    return source.describe();
  }
}
