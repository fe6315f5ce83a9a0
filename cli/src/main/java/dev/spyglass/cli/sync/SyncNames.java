package dev.spyglass.cli.sync;

import dev.spyglass.api.ImageReference;
import dev.spyglass.api.Transports;
import dev.spyglass.transport.layout.OciTransport;

/**
 * Where {@code spyglass sync} puts an image, as skopeo 1.9 names it: the image's {@linkplain
 * SyncImage#suffix() suffix} (only its last path element unless {@code --scoped}) joined to the
 * destination with Go's {@code path.Join}, then {@code --append-suffix} appended (skopeo 1.15):
 * {@code docker://DEST/app:1.0}, {@code dir:DEST/app:1.0}. Spyglass's own {@code --dest oci} takes
 * the path {@code dir} would use without its {@code :TAG} as an OCI layout holding the image under
 * the ref name {@code TAG} ({@code latest} for a name without a tag, none for an image named by
 * digest).
 */
public final class SyncNames {
  private final Transports transports;
  private final SyncKind kind;
  private final String destination;
  private final boolean scoped;
  private final String appendSuffix;

  public SyncNames(
      Transports transports,
      SyncKind kind,
      String destination,
      boolean scoped,
      String appendSuffix) {
    this.transports = transports;
    this.kind = kind;
    this.destination = destination;
    this.scoped = scoped;
    this.appendSuffix = appendSuffix;
  }

  /** The destination path (or registry name) of an image, as skopeo forms it. */
  public String path(SyncImage image) {
    return path(image.suffix());
  }

  String path(String suffix) {
    return GoPath.join(destination, scoped ? suffix : GoPath.base(suffix)) + appendSuffix;
  }

  /**
   * The destination reference of an image.
   *
   * @throws dev.spyglass.api.InvalidReferenceException when the name formed is not valid there
   */
  public ImageReference reference(SyncImage image) {
    String path = path(image);
    return switch (kind) {
      case DOCKER -> transports.parse("docker://" + path);
      case DIR -> transports.parse("dir:" + path);
      case OCI -> ociReference(path);
      case YAML -> throw new IllegalStateException("yaml is no destination");
    };
  }

  private ImageReference ociReference(String path) {
    String base = GoPath.base(path);
    String parent = path.substring(0, path.length() - base.length());
    int at = base.indexOf('@');
    String layout;
    String name;
    if (at >= 0) {
      layout = base.substring(0, at);
      name = "";
    } else {
      int colon = base.lastIndexOf(':');
      layout = colon >= 0 ? base.substring(0, colon) : base;
      name = colon >= 0 ? base.substring(colon + 1) : "latest";
    }
    OciTransport oci = ociTransport(transports);
    return oci.reference(java.nio.file.Path.of(parent + layout), name);
  }

  /**
   * The {@code oci} transport of {@code transports}, or a new one when it has none of that class:
   * sync names layouts whose paths hold a colon through {@link OciTransport#reference}.
   */
  static OciTransport ociTransport(Transports transports) {
    return transports
        .get("oci")
        .filter(OciTransport.class::isInstance)
        .map(OciTransport.class::cast)
        .orElseGet(OciTransport::new);
  }
}
