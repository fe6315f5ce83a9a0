package dev.spyglass.transport.archive;


import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** {@code oci-archive:} keeps the api's promises, checked by the kit's transport contract. */
class OciArchiveTransportContractTest extends ArchiveTransportContract {
  private final OciArchiveTransport transport = new OciArchiveTransport();
  private final AtomicInteger names = new AtomicInteger();
  @TempDir Path tmp;

  /** {@code DIR/image.tar:app}, in a directory of its own so that leftovers show. */
  @Override
  protected ImageReference newReference() throws Exception {
    Path directory = Files.createDirectory(tmp.resolve("archive-" + names.incrementAndGet()));
    return transport.parseReference(directory.resolve("image.tar") + ":app");
  }

  /** Rebuilds the tar with {@code blobs/ALG/HEX} (a blob or a manifest) replaced. */
  @Override
  protected void tamper(ImageReference reference, Digest digest, byte[] bytes) throws Exception {
    ArchiveFiles.replaceEntry(
        ((OciArchiveReference) reference).path(),
        List.of(OciArchiveImageSource.blobName(digest)),
        bytes);
  }

  /** Neither the archive nor a temporary file beside it (the whole tar, a spooled blob) is left. */
  @Override
  protected void assertNothingLeftBehind(ImageReference reference) throws Exception {
    ArchiveFiles.assertEmptyDirectory(((OciArchiveReference) reference).path().getParent());
  }
}
