package dev.spyglass.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.ConvertedImage;
import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.DigestVerifyingInputStream;
import dev.spyglass.api.ImageConfig;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageManifest;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.IndexEntry;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.Manifest;
import dev.spyglass.api.ManifestFormat;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.ManifestList;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.Platform;
import dev.spyglass.api.RawManifest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The copier's manifest conversion, with fakes: a manifest is {@code <mediaType>|<config>|<layer>,...}
 * and converts by changing its media type; converting to OCI rewrites the config as {@code
 * "oci:" + config} (as containers/image rewrites it), converting to schema2 keeps it. The real
 * conversions are tested byte for byte against skopeo in manifest-oci.
 */
class ImageConversionTest {
  private final Source source = new Source();
  private final ManifestFormats formats = ManifestFormats.of(List.of(new FakeFormat()));
  private final Destination destination = new Destination();

  @Test
  void convertsSchema2ToOciWhenTheDestinationTakesOnlyOci() throws Exception {
    Digest layer = source.blob("layer");
    Digest config = source.blob("config");
    source.top = source.image(MediaType.DOCKER_SCHEMA2, config, layer);
    destination.accepted = List.of(MediaType.OCI_MANIFEST, MediaType.OCI_INDEX);

    CopyResult result = ImageCopier.builder(formats).build().copy(source, destination);

    byte[] newConfig = "oci:config".getBytes(StandardCharsets.UTF_8);
    RawManifest expected =
        raw(MediaType.OCI_MANIFEST, MediaType.OCI_MANIFEST + "|" + Digest.sha256(newConfig) + "|" + layer);
    assertEquals(expected, destination.top);
    assertEquals(expected.digest(), result.manifestDigest());
    assertEquals(MediaType.OCI_MANIFEST, result.manifestMediaType());
    assertArrayEquals(newConfig, destination.blobs.get(Digest.sha256(newConfig)));
    assertFalse(destination.blobs.containsKey(config), "the source config is replaced");
    assertTrue(destination.blobs.containsKey(layer));
    assertEquals(2, result.blobsCopied());
  }

  @Test
  void keepsTheManifestWhenTheDestinationTakesItsType() throws Exception {
    Digest config = source.blob("config");
    source.top = source.image(MediaType.DOCKER_SCHEMA2, config, source.blob("layer"));
    destination.accepted = List.of(MediaType.OCI_MANIFEST, MediaType.DOCKER_SCHEMA2);

    CopyResult result = ImageCopier.builder(formats).build().copy(source, destination);

    assertEquals(source.top, destination.top);
    assertEquals(source.top.digest(), result.manifestDigest());
    assertArrayEquals(source.blobs.get(config), destination.blobs.get(config));
  }

  @Test
  void forcedFormatConvertsEvenWhenTheDestinationTakesAnything() throws Exception {
    Digest config = source.blob("config");
    Digest layer = source.blob("layer");
    source.top = source.image(MediaType.OCI_MANIFEST, config, layer);

    CopyResult result =
        ImageCopier.builder(formats)
            .format(MediaType.DOCKER_SCHEMA2)
            .build()
            .copy(source, destination);

    RawManifest expected =
        raw(MediaType.DOCKER_SCHEMA2, MediaType.DOCKER_SCHEMA2 + "|" + config + "|" + layer);
    assertEquals(expected, destination.top);
    assertEquals(expected.digest(), result.manifestDigest());
    assertArrayEquals(source.blobs.get(config), destination.blobs.get(config), "config kept");
  }

  @Test
  void forcedFormatEqualToTheSourceKeepsTheBytes() throws Exception {
    source.top = source.image(MediaType.OCI_MANIFEST, source.blob("config"), source.blob("layer"));

    ImageCopier.builder(formats).format(MediaType.OCI_MANIFEST).build().copy(source, destination);

    assertEquals(source.top, destination.top);
    assertEquals(0, source.converted.size());
  }

