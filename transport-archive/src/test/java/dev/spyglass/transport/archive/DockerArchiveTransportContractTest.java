package dev.spyglass.transport.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.RawManifest;
import dev.spyglass.testing.contract.ContractImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docker-archive:} keeps the api's promises, checked by the kit's transport contract with a
 * Docker schema2 image: the only kind a {@code docker save} archive holds, one image and no index.
 */
class DockerArchiveTransportContractTest extends ArchiveTransportContract {
  private final DockerArchiveTransport transport = new DockerArchiveTransport();
  private final AtomicInteger names = new AtomicInteger();
  @TempDir Path tmp;

  /** {@code DIR/image.tar:contract/image:latest}, in a directory of its own. */
  @Override
  protected ImageReference newReference() throws Exception {
    Path directory = Files.createDirectory(tmp.resolve("archive-" + names.incrementAndGet()));
    return transport.parseReference(directory.resolve("image.tar") + ":contract/image:latest");
  }

  /** Rebuilds the tar with the layer {@code HEX.tar} or the config {@code HEX.json} replaced. */
  @Override
  protected void tamper(ImageReference reference, Digest digest, byte[] bytes) throws Exception {
    ArchiveFiles.replaceEntry(
        ((DockerArchiveReference) reference).path(),
        List.of(digest.hex() + ".tar", digest.hex() + ".json"),
        bytes);
  }

  /** Neither the archive nor a temporary file beside it (the whole tar, a spooled blob) is left. */
  @Override
  protected void assertNothingLeftBehind(ImageReference reference) throws Exception {
    ArchiveFiles.assertEmptyDirectory(((DockerArchiveReference) reference).path().getParent());
  }

  /**
   * A Docker schema2 image whose config's {@code rootfs.diff_ids} are the layers' own digests (the
   * layers are not gzip-compressed, so each is its own diff ID). An archive stores no manifest: its
   * source builds one from {@code manifest.json} and the config as skopeo does (compact, fields in
   * the order {@code mediaType}, {@code size}, {@code digest}, the layers as they were put), so the
   * image's manifest is written in that form to read back byte for byte.
   */
  @Override
  protected ContractImage image(List<byte[]> layers) {
    StringBuilder diffIds = new StringBuilder();
    for (int i = 0; i < layers.size(); i++) {
      diffIds.append(i > 0 ? "," : "").append('"').append(Digest.sha256(layers.get(i))).append('"');
    }
    byte[] config =
        ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":["
                + diffIds
                + "]}}")
            .getBytes(StandardCharsets.UTF_8);
    StringBuilder json =
        new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"")
            .append(MediaType.DOCKER_SCHEMA2)
            .append("\",\"config\":")
            .append(descriptor(MediaType.DOCKER_CONFIG, config))
            .append(",\"layers\":[");
    for (int i = 0; i < layers.size(); i++) {
      json.append(i > 0 ? "," : "")
          .append(descriptor(MediaType.DOCKER_LAYER_GZIP, layers.get(i)));
    }
    byte[] bytes = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    RawManifest manifest = new RawManifest(bytes, MediaType.DOCKER_SCHEMA2, Digest.sha256(bytes));
    return ContractImage.of(
        manifest, MediaType.DOCKER_CONFIG, config, MediaType.DOCKER_LAYER_GZIP, layers);
  }

  private static String descriptor(String mediaType, byte[] blob) {
    return "{\"mediaType\":\""
        + mediaType
        + "\",\"size\":"
        + blob.length
        + ",\"digest\":\""
        + Digest.sha256(blob)
        + "\"}";
  }

  /** A {@code docker save} archive holds single images: see the two tests below. */
  @Override
  protected boolean holdsIndexes() {
    return false;
  }

  /**
   * Instead of the contract's index round trip: an image's manifest put by digest (as for a list)
   * is refused, with nothing written; the image put by the reference then is, and no other
   * manifest is found by digest.
   */
  @Test
  void refusesAManifestPutByDigestAndHoldsTheImageOnly() throws Exception {
    ImageReference reference = newReference();
    ContractImage image = image(List.of(new byte[] {1, 2, 3}));
    RawManifest other = image(List.of(new byte[] {4})).manifest();
    try (ImageDestination destination = reference.newImageDestination(options())) {
      destination.putBlob(image.configDescriptor(), new ByteArrayInputStream(image.config()));
      destination.putBlob(
          image.layerDescriptors().get(0), new ByteArrayInputStream(image.layers().get(0)));
      assertThrows(
          ImageException.class,
          () -> destination.putManifest(image.manifest(), image.manifest().digest()));
      assertFalse(Files.exists(((DockerArchiveReference) reference).path()), "nothing written");
      destination.putManifest(image.manifest());
    }
    try (ImageSource source = reference.newImageSource(options())) {
      assertArrayEquals(image.manifest().bytes(), source.manifest().bytes());
      assertEquals(image.manifest(), source.manifest(image.manifest().digest()));
      assertThrows(NotFoundException.class, () -> source.manifest(other.digest()));
    }
  }

  /**
   * Instead of the contract's check of a manifest read by digest: an archive stores no manifest to
   * corrupt, its source derives it from the config, which it names by the digest of the bytes it
   * holds. A corrupted config is then not found under the image's config digest, and the manifest
   * derived from it no longer has the image's digest, so asking for that finds none either.
   */
  @Test
  void aCorruptedConfigChangesTheManifestAndIsRefused() throws Exception {
    ImageReference reference = newReference();
    ContractImage image = image(List.of(new byte[] {5, 6, 7}));
    try (ImageDestination destination = reference.newImageDestination(options())) {
      destination.putBlob(image.configDescriptor(), new ByteArrayInputStream(image.config()));
      destination.putBlob(
          image.layerDescriptors().get(0), new ByteArrayInputStream(image.layers().get(0)));
      destination.putManifest(image.manifest());
    }
    byte[] corrupt =
        new String(image.config(), StandardCharsets.UTF_8)
            .replace("amd64", "arm64")
            .getBytes(StandardCharsets.UTF_8);
    tamper(reference, image.configDescriptor().digest(), corrupt);
    try (ImageSource source = reference.newImageSource(options())) {
      assertThrows(NotFoundException.class, () -> source.manifest(image.manifest().digest()));
      assertThrows(
          NotFoundException.class, () -> source.blob(image.configDescriptor()).readAllBytes());
      assertTrue(
          new String(source.manifest().bytes(), StandardCharsets.UTF_8)
              .contains(Digest.sha256(corrupt).toString()),
          "the derived manifest names the config it holds");
    }
  }
}
