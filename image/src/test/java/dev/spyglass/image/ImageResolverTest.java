package dev.spyglass.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.DigestVerifyingInputStream;
import dev.spyglass.api.ImageConfig;
import dev.spyglass.api.ImageManifest;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.IndexEntry;
import dev.spyglass.api.Manifest;
import dev.spyglass.api.ManifestFormat;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.ManifestList;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.Platform;
import dev.spyglass.api.RawManifest;
import dev.spyglass.api.Transport;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Tests resolution and inspection through a tiny in-memory transport and format: a "list" manifest
 * is the text {@code list:<digest>,<digest>} whose entries are amd64 then arm64; an "image" is
 * {@code image:<config digest>}.
 */
class ImageResolverTest {
  private static final String LIST = "application/x-list";
  private static final String IMAGE = "application/x-image";
  private final Map<Digest, RawManifest> manifests = new HashMap<>();
  private final Map<Digest, byte[]> blobs = new HashMap<>();
  private final ManifestFormats formats = ManifestFormats.of(List.of(new TextFormat()));

  @Test
  void resolvesAnImageAndItsVerifiedConfig() throws Exception {
    RawManifest image = image("amd64");
    ResolvedImage resolved = resolver("amd64").resolve(new MemorySource(image));
    assertEquals(image.digest(), resolved.digest());
    assertArrayEquals(blobs.get(configDigestOf(image)), resolved.configBlob());
  }

  @Test
  void choosesThePlatformOfAListAndReportsTheListDigest() throws Exception {
    RawManifest amd = image("amd64");
    RawManifest arm = image("arm64");
    RawManifest list = raw(LIST, "list:" + amd.digest() + "," + arm.digest());
    ResolvedImage resolved = resolver("arm64").resolve(new MemorySource(list));
    assertEquals(list.digest(), resolved.digest());
    assertEquals(arm.digest(), resolved.raw().digest());
  }

  @Test
  void inspectionCarriesTagsConfigAndLayers() throws Exception {
    RawManifest image = image("amd64");
    ImageInspection i = new Inspector(resolver("amd64")).inspect(new MemorySource(image), true);
    assertEquals(List.of("1.0", "latest"), i.repoTags());
    assertEquals("amd64", i.config().architecture());
    assertEquals(1, i.layers().size());
    assertEquals("example/app", i.name());
    assertEquals(List.of(), new Inspector(resolver("amd64")).inspect(new MemorySource(image), false).repoTags());
  }

  @Test
  void missingPlatformIsNotFound() {
    RawManifest amd = image("amd64");
    RawManifest list = raw(LIST, "list:" + amd.digest() + "," + amd.digest());
    assertThrows(NotFoundException.class, () -> resolver("s390x").resolve(new MemorySource(list)));
  }

  @Test
  void corruptConfigFailsWithDigestMismatch() {
    RawManifest image = image("amd64");
    blobs.put(configDigestOf(image), "{\"tampered\":true}".getBytes(StandardCharsets.UTF_8));
    assertThrows(DigestMismatchException.class, () -> resolver("amd64").resolve(new MemorySource(image)));
  }

  private ImageResolver resolver(String arch) {
    return new ImageResolver(formats, new PlatformMatcher(Platform.of("linux", arch, "")));
  }

  private RawManifest image(String arch) {
    byte[] config = ("{\"architecture\":\"" + arch + "\"}").getBytes(StandardCharsets.UTF_8);
    Digest configDigest = Digest.sha256(config);
    blobs.put(configDigest, config);
    return raw(IMAGE, "image:" + configDigest);
  }

  private RawManifest raw(String type, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    RawManifest raw = new RawManifest(bytes, type, Digest.sha256(bytes));
    manifests.put(raw.digest(), raw);
    return raw;
  }

  private static Digest configDigestOf(RawManifest image) {
    return Digest.parse(new String(image.bytes(), StandardCharsets.UTF_8).substring("image:".length()));
  }

  private static Descriptor configDescriptor(Digest digest) {
    return Descriptor.of("application/x-config", digest, -1);
  }

  private final class MemorySource implements ImageSource {
    private final RawManifest top;

    MemorySource(RawManifest top) {
      this.top = top;
    }

    @Override
    public ImageReference reference() {
      return new ImageReference() {
        @Override
        public Transport transport() {
          throw new UnsupportedOperationException();
        }

        @Override
        public String stringWithinTransport() {
          return "example/app";
        }

        @Override
        public Optional<String> dockerName() {
          return Optional.of("example/app");
        }

        @Override
        public String describe() {
          return "memory:example/app";
        }

        @Override
        public ImageSource newImageSource(ImageOptions options) {
          return MemorySource.this;
        }
      };
    }

    @Override
    public RawManifest manifest() {
      return top;
    }

    @Override
    public RawManifest manifest(Digest digest) throws NotFoundException {
      RawManifest m = manifests.get(digest);
      if (m == null) {
        throw new NotFoundException("manifest", digest.toString(), "");
      }
      return m;
    }

    @Override
    public InputStream blob(Descriptor blob) {
      return new DigestVerifyingInputStream(new ByteArrayInputStream(blobs.get(blob.digest())), blob);
    }

    @Override
    public List<String> tags() {
      return List.of("1.0", "latest");
    }

    @Override
    public void close() {}
  }

  private static final class TextFormat implements ManifestFormat {
    @Override
    public Set<String> mediaTypes() {
      return Set.of(LIST, IMAGE);
    }

    @Override
    public Manifest parse(byte[] bytes, String mediaType) {
      String text = new String(bytes, StandardCharsets.UTF_8);
      if (mediaType.equals(LIST)) {
        String[] digests = text.substring("list:".length()).split(",");
        List<IndexEntry> entries =
            List.of(
                IndexEntry.of(Descriptor.of(IMAGE, Digest.parse(digests[0]), -1), Platform.of("linux", "amd64", "")),
                IndexEntry.of(Descriptor.of(IMAGE, Digest.parse(digests[1]), -1), Platform.of("linux", "arm64", "")));
        return new ManifestList() {
          @Override
          public List<IndexEntry> entries() {
            return entries;
          }

          @Override
          public String mediaType() {
            return LIST;
          }
        };
      }
      Digest config = Digest.parse(text.substring("image:".length()));
      return new ImageManifest() {
        @Override
        public List<Descriptor> layers() {
          return List.of(Descriptor.of("application/x-layer", config, -1));
        }

        @Override
        public Optional<Descriptor> configDescriptor() {
          return Optional.of(ImageResolverTest.configDescriptor(config));
        }

        @Override
        public ImageConfig decodeConfig(byte[] configBlob) {
          String arch = new String(configBlob, StandardCharsets.UTF_8).replaceAll(".*\"architecture\":\"([^\"]*)\".*", "$1");
          return new ImageConfig(null, "", "", arch, "linux", "", null, null);
        }

        @Override
        public String ociConfigJson(byte[] configBlob) {
          return new String(configBlob, StandardCharsets.UTF_8);
        }

        @Override
        public String mediaType() {
          return IMAGE;
        }
      };
    }
  }
}
