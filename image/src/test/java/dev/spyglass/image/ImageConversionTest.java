package dev.spyglass.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.IndexEntry;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.Platform;
import dev.spyglass.api.RawManifest;
import dev.spyglass.testing.MemoryImage;
import dev.spyglass.testing.MemoryTransport;
import dev.spyglass.testing.TextManifestFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The copier's manifest conversion, with the kit's in-memory transport (the source serves blobs
 * unchecked) and text format: a manifest is {@code <mediaType>|<config>|<layer>,...} and converts
 * by changing its media type; converting to OCI rewrites the config as {@code "oci:" + config} (as
 * containers/image rewrites it), converting to schema2 keeps it; schema1 converts after its layers
 * with the config {@code "config:" + diff ids}. The real conversions are tested byte for byte
 * against skopeo in manifest-oci.
 */
class ImageConversionTest {
  private static final Platform LINUX_AMD64 = Platform.of("linux", "amd64", "");
  private final MemoryTransport memory = new MemoryTransport();
  private final MemoryImage source = memory.image("example/app").verifyBlobs(false);
  private final MemoryImage destination = memory.image("dest");
  /** The blobs the destination held when the last conversion was asked. */
  private final AtomicReference<Set<Digest>> presentAtConversion = new AtomicReference<>(Set.of());
  private final TextManifestFormat format =
      new TextManifestFormat().onConversion(c -> presentAtConversion.set(destination.blobDigests()));
  private final ManifestFormats formats = format.formats();
  private final ImageOptions options = ImageOptions.builder().formats(formats).build();

  @Test
  void convertsSchema2ToOciWhenTheDestinationTakesOnlyOci() throws Exception {
    Digest layer = blob("layer");
    Digest config = blob("config");
    source.setManifest(image(MediaType.DOCKER_SCHEMA2, config, layer));
    destination.accept(List.of(MediaType.OCI_MANIFEST, MediaType.OCI_INDEX));

    CopyResult result = copy(ImageCopier.builder(formats));

    byte[] newConfig = "oci:config".getBytes(StandardCharsets.UTF_8);
    RawManifest expected =
        TextManifestFormat.image(MediaType.OCI_MANIFEST, Digest.sha256(newConfig), layer);
    assertEquals(expected, destination.manifest().orElse(null));
    assertEquals(expected.digest(), result.manifestDigest());
    assertEquals(MediaType.OCI_MANIFEST, result.manifestMediaType());
    assertArrayEquals(newConfig, destination.blob(Digest.sha256(newConfig)).orElseThrow());
    assertFalse(destination.blob(config).isPresent(), "the source config is replaced");
    assertTrue(destination.blob(layer).isPresent());
    assertEquals(2, result.blobsCopied());
  }

  @Test
  void keepsTheManifestWhenTheDestinationTakesItsType() throws Exception {
    Digest config = blob("config");
    source.setManifest(image(MediaType.DOCKER_SCHEMA2, config, blob("layer")));
    destination.accept(List.of(MediaType.OCI_MANIFEST, MediaType.DOCKER_SCHEMA2));

    CopyResult result = copy(ImageCopier.builder(formats));

    assertEquals(source.manifest().orElseThrow(), destination.manifest().orElse(null));
    assertEquals(source.manifest().orElseThrow().digest(), result.manifestDigest());
    assertArrayEquals(source.blob(config).orElseThrow(), destination.blob(config).orElseThrow());
  }

  @Test
  void forcedFormatConvertsEvenWhenTheDestinationTakesAnything() throws Exception {
    Digest config = blob("config");
    Digest layer = blob("layer");
    source.setManifest(image(MediaType.OCI_MANIFEST, config, layer));

    CopyResult result =
        copy(ImageCopier.builder(formats)
            .format(MediaType.DOCKER_SCHEMA2));

    RawManifest expected =
        TextManifestFormat.image(MediaType.DOCKER_SCHEMA2, config, layer);
    assertEquals(expected, destination.manifest().orElse(null));
    assertEquals(expected.digest(), result.manifestDigest());
    assertArrayEquals(source.blob(config).orElseThrow(), destination.blob(config).orElseThrow(), "config kept");
  }

  @Test
  void forcedFormatEqualToTheSourceKeepsTheBytes() throws Exception {
    source.setManifest(image(MediaType.OCI_MANIFEST, blob("config"), blob("layer")));

    copy(ImageCopier.builder(formats).format(MediaType.OCI_MANIFEST));

    assertEquals(source.manifest().orElseThrow(), destination.manifest().orElse(null));
    assertEquals(0, imageConversions().size());
  }

