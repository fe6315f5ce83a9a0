package dev.spyglass.transport.archive;

import dev.spyglass.api.InvalidReferenceException;
import dev.spyglass.api.Transport;
import dev.spyglass.transport.archive.internal.DockerName;

/**
 * The {@code docker-archive:PATH[:NAME[:TAG]|:@INDEX]} transport: a {@code docker save} tarball.
 * The name picks, in an archive of several images, the one whose {@code RepoTags} hold it; the
 * index picks the image by its position in {@code manifest.json}; neither reads the archive's only
 * image. Written, the name (and {@link dev.spyglass.api.ImageOptions#additionalTags()}) become the
 * image's {@code RepoTags}.
 */
public final class DockerArchiveTransport implements Transport {

  public DockerArchiveTransport() {}

  @Override
  public String name() {
    return "docker-archive";
  }

  /**
   * Splits {@code PATH[:REF]} at the first colon, as skopeo does (a path cannot hold a colon).
   *
   * @throws InvalidReferenceException when the path is empty, the index is not a number, or the
   *     name is not a Docker name (a digest is refused)
   */
  @Override
  public DockerArchiveReference parseReference(String reference) {
    int colon = reference.indexOf(':');
    String path = colon < 0 ? reference : reference.substring(0, colon);
    if (path.isEmpty()) {
      throw new InvalidReferenceException(
          reference, "a docker-archive: reference needs a path, as in PATH[:NAME:TAG|:@INDEX]");
    }
    if (colon < 0) {
      return new DockerArchiveReference(this, reference, path, null, -1);
    }
    String rest = reference.substring(colon + 1);
    if (rest.startsWith("@")) {
      int index;
      try {
        index = Integer.parseInt(rest.substring(1));
      } catch (NumberFormatException e) {
        throw new InvalidReferenceException(
            reference, "source index \"" + rest + "\" is not a number");
      }
      if (index < 0) {
        throw new InvalidReferenceException(
            reference, "source index " + rest + " must not be negative");
      }
      return new DockerArchiveReference(this, reference, path, null, index);
    }
    if (rest.isEmpty()) {
      throw new InvalidReferenceException(reference, "the name after the path is empty");
    }
    DockerName name;
    try {
      name = DockerName.parse(rest);
    } catch (InvalidReferenceException e) {
      throw new InvalidReferenceException(
          reference, e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
    }
    return new DockerArchiveReference(this, reference, path, name, -1);
  }
}