  @Test
  void prefersSchema2AmongTheDestinationsTypesAsSkopeoDoes() throws Exception {
    Digest config = source.blob("config");
    source.top = source.image(MediaType.OCI_MANIFEST, config, source.blob("layer"));
    destination.accepted = List.of(MediaType.DOCKER_SCHEMA1_SIGNED, MediaType.DOCKER_SCHEMA2);

    CopyResult result = ImageCopier.builder(formats).build().copy(source, destination);

    assertEquals(MediaType.DOCKER_SCHEMA2, result.manifestMediaType());
    assertEquals(List.of(MediaType.DOCKER_SCHEMA2), source.converted);
  }

  @Test
  void forcedFormatTheDestinationRefusesFailsBeforeAnyBlobMoves() {
    source.top = source.image(MediaType.DOCKER_SCHEMA2, source.blob("config"), source.blob("layer"));
    destination.accepted = List.of(MediaType.OCI_MANIFEST);

    ImageException e =
        assertThrows(
            ImageException.class,
            () ->
                ImageCopier.builder(formats)
                    .format(MediaType.DOCKER_SCHEMA2)
                    .build()
                    .copy(source, destination));

    assertEquals(
        "destination \"memory:dest\" does not accept the format asked for, \""
            + MediaType.DOCKER_SCHEMA2
            + "\": it takes "
            + MediaType.OCI_MANIFEST,
        e.getMessage());
    assertTrue(destination.blobs.isEmpty());
    assertNull(destination.top);
  }

  @Test
  void schema1IsConvertedAfterItsLayersWithDiffIdsOfTheGunzippedStream() throws Exception {
    byte[] base = "base layer tar".repeat(1000).getBytes(StandardCharsets.UTF_8);
    byte[] top = "top layer tar".getBytes(StandardCharsets.UTF_8);
    byte[] baseGz = gzip(base);
    byte[] topGz = gzip(top);
    Digest baseLayer = source.blob(baseGz);
    Digest topLayer = source.blob(topGz);
    source.top = source.image(MediaType.DOCKER_SCHEMA1_SIGNED, null, baseLayer, topLayer);
    destination.accepted = List.of(MediaType.OCI_MANIFEST);
    destination.blobs.put(topLayer, topGz); // present already: still read, for its diff id

    CopyResult result = ImageCopier.builder(formats).build().copy(source, destination);

    Schema1Call call = source.afterLayers.get(source.afterLayers.size() - 1);
    assertEquals(MediaType.OCI_MANIFEST, call.target());
    assertEquals(List.of(Digest.sha256(base), Digest.sha256(top)), call.diffIds());
    assertEquals(
        List.of((long) baseGz.length, (long) topGz.length),
        call.layers().stream().map(Descriptor::size).toList());
    assertTrue(call.present().containsAll(Set.of(baseLayer, topLayer)), "layers copied first");
    assertEquals(3, destination.puts.get(), "both layers sent (one was there), then the config");
    byte[] config = ("config:" + Digest.sha256(base) + "," + Digest.sha256(top)).getBytes(StandardCharsets.UTF_8);
    RawManifest expected =
        raw(
            MediaType.OCI_MANIFEST,
            MediaType.OCI_MANIFEST + "|" + Digest.sha256(config) + "|" + baseLayer + "," + topLayer);
    assertEquals(expected, destination.top);
    assertArrayEquals(config, destination.blobs.get(Digest.sha256(config)));
    assertEquals(expected.digest(), result.manifestDigest());
    assertEquals(3, result.blobsCopied());
  }

  @Test
  void schema1LayerThatIsNotValidGzipFailsWithoutAManifest() throws Exception {
    byte[] broken = gzip("layer".getBytes(StandardCharsets.UTF_8));
    broken[broken.length - 8] ^= 1; // CRC-32 of the member
    Digest layer = source.blob(broken);
    source.top = source.image(MediaType.DOCKER_SCHEMA1_SIGNED, null, layer);
    destination.accepted = List.of(MediaType.OCI_MANIFEST);

    ImageException e =
        assertThrows(
            ImageException.class, () -> ImageCopier.builder(formats).build().copy(source, destination));

    assertTrue(e.getMessage().contains("diff id of layer \"" + layer + "\""), e.getMessage());
    assertTrue(e.getMessage().contains("CRC-32"), e.getMessage());
    assertNull(destination.top);
  }

