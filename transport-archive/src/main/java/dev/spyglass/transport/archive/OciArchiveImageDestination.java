package dev.spyglass.transport.archive;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.RawManifest;
import dev.spyglass.transport.archive.internal.ArchiveOutput;
import dev.spyglass.transport.archive.internal.GoJson;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes one image (or a list and its images) as a tar of an OCI layout: {@code blobs/ALG/HEX} as
 * blobs arrive, then {@code index.json} with one entry (named by the reference's name, if any) and
 * {@code oci-layout}. Manifests are stored as they are, Docker schema2 and lists included (the OCI
 * layout allows any media type in {@code index.json}), so a copy keeps their digests; {@code
 * --format oci} still converts. Written to a temporary file beside the target and renamed over it
 * by {@link #putManifest(RawManifest)}; the archive holds only this image, as skopeo's does.
 */
final class OciArchiveImageDestination implements ImageDestination {
  private static final List<String> SUPPORTED =
      List.of(
          MediaType.OCI_MANIFEST,
          MediaType.OCI_INDEX,
          MediaType.DOCKER_SCHEMA2,
          MediaType.DOCKER_MANIFEST_LIST);
  static final String LAYOUT_TEXT = "{\"imageLayoutVersion\": \"1.0.0\"}";

  private final OciArchiveReference reference;
  private final ArchiveOutput output;
  /** Blobs and manifests stored whole; one being written is not there yet. */
  private final Set<Digest> blobs = ConcurrentHashMap.newKeySet();
  /** One lock per digest: a second put of a blob being written waits for the first. */
  private final Map<Digest, Object> writing = new ConcurrentHashMap<>();
  private final Set<String> algorithms = ConcurrentHashMap.newKeySet();

  private OciArchiveImageDestination(OciArchiveReference reference, ArchiveOutput output) {
    this.reference = reference;
    this.output = output;
  }

  static OciArchiveImageDestination open(OciArchiveReference reference) throws ImageException {
    ArchiveOutput output =
        ArchiveOutput.create(reference.path(), "archive \"" + reference.path() + "\"");
    try {
      output.addDirectory("blobs");
    } catch (ImageException e) {
      output.close();
      throw e;
    }
    return new OciArchiveImageDestination(reference, output);
  }

  @Override
  public OciArchiveReference reference() {
    return reference;
  }

  @Override
  public List<String> supportedManifestMediaTypes() {
    return SUPPORTED;
  }

  @Override
  public boolean hasBlob(Descriptor blob) {
    return blobs.contains(blob.digest());
  }

  @Override
  public void putBlob(Descriptor blob, InputStream content) throws ImageException {
    store(blob, content);
  }

  @Override
  public void putManifest(RawManifest manifest, Digest instance) throws ImageException {
    storeManifest(manifest, instance);
  }

  @Override
  public void putManifest(RawManifest manifest) throws ImageException {
    Descriptor stored = storeManifest(manifest, manifest.digest());
    StringBuilder index =
        new StringBuilder("{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":")
            .append(GoJson.quote(stored.mediaType()))
            .append(",\"digest\":\"")
            .append(stored.digest())
            .append("\",\"size\":")
            .append(stored.size());
    if (reference.name().isPresent()) {
      index
          .append(",\"annotations\":{")
          .append(GoJson.quote(OciArchiveImageSource.REF_NAME))
          .append(':')
          .append(GoJson.quote(reference.name().get()))
          .append('}');
    }
    index.append("}]}");
    output.addBytes(OciArchiveImageSource.INDEX, index.toString().getBytes(StandardCharsets.UTF_8));
    output.addBytes("oci-layout", LAYOUT_TEXT.getBytes(StandardCharsets.UTF_8));
    output.commit();
  }

  @Override
  public void close() {
    output.close();
  }

  private Descriptor storeManifest(RawManifest manifest, Digest digest) throws ImageException {
    String mediaType = MediaType.normalize(manifest.mediaType());
    if (!SUPPORTED.contains(mediaType)) {
      throw new ImageException(
          "manifest of media type \""
              + manifest.mediaType()
              + "\" cannot be stored in \""
              + reference.describe()
              + "\"; supported: "
              + String.join(", ", SUPPORTED));
    }
    byte[] bytes = manifest.bytes();
    Digest actual = digest.recompute(bytes);
    if (!actual.equals(digest)) {
      throw new DigestMismatchException(
          "manifest for \"" + reference.describe() + "\"", digest, actual);
    }
    Descriptor descriptor = Descriptor.of(mediaType, digest, bytes.length);
    store(descriptor, new ByteArrayInputStream(bytes));
    return descriptor;
  }

  /**
   * Appends {@code content} as {@code blob} unless it is stored already; {@link #hasBlob} sees it
   * only once it is whole. A put of a blob another thread writes waits for it, then is done (or
   * writes it itself, when that write failed).
   */
  private void store(Descriptor blob, InputStream content) throws ImageException {
    synchronized (writing.computeIfAbsent(blob.digest(), d -> new Object())) {
      if (blobs.contains(blob.digest())) {
        return;
      }
      directoryFor(blob.digest());
      output.addBlob(OciArchiveImageSource.blobName(blob.digest()), blob, content);
      blobs.add(blob.digest());
    }
  }

  private void directoryFor(Digest digest) throws ImageException {
    synchronized (algorithms) {
      if (algorithms.add(digest.algorithm())) {
        output.addDirectory("blobs/" + digest.algorithm());
      }
    }
  }
}
