package dev.spyglass.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.Platform;
import dev.spyglass.api.RawManifest;
import dev.spyglass.testing.MemoryImage;
import dev.spyglass.testing.MemoryTransport;
import dev.spyglass.testing.TextManifestFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Tests resolution and inspection through the kit's in-memory transport and text format: a list's
 * entries are amd64 then arm64; an image's one layer is its config blob.
 */
class ImageResolverTest {
  private static final String LIST = "application/x-list";
  private static final String IMAGE = "application/x-image";
  private final ManifestFormats formats =
      new TextManifestFormat(Set.of(IMAGE), Set.of(LIST), Set.of()).formats();
  private final MemoryImage app =
      new MemoryTransport().image("example/app").dockerName("example/app").tags(List.of("1.0", "latest"));

  @Test
  void resolvesAnImageAndItsVerifiedConfig() throws Exception {
    RawManifest image = app.setManifest(image("amd64"));
    ResolvedImage resolved = resolver("amd64").resolve(source());
    assertEquals(image.digest(), resolved.digest());
    assertArrayEquals(app.blob(configDigestOf("amd64")).orElseThrow(), resolved.configBlob());
  }

  @Test
  void choosesThePlatformOfAListAndReportsTheListDigest() throws Exception {
    RawManifest amd = image("amd64");
    RawManifest arm = image("arm64");
    RawManifest list = app.setManifest(list(amd, arm));
    ResolvedImage resolved = resolver("arm64").resolve(source());
    assertEquals(list.digest(), resolved.digest());
    assertEquals(arm.digest(), resolved.raw().digest());
  }

  @Test
  void inspectionCarriesTagsConfigAndLayers() throws Exception {
    app.setManifest(image("amd64"));
    ImageInspection i = new Inspector(resolver("amd64")).inspect(source(), true);
    assertEquals(List.of("1.0", "latest"), i.repoTags());
    assertEquals("amd64", i.config().architecture());
    assertEquals(1, i.layers().size());
    assertEquals("example/app", i.name());
    assertEquals(List.of(), new Inspector(resolver("amd64")).inspect(source(), false).repoTags());
  }

  @Test
  void missingPlatformIsNotFound() {
    RawManifest amd = image("amd64");
    app.setManifest(list(amd, amd));
    assertThrows(NotFoundException.class, () -> resolver("s390x").resolve(source()));
  }

  @Test
  void corruptConfigFailsWithDigestMismatch() {
    app.setManifest(image("amd64"));
    app.tamper(configDigestOf("amd64"), "{\"tampered\":true}".getBytes(StandardCharsets.UTF_8));
    assertThrows(DigestMismatchException.class, () -> resolver("amd64").resolve(source()));
  }

  private ImageSource source() throws ImageException {
    return app.reference().newImageSource(ImageOptions.builder().formats(formats).build());
  }

  private ImageResolver resolver(String arch) {
    return new ImageResolver(formats, new PlatformMatcher(Platform.of("linux", arch, "")));
  }

  private static byte[] config(String arch) {
    return ("{\"architecture\":\"" + arch + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  private static Digest configDigestOf(String arch) {
    return Digest.sha256(config(arch));
  }

  /** An image whose config is {@code arch}'s, and whose one layer is that config blob too. */
  private RawManifest image(String arch) {
    Digest config = app.addBlob(config(arch));
    return app.addManifest(TextManifestFormat.image(IMAGE, config, config));
  }

  private RawManifest list(RawManifest amd, RawManifest arm) {
    return app.addManifest(
        TextManifestFormat.list(
            LIST,
            Map.entry(amd, Platform.of("linux", "amd64", "")),
            Map.entry(arm, Platform.of("linux", "arm64", ""))));
  }
}