  @Test
  void schema1ConversionThatCannotWorkFailsBeforeAnyBlobMoves() {
    source.top =
        source.image(
            MediaType.DOCKER_SCHEMA1_SIGNED,
            null,
            source.blob(gzip("layer".getBytes(StandardCharsets.UTF_8))));
    source.refuse = "history[0] has a bad config";
    destination.accepted = List.of(MediaType.OCI_MANIFEST);

    ImageException e =
        assertThrows(
            ImageException.class, () -> ImageCopier.builder(formats).build().copy(source, destination));

    assertTrue(
        e.getMessage().startsWith("cannot convert manifest \"" + source.top.digest()),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("history[0] has a bad config"), e.getMessage());
    assertTrue(destination.blobs.isEmpty());
    assertNull(destination.top);
  }

  @Test
  void schema1KeptWhenTheDestinationTakesIt() throws Exception {
    Digest layer = source.blob(gzip("layer".getBytes(StandardCharsets.UTF_8)));
    source.top = source.image(MediaType.DOCKER_SCHEMA1_SIGNED, null, layer);
    destination.accepted = List.of(MediaType.DOCKER_SCHEMA1_SIGNED, MediaType.DOCKER_SCHEMA2);

    ImageCopier.builder(formats).build().copy(source, destination);

    assertEquals(source.top, destination.top);
    assertTrue(source.afterLayers.isEmpty());
  }

  /** What an OCI layout takes: OCI first, then the Docker types, stored as they are. */
  private static final List<String> LAYOUT_TYPES =
      List.of(
          MediaType.OCI_MANIFEST,
          MediaType.OCI_INDEX,
          MediaType.DOCKER_SCHEMA2,
          MediaType.DOCKER_MANIFEST_LIST);

  @Test
  void aDestinationNamingOciFirstKeepsSchema2AndItsListAsTheyAre() throws Exception {
    RawManifest amd = source.image(MediaType.DOCKER_SCHEMA2, source.blob("c1"), source.blob("l"));
    source.top = raw(MediaType.DOCKER_MANIFEST_LIST, "list|" + amd.digest());
    source.manifests.put(amd.digest(), amd);
    destination.accepted = LAYOUT_TYPES;

    CopyResult result = ImageCopier.builder(formats).all(true).build().copy(source, destination);

    assertEquals(source.top, destination.top);
    assertEquals(source.top.digest(), result.manifestDigest());
    assertEquals(List.of(amd), destination.instances);
    assertTrue(source.converted.isEmpty());
  }

  @Test
  void aDestinationNamingOciFirstGetsSchema1ConvertedToOci() throws Exception {
    Digest layer = source.blob(gzip("layer".getBytes(StandardCharsets.UTF_8)));
    source.top = source.image(MediaType.DOCKER_SCHEMA1_SIGNED, null, layer);
    destination.accepted = LAYOUT_TYPES;

    CopyResult result = ImageCopier.builder(formats).build().copy(source, destination);

    assertEquals(MediaType.OCI_MANIFEST, result.manifestMediaType());
    assertEquals(
        MediaType.OCI_MANIFEST, source.afterLayers.get(source.afterLayers.size() - 1).target());
  }

  @Test
  void forcedOciFormatStillConvertsSchema2ForADestinationThatTakesIt() throws Exception {
    source.top = source.image(MediaType.DOCKER_SCHEMA2, source.blob("config"), source.blob("l"));
    destination.accepted = LAYOUT_TYPES;

    CopyResult result =
        ImageCopier.builder(formats).format(MediaType.OCI_MANIFEST).build().copy(source, destination);

    assertEquals(MediaType.OCI_MANIFEST, result.manifestMediaType());
    assertEquals(List.of(MediaType.OCI_MANIFEST), source.converted);
  }