  @Test
  void prefersSchema2AmongTheDestinationsTypesAsSkopeoDoes() throws Exception {
    Digest config = blob("config");
    source.setManifest(image(MediaType.OCI_MANIFEST, config, blob("layer")));
    destination.accept(List.of(MediaType.DOCKER_SCHEMA1_SIGNED, MediaType.DOCKER_SCHEMA2));

    CopyResult result = copy(ImageCopier.builder(formats));

    assertEquals(MediaType.DOCKER_SCHEMA2, result.manifestMediaType());
    assertEquals(List.of(MediaType.DOCKER_SCHEMA2), imageConversions());
  }

  @Test
  void forcedFormatTheDestinationRefusesFailsBeforeAnyBlobMoves() {
    source.setManifest(image(MediaType.DOCKER_SCHEMA2, blob("config"), blob("layer")));
    destination.accept(List.of(MediaType.OCI_MANIFEST));

    ImageException e =
        assertThrows(
            ImageException.class,
            () ->
                copy(ImageCopier.builder(formats)
                    .format(MediaType.DOCKER_SCHEMA2)));

    assertEquals(
        "destination \"memory:dest\" does not accept the format asked for, \""
            + MediaType.DOCKER_SCHEMA2
            + "\": it takes "
            + MediaType.OCI_MANIFEST,
        e.getMessage());
    assertTrue(destination.blobDigests().isEmpty());
    assertNull(destination.manifest().orElse(null));
  }

  @Test
  void schema1IsConvertedAfterItsLayersWithDiffIdsOfTheGunzippedStream() throws Exception {
    byte[] base = "base layer tar".repeat(1000).getBytes(StandardCharsets.UTF_8);
    byte[] top = "top layer tar".getBytes(StandardCharsets.UTF_8);
    byte[] baseGz = gzip(base);
    byte[] topGz = gzip(top);
    Digest baseLayer = blob(baseGz);
    Digest topLayer = blob(topGz);
    source.setManifest(image(MediaType.DOCKER_SCHEMA1_SIGNED, null, baseLayer, topLayer));
    destination.accept(List.of(MediaType.OCI_MANIFEST));
    destination.addBlob(topGz); // present already: still read, for its diff id

    CopyResult result = copy(ImageCopier.builder(formats));

    TextManifestFormat.Conversion call = format.conversions().get(format.conversions().size() - 1);
    assertEquals(MediaType.OCI_MANIFEST, call.target());
    assertEquals(List.of(Digest.sha256(base), Digest.sha256(top)), call.diffIds());
    assertEquals(
        List.of((long) baseGz.length, (long) topGz.length),
        call.copiedLayers().stream().map(Descriptor::size).toList());
    assertTrue(presentAtConversion.get().containsAll(Set.of(baseLayer, topLayer)), "layers copied first");
    assertEquals(3, destination.putAttempts(), "both layers sent (one was there), then the config");
    byte[] config = ("config:" + Digest.sha256(base) + "," + Digest.sha256(top)).getBytes(StandardCharsets.UTF_8);
    RawManifest expected =
        TextManifestFormat.image(MediaType.OCI_MANIFEST, Digest.sha256(config), baseLayer, topLayer);
    assertEquals(expected, destination.manifest().orElse(null));
    assertArrayEquals(config, destination.blob(Digest.sha256(config)).orElseThrow());
    assertEquals(expected.digest(), result.manifestDigest());
    assertEquals(3, result.blobsCopied());
  }

  @Test
  void schema1LayerThatIsNotValidGzipFailsWithoutAManifest() throws Exception {
    byte[] broken = gzip("layer".getBytes(StandardCharsets.UTF_8));
    broken[broken.length - 8] ^= 1; // CRC-32 of the member
    Digest layer = blob(broken);
    source.setManifest(image(MediaType.DOCKER_SCHEMA1_SIGNED, null, layer));
    destination.accept(List.of(MediaType.OCI_MANIFEST));

    ImageException e =
        assertThrows(
            ImageException.class, () -> copy(ImageCopier.builder(formats)));

    assertTrue(e.getMessage().contains("diff id of layer \"" + layer + "\""), e.getMessage());
    assertTrue(e.getMessage().contains("CRC-32"), e.getMessage());
    assertNull(destination.manifest().orElse(null));
  }

