package dev.spyglass.api;

import java.util.List;

/** A Docker manifest list or OCI image index: one entry per image, usually one per platform. */
public interface ManifestList extends Manifest {

  /** The entries in manifest order. */
  List<IndexEntry> entries();
}
