package dev.spyglass.image;

import dev.spyglass.api.Digest;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link ImageCopier} would write last, from {@link ImageCopier#plan}: the digest of the
 * manifest it reads for that ({@code source}: the image chosen out of a list, or the list with
 * {@code all}) and of the manifest it would write, which differs when converted; the latter is
 * unknown for a Docker schema1 image to convert, whose config is built from its layers.
 */
public final class PlannedManifest {
  private final Digest source;
  private final @Nullable Digest written;

  PlannedManifest(Digest source, @Nullable Digest written) {
    this.source = Objects.requireNonNull(source, "source");
    this.written = written;
  }

  /** The digest of the source manifest the copy writes (or converts). */
  public Digest source() {
    return source;
  }

  /** The digest of the manifest the copy would write; empty when known only after the layers. */
  public Optional<Digest> written() {
    return Optional.ofNullable(written);
  }

  /** Whether the copy would write another manifest than the source's (a conversion). */
  public boolean converts() {
    return !source.equals(written);
  }

  @Override
  public String toString() {
    return "PlannedManifest[" + source + " -> " + written + "]";
  }
}