  @Test
  void schema1ConversionThatCannotWorkFailsBeforeAnyBlobMoves() {
    source.setManifest(
        image(
            MediaType.DOCKER_SCHEMA1_SIGNED,
            null,
            blob(gzip("layer".getBytes(StandardCharsets.UTF_8)))));
    format.refuseConversions("history[0] has a bad config");
    destination.accept(List.of(MediaType.OCI_MANIFEST));

    ImageException e =
        assertThrows(
            ImageException.class, () -> copy(ImageCopier.builder(formats)));

    assertTrue(
        e.getMessage().startsWith("cannot convert manifest \"" + source.manifest().orElseThrow().digest()),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("history[0] has a bad config"), e.getMessage());
    assertTrue(destination.blobDigests().isEmpty());
    assertNull(destination.manifest().orElse(null));
  }

  @Test
  void schema1KeptWhenTheDestinationTakesIt() throws Exception {
    Digest layer = blob(gzip("layer".getBytes(StandardCharsets.UTF_8)));
    source.setManifest(image(MediaType.DOCKER_SCHEMA1_SIGNED, null, layer));
    destination.accept(List.of(MediaType.DOCKER_SCHEMA1_SIGNED, MediaType.DOCKER_SCHEMA2));

    copy(ImageCopier.builder(formats));

    assertEquals(source.manifest().orElseThrow(), destination.manifest().orElse(null));
    assertTrue(format.conversions().isEmpty());
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
    RawManifest amd = image(MediaType.DOCKER_SCHEMA2, blob("c1"), blob("l"));
    RawManifest list = source.setManifest(list(amd));
    destination.accept(LAYOUT_TYPES);

    CopyResult result = copy(ImageCopier.builder(formats).all(true));

    assertEquals(list, destination.manifest().orElse(null));
    assertEquals(list.digest(), result.manifestDigest());
    assertEquals(List.of(amd), destination.instances());
    assertTrue(format.conversions().isEmpty(), format.conversions().toString());
  }

  @Test
  void aDestinationNamingOciFirstGetsSchema1ConvertedToOci() throws Exception {
    Digest layer = blob(gzip("layer".getBytes(StandardCharsets.UTF_8)));
    source.setManifest(image(MediaType.DOCKER_SCHEMA1_SIGNED, null, layer));
    destination.accept(LAYOUT_TYPES);

    CopyResult result = copy(ImageCopier.builder(formats));

    assertEquals(MediaType.OCI_MANIFEST, result.manifestMediaType());
    TextManifestFormat.Conversion call = format.conversions().get(format.conversions().size() - 1);
    assertEquals(MediaType.OCI_MANIFEST, call.target());
    assertEquals(
        List.of(layer),
        call.copiedLayers().stream().map(Descriptor::digest).toList(),
        "converted after its layers");
  }

  @Test
  void forcedOciFormatStillConvertsSchema2ForADestinationThatTakesIt() throws Exception {
    source.setManifest(image(MediaType.DOCKER_SCHEMA2, blob("config"), blob("l")));
    destination.accept(LAYOUT_TYPES);

    CopyResult result = copy(ImageCopier.builder(formats).format(MediaType.OCI_MANIFEST));

    assertEquals(MediaType.OCI_MANIFEST, result.manifestMediaType());
    assertEquals(List.of(MediaType.OCI_MANIFEST), imageConversions());
  }

  @Test
  void preservingDigestsRefusesAConversionTheDestinationNeedsBeforeAnyBlobMoves() {
    RawManifest top =
        source.setManifest(image(MediaType.DOCKER_SCHEMA2, blob("config"), blob("l")));
    destination.accept(List.of(MediaType.OCI_MANIFEST, MediaType.OCI_INDEX));

    ImageException e =
        assertThrows(
            ImageException.class,
            () -> copy(ImageCopier.builder(formats).preserveDigests(true)));

    assertEquals(
        "cannot keep the digest of manifest \""
            + top.digest()
            + "\" of \"memory:example/app\": it would be converted from \""
            + MediaType.DOCKER_SCHEMA2
            + "\" to \""
            + MediaType.OCI_MANIFEST
            + "\", because destination \"memory:dest\" does not take \""
            + MediaType.DOCKER_SCHEMA2
            + "\"",
        e.getMessage());
    assertTrue(destination.blobDigests().isEmpty());
    assertNull(destination.manifest().orElse(null));
  }