  @Test
  void preservingDigestsRefusesAConversionTheDestinationNeedsBeforeAnyBlobMoves() {
    source.top = source.image(MediaType.DOCKER_SCHEMA2, source.blob("config"), source.blob("l"));
    destination.accepted = List.of(MediaType.OCI_MANIFEST, MediaType.OCI_INDEX);

    ImageException e =
        assertThrows(
            ImageException.class,
            () ->
                ImageCopier.builder(formats).preserveDigests(true).build().copy(source, destination));

    assertEquals(
        "cannot keep the digest of manifest \""
            + source.top.digest()
            + "\" of \"memory:example/app\": it would be converted from \""
            + MediaType.DOCKER_SCHEMA2
            + "\" to \""
            + MediaType.OCI_MANIFEST
            + "\", because destination \"memory:dest\" does not take \""
            + MediaType.DOCKER_SCHEMA2
            + "\"",
        e.getMessage());
    assertTrue(destination.blobs.isEmpty());
    assertNull(destination.top);
  }

  @Test
  void preservingDigestsRefusesAFormatThatWouldConvertAndASchema1Conversion() {
    source.top = source.image(MediaType.DOCKER_SCHEMA2, source.blob("config"), source.blob("l"));
    ImageException forced =
        assertThrows(
            ImageException.class,
            () ->
                ImageCopier.builder(formats)
                    .format(MediaType.OCI_MANIFEST)
                    .preserveDigests(true)
                    .build()
                    .copy(source, destination));
    assertTrue(
        forced.getMessage().endsWith("because the format asked for is \"" + MediaType.OCI_MANIFEST + "\""),
        forced.getMessage());

    source.top =
        source.image(
            MediaType.DOCKER_SCHEMA1_SIGNED, null, source.blob(gzip("x".getBytes(StandardCharsets.UTF_8))));
    destination.accepted = LAYOUT_TYPES;
    ImageException schema1 =
        assertThrows(
            ImageException.class,
            () -> ImageCopier.builder(formats).preserveDigests(true).build().copy(source, destination));
    assertTrue(schema1.getMessage().startsWith("cannot keep the digest of manifest"), schema1.getMessage());
    assertTrue(destination.blobs.isEmpty());
  }

  @Test
  void preservingDigestsCopiesWhatNeedsNoConversion() throws Exception {
    source.top = source.image(MediaType.DOCKER_SCHEMA2, source.blob("config"), source.blob("l"));
    destination.accepted = LAYOUT_TYPES;

    CopyResult result =
        ImageCopier.builder(formats).preserveDigests(true).build().copy(source, destination);

    assertEquals(source.top.digest(), result.manifestDigest());
  }

  private static byte[] gzip(byte[] bytes) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** What a schema1 image was converted with, and the blobs the destination held then. */
  private record Schema1Call(
      String target, List<Descriptor> layers, List<Digest> diffIds, Set<Digest> present) {}

  @Test
  void aFailedConversionNamesTheManifestAndTheReason() {
    source.top = source.image(MediaType.OCI_MANIFEST, source.blob("config"), source.blob("layer"));
    source.refuse = "layer \"x\" is zstd";
    destination.accepted = List.of(MediaType.DOCKER_SCHEMA2);

    ImageException e =
        assertThrows(
            ImageException.class, () -> ImageCopier.builder(formats).build().copy(source, destination));

    assertEquals(
        "cannot convert manifest \""
            + source.top.digest()
            + "\" of \"memory:example/app\" from \""
            + MediaType.OCI_MANIFEST
            + "\" to \""
            + MediaType.DOCKER_SCHEMA2
            + "\" for \"memory:dest\": layer \"x\" is zstd",
        e.getMessage());
    assertNull(destination.top);
  }

  @Test
  void aConfigThatDoesNotMatchItsDigestIsNotConverted() {
    Digest config = source.blob("config");
    source.blobs.put(config, "tampered".getBytes(StandardCharsets.UTF_8));
    source.top = source.image(MediaType.DOCKER_SCHEMA2, config, source.blob("layer"));
    destination.accepted = List.of(MediaType.OCI_MANIFEST);

    assertThrows(
        DigestMismatchException.class,
        () -> ImageCopier.builder(formats).build().copy(source, destination));
    assertEquals(0, source.converted.size());
    assertNull(destination.top);
  }

