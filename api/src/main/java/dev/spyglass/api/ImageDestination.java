package dev.spyglass.api;

import java.io.Closeable;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Writes one image (and, for lists, the images it points at) to where a transport keeps images.
 *
 * <p>Call order: blobs first ({@link #hasBlob}, {@link #mountBlob} or {@link #putBlob}, from several
 * threads at once), then the manifests of a list's images ({@link #putManifest(RawManifest,
 * Digest)}), then the manifest the reference names ({@link #putManifest(RawManifest)}) last, so
 * that a failed copy never leaves a manifest pointing at missing blobs. Nothing written is visible
 * under its final name until it is complete and verified. The caller closes the destination;
 * closing an unfinished destination removes what it had only begun to write.
 */
public interface ImageDestination extends Closeable {

  ImageReference reference();

  /**
   * The manifest media types this destination can store, most preferred first; a copy converts a
   * manifest of another type (e.g. schema1 to an OCI layout). Empty means any.
   */
  List<String> supportedManifestMediaTypes();

  /**
   * The digest of the manifest already stored under the reference (its tag, or its digest), found
   * cheaply (a registry's {@code HEAD}, a local file): a copy whose manifest has this digest would
   * change nothing. Empty when nothing is stored there, when the transport cannot tell cheaply, or
   * when the stored manifest is Docker schema1 (whose digest cannot be compared); this default is
   * always empty. Call it before writing anything.
   */
  default Optional<Digest> manifestDigest() throws ImageException {
    return Optional.empty();
  }

  /** Whether the blob is already there, complete, with this digest (so a copy may skip it). */
  boolean hasBlob(Descriptor blob) throws ImageException;

  /**
   * Makes the blob present without sending its bytes, when the transport can (a cross-repository
   * mount from another repository of the same registry).
   *
   * @param from where the blob is known to be
   * @return whether the blob is now present; false means it must be sent with {@link #putBlob}
   */
  default boolean mountBlob(Descriptor blob, ImageReference from) throws ImageException {
    return false;
  }

  /**
   * Stores a blob read from {@code content} to its end, never holding it whole in memory. The
   * bytes are checked against {@code blob.digest()} (and {@code blob.size()} when known) before the
   * blob becomes visible; a mismatch throws {@link DigestMismatchException} and stores nothing.
   * Reading through {@link DigestVerifyingInputStream#of} does that and hashes the bytes only when
   * {@code content} does not already verify them. Does not close {@code content}.
   */
  void putBlob(Descriptor blob, InputStream content) throws ImageException;

  /** Stores a manifest by digest only: an image of a list, put before the list itself. */
  void putManifest(RawManifest manifest, Digest instance) throws ImageException;

  /** Stores the manifest the reference names (its tag, or its digest); call it last. */
  void putManifest(RawManifest manifest) throws ImageException;

  @Override
  void close();
}
