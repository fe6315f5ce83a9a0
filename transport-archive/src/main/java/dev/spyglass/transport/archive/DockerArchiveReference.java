package dev.spyglass.transport.archive;

import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.InvalidReferenceException;
import dev.spyglass.transport.archive.internal.DockerName;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Names a {@code docker save} archive and, optionally, one image in it. Immutable and thread safe.
 */
public final class DockerArchiveReference implements ImageReference {
  private final DockerArchiveTransport transport;
  private final String text;
  private final Path path;
  private final @Nullable DockerName name;
  private final int index;

  DockerArchiveReference(
      DockerArchiveTransport transport,
      String text,
      String path,
      @Nullable DockerName name,
      int index) {
    this.transport = transport;
    this.text = text;
    this.name = name;
    this.index = index;
    try {
      this.path = Path.of(path).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new InvalidReferenceException(text, "not a valid path: " + e.getReason());
    }
  }

  /** The archive file, absolute. */
  public Path path() {
    return path;
  }

  /** The image's name as {@code docker.io/library/app:1}, normalised; empty when none is given. */
  public Optional<String> nameAndTag() {
    return Optional.ofNullable(name).map(DockerName::toString);
  }

  /** The position of the image in {@code manifest.json}; empty unless given as {@code @INDEX}. */
  public OptionalInt index() {
    return index < 0 ? OptionalInt.empty() : OptionalInt.of(index);
  }

  @Nullable DockerName dockerNameAndTag() {
    return name;
  }

  @Override
  public DockerArchiveTransport transport() {
    return transport;
  }

  @Override
  public String stringWithinTransport() {
    return text;
  }

  /** The repository of the name given, as skopeo prints it in {@code Name}. */
  @Override
  public Optional<String> dockerName() {
    return Optional.ofNullable(name).map(DockerName::name);
  }

  /**
   * Indexes the archive (one pass over its tar headers) and picks the image.
   *
   * @throws dev.spyglass.api.NotFoundException when the file, the name or the index is not there
   * @throws dev.spyglass.api.InvalidManifestException when the archive breaks a rule
   */
  @Override
  public ImageSource newImageSource(ImageOptions options) throws ImageException {
    return DockerArchiveImageSource.open(this, options);
  }

  /**
   * Starts writing a new archive that replaces the file when complete. The name given and {@link
   * ImageOptions#additionalTags()} become the image's {@code RepoTags}.
   */
  @Override
  public ImageDestination newImageDestination(ImageOptions options) throws ImageException {
    return DockerArchiveImageDestination.open(this, options);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DockerArchiveReference other
        && path.equals(other.path)
        && Objects.equals(name, other.name)
        && index == other.index;
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, name, index);
  }

  @Override
  public String toString() {
    return describe();
  }
}