  @Test
  void withAllConvertsEachImageThenTheListToPointAtThem() throws Exception {
    Digest layer = source.blob("layer");
    RawManifest amd = source.image(MediaType.DOCKER_SCHEMA2, source.blob("c1"), layer);
    RawManifest arm = source.image(MediaType.DOCKER_SCHEMA2, source.blob("c2"), layer);
    source.top = raw(MediaType.DOCKER_MANIFEST_LIST, "list|" + amd.digest() + "," + arm.digest());
    source.manifests.put(amd.digest(), amd);
    source.manifests.put(arm.digest(), arm);
    destination.accepted = List.of(MediaType.OCI_MANIFEST, MediaType.OCI_INDEX);

    CopyResult result = ImageCopier.builder(formats).all(true).build().copy(source, destination);

    Digest c1 = Digest.sha256("oci:c1".getBytes(StandardCharsets.UTF_8));
    Digest c2 = Digest.sha256("oci:c2".getBytes(StandardCharsets.UTF_8));
    RawManifest newAmd =
        raw(MediaType.OCI_MANIFEST, MediaType.OCI_MANIFEST + "|" + c1 + "|" + layer);
    RawManifest newArm =
        raw(MediaType.OCI_MANIFEST, MediaType.OCI_MANIFEST + "|" + c2 + "|" + layer);
    assertEquals(List.of(newAmd, newArm), destination.instances);
    RawManifest list =
        raw(
            MediaType.OCI_INDEX,
            "list|"
                + MediaType.OCI_INDEX
                + "|"
                + MediaType.OCI_MANIFEST
                + "@"
                + newAmd.digest()
                + ","
                + MediaType.OCI_MANIFEST
                + "@"
                + newArm.digest());
    assertEquals(list, destination.top);
    assertEquals(list.digest(), result.manifestDigest());
    assertTrue(destination.blobs.containsKey(c1) && destination.blobs.containsKey(c2));
    assertEquals(2, result.images());
  }

  @Test
  void withAllKeepsTheListBytesWhenNothingNeedsConverting() throws Exception {
    RawManifest amd = source.image(MediaType.DOCKER_SCHEMA2, source.blob("c1"), source.blob("l"));
    source.top = raw(MediaType.DOCKER_MANIFEST_LIST, "list|" + amd.digest());
    source.manifests.put(amd.digest(), amd);
    destination.accepted = List.of(MediaType.DOCKER_SCHEMA2, MediaType.DOCKER_MANIFEST_LIST);

    ImageCopier.builder(formats).all(true).build().copy(source, destination);

    assertEquals(source.top, destination.top);
    assertEquals(List.of(amd), destination.instances);
  }

  @Test
  void withAllAForcedFormatTheDestinationTakesNoListOfFails() {
    RawManifest amd = source.image(MediaType.DOCKER_SCHEMA2, source.blob("c1"), source.blob("l"));
    source.top = raw(MediaType.DOCKER_MANIFEST_LIST, "list|" + amd.digest());
    source.manifests.put(amd.digest(), amd);
    destination.accepted = List.of(MediaType.OCI_MANIFEST, MediaType.DOCKER_MANIFEST_LIST);

    ImageException e =
        assertThrows(
            ImageException.class,
            () ->
                ImageCopier.builder(formats)
                    .all(true)
                    .format(MediaType.OCI_MANIFEST)
                    .build()
                    .copy(source, destination));

    assertTrue(e.getMessage().contains("\"" + MediaType.OCI_INDEX + "\", the list type"), e.getMessage());
    assertTrue(destination.blobs.isEmpty());
    assertNull(destination.top);
  }

  @Test
  void copyBlobsWritesTheConvertedConfigToo() throws Exception {
    Digest layer = source.blob("layer");
    source.top = source.image(MediaType.DOCKER_SCHEMA2, source.blob("config"), layer);

    ImageCopier.builder(formats)
        .format(MediaType.OCI_MANIFEST)
        .build()
        .copyBlobs(source, destination, List.of());

    assertTrue(destination.blobs.containsKey(Digest.sha256("oci:config".getBytes(StandardCharsets.UTF_8))));
    assertEquals(MediaType.OCI_MANIFEST, destination.top.mediaType());
  }

