package dev.spyglass.cli.sync;

import java.util.List;

/**
 * One source of a sync, as skopeo counts them in "Synced N images from M sources": a registry
 * repository, a directory, or a repository entry of a YAML source, with its images.
 */
public record SyncGroup(String name, List<SyncImage> images) {
  public SyncGroup {
    images = List.copyOf(images);
  }
}
