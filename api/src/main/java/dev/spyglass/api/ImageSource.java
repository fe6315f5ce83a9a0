package dev.spyglass.api;

import java.io.Closeable;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Reads one image (and, for lists, the images it points at) from where a transport keeps it.
 *
 * <p>Methods may block on network or disk I/O. A source is safe for use by several threads at once
 * (the {@code image} module fetches blobs concurrently). The caller closes it; closing releases
 * connections and files but never fails.
 */
public interface ImageSource extends Closeable {

  ImageReference reference();

  /**
   * Returns the manifest the reference names. When the reference names a digest, the bytes are
   * checked against it before they are returned. Never reads more than {@link
   * BoundedInput#MAX_MANIFEST_BYTES}.
   *
   * @throws NotFoundException when there is no such manifest
   * @throws DigestMismatchException when the bytes do not match the digest the reference names
   */
  RawManifest manifest() throws ImageException;

  /** Returns the manifest with {@code digest} (e.g. an entry of a list), checked against it. */
  RawManifest manifest(Digest digest) throws ImageException;

  /**
   * Opens a blob. The stream checks the bytes against {@code blob.digest()} (and {@code
   * blob.size()} when known) as they are read, and throws {@link DigestMismatchException} at the end
   * when they do not match. The caller closes the stream.
   */
  InputStream blob(Descriptor blob) throws ImageException;

  /**
   * The digest of the manifest {@link #manifest()} would return, when the transport can tell it
   * cheaply, without reading the manifest (a registry's {@code HEAD}, a layout's index): what a
   * sync compares to skip an image the destination already holds. Empty when the transport cannot
   * tell it cheaply, or when the digest is no stable name of the content (Docker schema1, signed
   * afresh on each read); this default is always empty.
   *
   * @throws NotFoundException when the transport can tell that the reference names no manifest
   */
  default Optional<Digest> manifestDigest() throws ImageException {
    return Optional.empty();
  }

  /**
   * Lists every tag of the image's repository, in the order the transport gives them.
   *
   * @throws ImageException when the transport has no notion of tags; this default says so
   */
  default List<String> tags() throws ImageException {
    throw new ImageException(
        "transport \"" + reference().transport().name() + "\" does not list tags");
  }

  @Override
  void close();
}