  @Test
  void preservingDigestsRefusesAFormatThatWouldConvertAndASchema1Conversion() {
    source.setManifest(image(MediaType.DOCKER_SCHEMA2, blob("config"), blob("l")));
    ImageException forced =
        assertThrows(
            ImageException.class,
            () ->
                copy(
                    ImageCopier.builder(formats)
                        .format(MediaType.OCI_MANIFEST)
                        .preserveDigests(true)));
    assertTrue(
        forced
            .getMessage()
            .endsWith("because the format asked for is \"" + MediaType.OCI_MANIFEST + "\""),
        forced.getMessage());

    source.setManifest(
        image(
            MediaType.DOCKER_SCHEMA1_SIGNED,
            null,
            blob(gzip("x".getBytes(StandardCharsets.UTF_8)))));
    destination.accept(LAYOUT_TYPES);
    ImageException schema1 =
        assertThrows(
            ImageException.class,
            () -> copy(ImageCopier.builder(formats).preserveDigests(true)));
    assertTrue(
        schema1.getMessage().startsWith("cannot keep the digest of manifest"),
        schema1.getMessage());
    assertTrue(destination.blobDigests().isEmpty());
    assertNull(destination.manifest().orElse(null));
  }

  @Test
  void preservingDigestsCopiesWhatNeedsNoConversion() throws Exception {
    RawManifest top =
        source.setManifest(image(MediaType.DOCKER_SCHEMA2, blob("config"), blob("l")));
    destination.accept(LAYOUT_TYPES);

    CopyResult result = copy(ImageCopier.builder(formats).preserveDigests(true));

    assertEquals(top.digest(), result.manifestDigest());
    assertEquals(top, destination.manifest().orElse(null));
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

  @Test
  void aFailedConversionNamesTheManifestAndTheReason() {
    source.setManifest(image(MediaType.OCI_MANIFEST, blob("config"), blob("layer")));
    format.refuseConversions("layer \"x\" is zstd");
    destination.accept(List.of(MediaType.DOCKER_SCHEMA2));

    ImageException e =
        assertThrows(
            ImageException.class, () -> copy(ImageCopier.builder(formats)));

    assertEquals(
        "cannot convert manifest \""
            + source.manifest().orElseThrow().digest()
            + "\" of \"memory:example/app\" from \""
            + MediaType.OCI_MANIFEST
            + "\" to \""
            + MediaType.DOCKER_SCHEMA2
            + "\" for \"memory:dest\": layer \"x\" is zstd",
        e.getMessage());
    assertNull(destination.manifest().orElse(null));
  }

  @Test
  void aConfigThatDoesNotMatchItsDigestIsNotConverted() {
    Digest config = blob("config");
    source.tamper(config, "tampered".getBytes(StandardCharsets.UTF_8));
    source.setManifest(image(MediaType.DOCKER_SCHEMA2, config, blob("layer")));
    destination.accept(List.of(MediaType.OCI_MANIFEST));

    assertThrows(
        DigestMismatchException.class,
        () -> copy(ImageCopier.builder(formats)));
    assertEquals(0, imageConversions().size());
    assertNull(destination.manifest().orElse(null));
  }

  @Test
  void withAllConvertsEachImageThenTheListToPointAtThem() throws Exception {
    Digest layer = blob("layer");
    RawManifest amd = image(MediaType.DOCKER_SCHEMA2, blob("c1"), layer);
    RawManifest arm = image(MediaType.DOCKER_SCHEMA2, blob("c2"), layer);
    source.setManifest(list(amd, arm));
    destination.accept(List.of(MediaType.OCI_MANIFEST, MediaType.OCI_INDEX));

    CopyResult result = copy(ImageCopier.builder(formats).all(true));

    Digest c1 = Digest.sha256("oci:c1".getBytes(StandardCharsets.UTF_8));
    Digest c2 = Digest.sha256("oci:c2".getBytes(StandardCharsets.UTF_8));
    RawManifest newAmd = TextManifestFormat.image(MediaType.OCI_MANIFEST, c1, layer);
    RawManifest newArm = TextManifestFormat.image(MediaType.OCI_MANIFEST, c2, layer);
    assertEquals(List.of(newAmd, newArm), destination.instances());
    RawManifest list =
        TextManifestFormat.list(
            MediaType.OCI_INDEX, Map.entry(newAmd, LINUX_AMD64), Map.entry(newArm, LINUX_AMD64));
    List<String> events = destination.events();
    assertEquals("manifest " + list.digest(), events.get(events.size() - 1), "instances go before the list");
    assertEquals(list, destination.manifest().orElse(null));
    assertEquals(list.digest(), result.manifestDigest());
    assertTrue(destination.blob(c1).isPresent() && destination.blob(c2).isPresent());
    assertEquals(2, result.images());
  }

  @Test
  void withAllKeepsTheListBytesWhenNothingNeedsConverting() throws Exception {
    RawManifest amd = image(MediaType.DOCKER_SCHEMA2, blob("c1"), blob("l"));
    source.setManifest(list(amd));
    destination.accept(List.of(MediaType.DOCKER_SCHEMA2, MediaType.DOCKER_MANIFEST_LIST));

    copy(ImageCopier.builder(formats).all(true));

    assertEquals(source.manifest().orElseThrow(), destination.manifest().orElse(null));
    assertEquals(List.of(amd), destination.instances());
  }

  @Test
  void withAllAForcedFormatTheDestinationTakesNoListOfFails() {
    RawManifest amd = image(MediaType.DOCKER_SCHEMA2, blob("c1"), blob("l"));
    source.setManifest(list(amd));
    destination.accept(List.of(MediaType.OCI_MANIFEST, MediaType.DOCKER_MANIFEST_LIST));

    ImageException e =
        assertThrows(
            ImageException.class,
            () ->
                copy(ImageCopier.builder(formats)
                    .all(true)
                    .format(MediaType.OCI_MANIFEST)));

    assertTrue(e.getMessage().contains("\"" + MediaType.OCI_INDEX + "\", the list type"), e.getMessage());
    assertTrue(destination.blobDigests().isEmpty());
    assertNull(destination.manifest().orElse(null));
  }

  @Test
  void copyBlobsWritesTheConvertedConfigToo() throws Exception {
    Digest layer = blob("layer");
    source.setManifest(image(MediaType.DOCKER_SCHEMA2, blob("config"), layer));

    copyBlobs(ImageCopier.builder(formats)
        .format(MediaType.OCI_MANIFEST));

    assertTrue(destination.blob(Digest.sha256("oci:config".getBytes(StandardCharsets.UTF_8))).isPresent());
    assertEquals(MediaType.OCI_MANIFEST, destination.manifest().orElse(null).mediaType());
  }

  @Test
  void builderRefusesAFormatItCannotWrite() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ImageCopier.builder(formats).format(MediaType.DOCKER_SCHEMA1_SIGNED));
    assertTrue(e.getMessage().contains(MediaType.DOCKER_SCHEMA1_SIGNED), e.getMessage());
  }

  private CopyResult copy(ImageCopier.Builder copier) throws ImageException {
    try (ImageSource from = source.reference().newImageSource(options);
        ImageDestination to = destination.reference().newImageDestination(options)) {
      return copier.build().copy(from, to);
    }
  }

  private CopyResult copyBlobs(ImageCopier.Builder copier) throws ImageException {
    try (ImageSource from = source.reference().newImageSource(options);
        ImageDestination to = destination.reference().newImageDestination(options)) {
      return copier.build().copyBlobs(from, to, List.of());
    }
  }

  private Digest blob(String text) {
    return source.addBlob(text);
  }

  private Digest blob(byte[] bytes) {
    return source.addBlob(bytes);
  }

  /** An image of the source, stored by digest. */
  private RawManifest image(String type, Digest config, Digest... layers) {
    return source.addManifest(TextManifestFormat.image(type, config, layers));
  }

  /** A Docker manifest list of the source pointing at {@code images}, all linux/amd64. */
  private RawManifest list(RawManifest... images) {
    List<IndexEntry> entries = new ArrayList<>();
    for (RawManifest image : images) {
      entries.add(
          IndexEntry.of(
              Descriptor.of(image.mediaType(), image.digest(), image.size()), LINUX_AMD64));
    }
    return source.addManifest(TextManifestFormat.list(MediaType.DOCKER_MANIFEST_LIST, entries));
  }

  /** The image conversions asked (not those of lists), by target. */
  private List<String> imageConversions() {
    return format.conversions().stream()
        .filter(c -> !MediaType.isList(c.from()))
        .map(TextManifestFormat.Conversion::target)
        .toList();
  }
}