  @Test
  void builderRefusesAFormatItCannotWrite() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ImageCopier.builder(formats).format(MediaType.DOCKER_SCHEMA1_SIGNED));
    assertTrue(e.getMessage().contains(MediaType.DOCKER_SCHEMA1_SIGNED), e.getMessage());
  }

  private static RawManifest raw(String type, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return new RawManifest(bytes, type, Digest.sha256(bytes));
  }

  /** Serves blobs unchecked; records the conversions its images were asked for. */
  private static final class Source implements ImageSource {
    final Map<Digest, byte[]> blobs = new ConcurrentHashMap<>();
    final Map<Digest, RawManifest> manifests = new ConcurrentHashMap<>();
    final List<String> converted = new CopyOnWriteArrayList<>();
    final List<Schema1Call> afterLayers = new CopyOnWriteArrayList<>();
    volatile String refuse;
    RawManifest top;

    Digest blob(String text) {
      return blob(text.getBytes(StandardCharsets.UTF_8));
    }

    Digest blob(byte[] bytes) {
      Digest d = Digest.sha256(bytes);
      blobs.put(d, bytes);
      return d;
    }

    RawManifest image(String type, Digest config, Digest... layers) {
      return raw(
          type,
          type
              + "|"
              + (config == null ? "" : config.toString())
              + "|"
              + String.join(",", Arrays.stream(layers).map(Digest::toString).toList()));
    }

    @Override
    public ImageReference reference() {
      return new MemoryReference("example/app");
    }

    @Override
    public RawManifest manifest() {
      return top;
    }

    @Override
    public RawManifest manifest(Digest digest) {
      return manifests.get(digest);
    }

    @Override
    public InputStream blob(Descriptor blob) throws ImageException {
      byte[] bytes = blobs.get(blob.digest());
      if (bytes == null) {
        throw new ImageException("no blob " + blob.digest());
      }
      return new ByteArrayInputStream(bytes);
    }

    @Override
    public void close() {}
  }

  private static final class Destination implements ImageDestination {
    final Map<Digest, byte[]> blobs = new ConcurrentHashMap<>();
    final java.util.concurrent.atomic.AtomicInteger puts = new java.util.concurrent.atomic.AtomicInteger();
    final List<RawManifest> instances = new CopyOnWriteArrayList<>();
    volatile List<String> accepted = List.of();
    volatile RawManifest top;

    @Override
    public ImageReference reference() {
      return new MemoryReference("dest");
    }

    @Override
    public List<String> supportedManifestMediaTypes() {
      return accepted;
    }

    @Override
    public boolean hasBlob(Descriptor blob) {
      return blobs.containsKey(blob.digest());
    }

    @Override
    public void putBlob(Descriptor blob, InputStream content) throws ImageException {
      puts.incrementAndGet();
      try (InputStream checked = new DigestVerifyingInputStream(content, blob)) {
        blobs.put(blob.digest(), checked.readAllBytes());
      } catch (ImageException e) {
        throw e;
      } catch (IOException e) {
        throw new ImageException("put failed: " + e.getMessage(), e);
      }
    }

    @Override
    public void putManifest(RawManifest manifest, Digest instance) {
      assertEquals(manifest.digest(), instance);
      assertNull(top, "instances go before the list");
      instances.add(manifest);
    }

    @Override
    public void putManifest(RawManifest manifest) {
      top = manifest;
    }

    @Override
    public void close() {}
  }

  private final class FakeFormat implements ManifestFormat {
    @Override
    public Set<String> mediaTypes() {
      return Set.of(
          MediaType.DOCKER_SCHEMA2,
          MediaType.OCI_MANIFEST,
          MediaType.DOCKER_SCHEMA1_SIGNED,
          MediaType.DOCKER_MANIFEST_LIST);
    }

    @Override
    public Manifest parse(byte[] bytes, String mediaType) {
      String[] parts = new String(bytes, StandardCharsets.UTF_8).split("\\|", -1);
      if (mediaType.equals(MediaType.DOCKER_MANIFEST_LIST)) {
        List<IndexEntry> entries = new ArrayList<>();
        for (String d : parts[1].split(",")) {
          entries.add(
              IndexEntry.of(
                  Descriptor.of(MediaType.DOCKER_SCHEMA2, Digest.parse(d), -1),
                  Platform.of("linux", "amd64", "")));
        }
        return new ManifestList() {
          @Override
          public List<IndexEntry> entries() {
            return entries;
          }

          @Override
          public RawManifest convertTo(String target, Map<Digest, Descriptor> instances) {
            List<String> written = new ArrayList<>();
            for (IndexEntry entry : entries) {
              Descriptor d = instances.getOrDefault(entry.descriptor().digest(), entry.descriptor());
              written.add(d.mediaType() + "@" + d.digest());
            }
            return raw(target, "list|" + target + "|" + String.join(",", written));
          }

          @Override
          public String mediaType() {
            return MediaType.DOCKER_MANIFEST_LIST;
          }
        };
      }
      Optional<Descriptor> config =
          parts[1].isEmpty()
              ? Optional.empty()
              : Optional.of(Descriptor.of("config", Digest.parse(parts[1]), -1));
      List<Descriptor> layers =
          Arrays.stream(parts[2].split(",")).map(d -> Descriptor.of("layer", Digest.parse(d), -1)).toList();
      if (mediaType.equals(MediaType.DOCKER_SCHEMA1_SIGNED)) {
        return schema1(mediaType, layers);
      }
      return new ImageManifest() {
        @Override
        public List<Descriptor> layers() {
          return layers;
        }

        @Override
        public Optional<Descriptor> configDescriptor() {
          return config;
        }

        @Override
        public ImageConfig decodeConfig(byte[] configBlob) {
          throw new UnsupportedOperationException();
        }

        @Override
        public String ociConfigJson(byte[] configBlob) {
          throw new UnsupportedOperationException();
        }

        @Override
        public ConvertedImage convertTo(String target, byte[] configBlob)
            throws InvalidManifestException {
          if (source.refuse != null) {
            throw new InvalidManifestException("unsupported-conversion", source.refuse);
          }
          source.converted.add(target);
          assertEquals(config.get().digest(), Digest.sha256(configBlob), "config read verified");
          byte[] newConfig =
              target.equals(MediaType.OCI_MANIFEST)
                  ? ("oci:" + new String(configBlob, StandardCharsets.UTF_8))
                      .getBytes(StandardCharsets.UTF_8)
                  : configBlob;
          Descriptor newDescriptor =
              Descriptor.of("config", Digest.sha256(newConfig), newConfig.length);
          return new ConvertedImage(
              raw(target, target + "|" + newDescriptor.digest() + "|" + parts[2]),
              newDescriptor,
              newConfig);
        }

        @Override
        public String mediaType() {
          return mediaType;
        }
      };
    }
      /** A schema1 fake: its config is {@code "config:" + diffIds}, built after the layers. */
    private ImageManifest schema1(String mediaType, List<Descriptor> layers) {
      return new ImageManifest() {
        @Override
        public List<Descriptor> layers() {
          return layers;
        }

        @Override
        public Optional<Descriptor> configDescriptor() {
          return Optional.empty();
        }

        @Override
        public ImageConfig decodeConfig(byte[] configBlob) {
          throw new UnsupportedOperationException();
        }

        @Override
        public String ociConfigJson(byte[] configBlob) {
          throw new UnsupportedOperationException();
        }

        @Override
        public boolean convertsAfterLayers() {
          return true;
        }

        @Override
        public ConvertedImage convertTo(
            String target, List<Descriptor> copied, List<Digest> diffIds)
            throws InvalidManifestException {
          if (source.refuse != null) {
            throw new InvalidManifestException("bad-config", source.refuse);
          }
          source.afterLayers.add(
              new Schema1Call(target, copied, diffIds, Set.copyOf(destination.blobs.keySet())));
          byte[] config =
              ("config:" + String.join(",", diffIds.stream().map(Digest::toString).toList()))
                  .getBytes(StandardCharsets.UTF_8);
          Descriptor d = Descriptor.of("config", Digest.sha256(config), config.length);
          String layerList =
              String.join(",", copied.stream().map(l -> l.digest().toString()).toList());
          return new ConvertedImage(
              raw(target, target + "|" + d.digest() + "|" + layerList), d, config);
        }

        @Override
        public String mediaType() {
          return mediaType;
        }
      };
    }
  }
}
