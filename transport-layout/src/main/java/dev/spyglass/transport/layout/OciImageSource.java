package dev.spyglass.transport.layout;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.RawManifest;
import dev.spyglass.transport.layout.internal.BlobFiles;
import dev.spyglass.transport.layout.internal.ManifestFiles;
import dev.spyglass.transport.layout.internal.OciLayoutIndex;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reads one image of an OCI layout, chosen when opened. Thread safe. */
final class OciImageSource implements ImageSource {
  private final OciReference reference;
  private final ImageOptions options;
  private final OciLayoutIndex.Entry entry;

  private OciImageSource(OciReference reference, ImageOptions options, OciLayoutIndex.Entry entry) {
    this.reference = reference;
    this.options = options;
    this.entry = entry;
  }

  static OciImageSource open(OciReference reference, ImageOptions options) throws ImageException {
    Path layout = reference.path();
    if (!Files.isRegularFile(layout.resolve(OciLayoutIndex.LAYOUT))) {
      throw new NotFoundException(
          "OCI layout", layout.toString(), "no \"" + OciLayoutIndex.LAYOUT + "\" file");
    }
    List<OciLayoutIndex.Entry> entries = OciLayoutIndex.entries(layout);
    if (reference.name().isPresent()) {
      String name = reference.name().get();
      for (OciLayoutIndex.Entry entry : entries) {
        if (entry.refName().equals(name)) {
          return new OciImageSource(reference, options, entry);
        }
      }
      throw new NotFoundException(
          "image", reference.describe(), "no entry of \"" + layout + "/index.json\" is named \"" + name + "\"");
    }
    if (entries.size() == 1) {
      return new OciImageSource(reference, options, entries.get(0));
    }
    if (entries.isEmpty()) {
      throw new NotFoundException("image", reference.describe(), "the layout holds no image");
    }
    throw new ImageException(
        "OCI layout \""
            + layout
            + "\" holds "
            + entries.size()
            + " images; name one, as in \"oci:"
            + layout
            + ":NAME\"");
  }

  @Override
  public OciReference reference() {
    return reference;
  }

  @Override
  public RawManifest manifest() throws ImageException {
    Digest digest;
    try {
      digest = Digest.parse(entry.digest());
    } catch (IllegalArgumentException e) {
      throw new InvalidManifestException(
          InvalidManifestException.INVALID_DIGEST,
          -1,
          "index entry of \"" + reference.describe() + "\" has an invalid digest: " + e.getMessage(),
          e);
    }
    byte[] bytes = readManifest(digest);
    if (entry.size() >= 0 && bytes.length != entry.size()) {
      throw new ImageException(
          "manifest \""
              + reference.describe()
              + "\" has "
              + bytes.length
              + " bytes, its index entry says "
              + entry.size());
    }
    String mediaType =
        entry.mediaType().isEmpty()
            ? ManifestFiles.mediaType(bytes, options.formats(), "manifest \"" + reference.describe() + "\"")
            : entry.mediaType();
    return new RawManifest(bytes, mediaType, digest);
  }

  /** {@inheritDoc} <p>The digest of the image's entry in {@code index.json}, read when opened. */
  @Override
  public Optional<Digest> manifestDigest() throws ImageException {
    try {
      return Optional.of(Digest.parse(entry.digest()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public RawManifest manifest(Digest digest) throws ImageException {
    byte[] bytes = readManifest(digest);
    String what = "manifest \"" + reference.describe() + "@" + digest + "\"";
    return new RawManifest(bytes, ManifestFiles.mediaType(bytes, options.formats(), what), digest);
  }

  @Override
  public InputStream blob(Descriptor blob) throws ImageException {
    return BlobFiles.open(OciImageDestination.blobPath(reference.path(), blob.digest()), blob);
  }

  /** A layout lists no tags: an empty list, as skopeo prints {@code "RepoTags": []}. */
  @Override
  public List<String> tags() {
    return List.of();
  }

  @Override
  public void close() {}

  /** Manifests of a layout are blobs: addressed by the digest of their bytes. */
  private byte[] readManifest(Digest digest) throws ImageException {
    String name = reference.describe() + "@" + digest;
    byte[] bytes =
        ManifestFiles.read(
            OciImageDestination.blobPath(reference.path(), digest), "manifest", name);
    Digest actual = digest.recompute(bytes);
    if (!actual.equals(digest)) {
      throw new DigestMismatchException("manifest \"" + name + "\"", digest, actual);
    }
    return bytes;
  }
}
