package dev.spyglass.testing.contract;

import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.ImageSource;
import dev.spyglass.testing.OpaqueManifestFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * The promises of the api's {@link ImageSource}, {@link ImageDestination} and {@link
 * ImageReference}, as tests any transport runs by extending this class and saying how to make a
 * fresh reference ({@link #newReference()}) and how to corrupt what it stores ({@link #tamper}),
 * and, when it does not store OCI images, which image to write ({@link #image}).
 *
 * <p>What is checked, each in a test that fails when the transport breaks it (the tests are the
 * default methods of the interfaces this class implements, one per promise):
 *
 * <ul>
 *   <li>blobs are verified ({@link BlobChecks}): a put whose bytes do not match the descriptor's
 *       digest throws {@link DigestMismatchException} (one of the wrong size an {@link
 *       ImageException}) and stores nothing; a source's stream of a corrupted or mis-sized blob
 *       throws at its end; manifests read by digest are checked against it ({@link
 *       ManifestChecks});
 *   <li>nothing is visible before it is complete ({@link VisibilityChecks}): a blob not while its
 *       put runs, nor after a put that failed; no manifest before {@code putManifest}; an image's
 *       manifest put by digest is not the manifest of the reference;
 *   <li>close ({@link CloseChecks}): closing an unfinished destination leaves no image, closing a
 *       finished one keeps it, closing never fails, twice included;
 *   <li>concurrency ({@link ConcurrencyChecks}): several {@code putBlob} at once, of distinct
 *       blobs and of the same one;
 *   <li>round trips: blobs byte for byte, the manifest of the reference, an index and the manifest
 *       it points at by digest ({@link ManifestChecks});
 *   <li>references ({@link ReferenceChecks}): {@code describe()} is {@code transport:reference},
 *       and parsing {@code stringWithinTransport()} again names the same image.
 * </ul>
 *
 * <p>The images written are made by {@link #image}: by default real OCI JSON (an image manifest, and
 * an index pointing at it) whose blobs were put first. Every blob a check reads back through a
 * source is a layer of the image it wrote, so a transport that serves only the blobs its manifest
 * names passes too. A transport that stores other images supplies its own: a Docker schema2 image,
 * say, whose config's {@code rootfs.diff_ids} match its layers. One that holds no index declares it
 * ({@link #holdsIndexes()}). {@link #options()} gives the formats the transport digests and
 * recognises manifests with; the default ({@link OpaqueManifestFormat#all()}) needs no manifest
 * module.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract non-sealed class TransportContract
    implements ReferenceChecks,
        BlobChecks,
        VisibilityChecks,
        ConcurrencyChecks,
        ManifestChecks,
        CloseChecks {
  /** The checks' shared state and helpers, new for each test instance. */
  final ContractFixture fixture = new ContractFixture(this);

  /**
   * A reference to a place that holds no image yet and that a destination can write to; a new one
   * for each call.
   */
  protected abstract ImageReference newReference() throws Exception;

  /**
   * Replaces what the transport stores for {@code reference} under {@code digest} (a blob, or a
   * manifest stored by digest) with {@code bytes}, behind the transport's back, as a disk or a
   * registry that corrupted it would.
   */
  protected abstract void tamper(ImageReference reference, Digest digest, byte[] bytes)
      throws Exception;

  /**
   * The image a check writes and reads back, whose layers are {@code layers}, in that order (random
   * bytes, or none: a check may give an empty layer). Its manifest must be one the transport stores
   * and gives back byte for byte from {@link ImageSource#manifest()}; the image a check writes
   * before putting its manifest by digest (with {@link #holdsIndexes()}) is pointed at by an OCI
   * index, or by a Docker manifest list when its manifest is Docker schema2. Called once for each
   * image, from the test's thread.
   *
   * @return {@link ContractImage#oci ContractImage.oci(layers)} by default
   */
  protected ContractImage image(List<byte[]> layers) throws Exception {
    return ContractImage.oci(layers);
  }

  /**
   * Whether a destination stores an image's manifest by digest and then an index naming it. When
   * not, the checks that need an index are skipped (reported so, naming this method) and the
   * transport's test asserts what it does instead, as refusing {@link
   * ImageDestination#putManifest(dev.spyglass.api.RawManifest, Digest)} with an {@link
   * ImageException}; the other checks put no manifest by digest.
   *
   * @return {@code true} by default
   */
  protected boolean holdsIndexes() {
    return true;
  }

  /** The options sources and destinations are opened with. */
  protected ImageOptions options() {
    return ImageOptions.builder().formats(OpaqueManifestFormat.all()).build();
  }

  /**
   * Checks, after a destination was closed before its manifest was put, that it left nothing
   * behind it had begun (temporary files, a directory it created...). Nothing more than the
   * contract's own checks by default.
   */
  protected void assertNothingLeftBehind(ImageReference reference) throws Exception {}
}
