package dev.spyglass.transport.layout;

import static dev.spyglass.transport.layout.TestImage.OPTIONS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.InvalidReferenceException;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.RawManifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OciTransportTest {
  private final OciTransport transport = new OciTransport();
  @TempDir Path tmp;

  @Test
  void writesALayoutAndReadsEachImageBackByName() throws Exception {
    Path layout = tmp.resolve("layout");
    TestImage one = TestImage.of("one");
    TestImage two = TestImage.of("two");
    write(layout, "v1", one);
    write(layout, "v2", two);
    assertEquals("{\"imageLayoutVersion\": \"1.0.0\"}", Files.readString(layout.resolve("oci-layout")));
    assertEquals(List.of("v1", "v2"), refNames(layout));
    assertTrue(Files.isRegularFile(layout.resolve("blobs/sha256/" + one.manifest().digest().hex())));
    try (ImageSource source = transport.parseReference(layout + ":v2").newImageSource(OPTIONS)) {
      assertEquals(two.manifest(), source.manifest());
      assertArrayEquals(two.layer(), TestImage.readBlob(source, two.layerDescriptor()));
      assertEquals(List.of(), source.tags());
    }
    try (ImageSource source = transport.parseReference(layout + ":v1").newImageSource(OPTIONS)) {
      assertEquals(one.manifest(), source.manifest());
    }
  }

  @Test
  void replacesTheEntryOfTheSameNameAndKeepsTheOthers() throws Exception {
    Path layout = tmp.resolve("layout");
    write(layout, "a", TestImage.of("a"));
    write(layout, "latest", TestImage.of("old"));
    write(layout, "b", TestImage.of("b"));
    TestImage fresh = TestImage.of("new");
    write(layout, "latest", fresh);
    assertEquals(List.of("a", "latest", "b"), refNames(layout));
    try (ImageSource source = transport.parseReference(layout + ":latest").newImageSource(OPTIONS)) {
      assertEquals(fresh.manifest(), source.manifest());
    }
  }

  @Test
  void readsTheOnlyImageWhenNoNameIsGivenAndRefusesToGuessAmongSeveral() throws Exception {
    Path layout = tmp.resolve("layout");
    TestImage only = TestImage.of("only");
    write(layout, "v1", only);
    try (ImageSource source = transport.parseReference(layout.toString()).newImageSource(OPTIONS)) {
      assertEquals(only.manifest(), source.manifest());
    }
    write(layout, "v2", TestImage.of("other"));
    ImageException e =
        assertThrows(
            ImageException.class, () -> transport.parseReference(layout.toString()).newImageSource(OPTIONS));
    assertTrue(e.getMessage().contains("holds 2 images"), e.getMessage());
  }

  @Test
  void storesAnIndexAndItsImages() throws Exception {
    Path layout = tmp.resolve("layout");
    TestImage a = TestImage.of("a");
    TestImage b = TestImage.of("b");
    RawManifest index = TestImage.index(List.of(a, b));
    try (ImageDestination dest = transport.parseReference(layout + ":multi").newImageDestination(OPTIONS)) {
      for (TestImage image : List.of(a, b)) {
        image.putBlobs(dest);
        dest.putManifest(image.manifest(), image.manifest().digest());
      }
      dest.putManifest(index);
    }
    assertEquals(List.of("multi"), refNames(layout));
    try (ImageSource source = transport.parseReference(layout + ":multi").newImageSource(OPTIONS)) {
      assertEquals(index, source.manifest());
      assertEquals(a.manifest(), source.manifest(a.manifest().digest()));
    }
  }

  @Test
  void storesDockerSchema2ImagesAndListsAsTheyAreSoTheirDigestsAreKept() throws Exception {
    Path layout = tmp.resolve("layout");
    TestImage single = TestImage.docker("single");
    write(layout, "single", single);
    TestImage a = TestImage.docker("a");
    TestImage b = TestImage.docker("b");
    RawManifest list = TestImage.dockerList(List.of(a, b));
    try (ImageDestination dest = transport.parseReference(layout + ":multi").newImageDestination(OPTIONS)) {
      assertTrue(dest.supportedManifestMediaTypes().containsAll(
          List.of(MediaType.DOCKER_SCHEMA2, MediaType.DOCKER_MANIFEST_LIST)));
      for (TestImage image : List.of(a, b)) {
        image.putBlobs(dest);
        dest.putManifest(image.manifest(), image.manifest().digest());
      }
      dest.putManifest(list);
    }

    JsonObject index = JsonParser.parseString(Files.readString(layout.resolve("index.json"))).getAsJsonObject();
    JsonObject first = index.getAsJsonArray("manifests").get(0).getAsJsonObject();
    assertEquals(MediaType.DOCKER_SCHEMA2, first.get("mediaType").getAsString());
    assertEquals(single.manifest().digest().toString(), first.get("digest").getAsString());
    assertEquals(
        MediaType.DOCKER_MANIFEST_LIST,
        index.getAsJsonArray("manifests").get(1).getAsJsonObject().get("mediaType").getAsString());
    assertArrayEquals(
        list.bytes(), Files.readAllBytes(layout.resolve("blobs/sha256/" + list.digest().hex())));

    try (ImageSource source = transport.parseReference(layout + ":single").newImageSource(OPTIONS)) {
      assertEquals(single.manifest(), source.manifest());
      assertArrayEquals(single.layer(), TestImage.readBlob(source, single.layerDescriptor()));
    }
    try (ImageSource source = transport.parseReference(layout + ":multi").newImageSource(OPTIONS)) {
      assertEquals(list, source.manifest());
      // An instance is read by digest alone: its type comes from its bytes.
      assertEquals(b.manifest(), source.manifest(b.manifest().digest()));
    }
  }

  @Test
  void refusesADockerSchema1ManifestWhichMustBeConvertedFirst() throws Exception {
    byte[] schema1 = "{\"schemaVersion\":1,\"name\":\"x\",\"tag\":\"1\"}".getBytes(StandardCharsets.UTF_8);
    try (ImageDestination dest = transport.parseReference(tmp.resolve("l") + ":x").newImageDestination(OPTIONS)) {
      assertEquals(MediaType.OCI_MANIFEST, dest.supportedManifestMediaTypes().get(0));
      assertFalse(dest.supportedManifestMediaTypes().contains(MediaType.DOCKER_SCHEMA1));
      ImageException e =
          assertThrows(
              ImageException.class,
              () -> dest.putManifest(new RawManifest(schema1, MediaType.DOCKER_SCHEMA1, Digest.sha256(schema1))));
      assertTrue(e.getMessage().contains("cannot be stored in OCI layout"), e.getMessage());
    }
    assertFalse(Files.exists(tmp.resolve("l").resolve("index.json")));
  }

  @Test
  void reportsAnUnknownNameAndAMissingLayoutAsNotFound() throws Exception {
    Path layout = tmp.resolve("layout");
    write(layout, "v1", TestImage.of("x"));
    assertThrows(NotFoundException.class, () -> transport.parseReference(layout + ":v9").newImageSource(OPTIONS));
    assertThrows(
        NotFoundException.class,
        () -> transport.parseReference(tmp.resolve("nowhere") + ":v1").newImageSource(OPTIONS));
  }

  @Test
  void aFileWhereTheLayoutShouldBeIsNamed() throws Exception {
    Path file = Files.writeString(tmp.resolve("file"), "not a layout");
    ImageException e =
        assertThrows(
            ImageException.class,
            () -> transport.parseReference(file + ":v1").newImageDestination(OPTIONS));
    assertEquals(
        "creating OCI layout \"" + file + "\" failed: \"" + file + "\" is not a directory",
        e.getMessage());
    assertEquals("not a layout", Files.readString(file));
  }

  @Test
  void anUnfinishedCopyIntoANewLayoutRemovesTheDirectoriesItCreated() throws Exception {
    OciReference ref = transport.parseReference(tmp.resolve("new/parent/layout") + ":v1");
    try (ImageDestination dest = ref.newImageDestination(OPTIONS)) {
      TestImage.of("unfinished").putBlobs(dest); // and then the copy fails: no manifest
      assertTrue(Files.isRegularFile(ref.path().resolve("oci-layout")));
    }
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(List.of(), left.toList(), "nothing of new/parent/layout is left");
    }
  }

  @Test
  void anUnfinishedCopyIntoAnExistingLayoutKeepsTheLayoutAndItsImages() throws Exception {
    Path layout = tmp.resolve("layout");
    TestImage old = TestImage.of("old");
    write(layout, "v1", old);
    String index = Files.readString(layout.resolve("index.json"));
    try (ImageDestination dest =
        transport.parseReference(layout + ":v2").newImageDestination(OPTIONS)) {
      TestImage.of("unfinished").putBlobs(dest);
    }
    assertEquals(index, Files.readString(layout.resolve("index.json")));
    try (ImageSource source = transport.parseReference(layout + ":v1").newImageSource(OPTIONS)) {
      assertEquals(old.manifest(), source.manifest());
    }
  }

  @Test
  void anUnfinishedCopyIntoAnExistingEmptyDirectoryKeepsTheDirectory() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("empty"));
    try (ImageDestination dest =
        transport.parseReference(dir + ":v1").newImageDestination(OPTIONS)) {
      TestImage.of("unfinished").putBlobs(dest);
    }
    assertTrue(Files.isDirectory(dir));
  }

  @Test
  void anUnfinishedCopyKeepsANewLayoutInWhichAnotherCopyFinished() throws Exception {
    Path layout = tmp.resolve("shared");
    TestImage finished = TestImage.of("finished");
    try (ImageDestination first =
        transport.parseReference(layout + ":a").newImageDestination(OPTIONS)) {
      write(layout, "b", finished); // a second destination completes its image meanwhile
      TestImage.of("unfinished").putBlobs(first);
    }
    assertEquals(List.of("b"), refNames(layout));
    try (ImageSource source = transport.parseReference(layout + ":b").newImageSource(OPTIONS)) {
      assertEquals(finished.manifest(), source.manifest());
    }
  }

  @Test
  void splitsPathAndNameAtTheFirstColon() {
    OciReference ref = transport.parseReference("/srv/layout:repo/app:1.0");
    assertEquals(Path.of("/srv/layout"), ref.path());
    assertEquals("repo/app:1.0", ref.name().orElseThrow());
    assertTrue(transport.parseReference("/srv/layout").name().isEmpty());
    assertTrue(transport.parseReference("/srv/layout:").name().isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {":v1", "/l:-v1", "/l:v1-", "/l:a//b", "/l:a b", "/l:a/../b", "/l:../x", "/l:a/"})
  void rejectsAnEmptyPathOrANameOutsideTheOciGrammar(String text) {
    InvalidReferenceException e =
        assertThrows(InvalidReferenceException.class, () -> transport.parseReference(text));
    assertTrue(e.getMessage().contains("\"" + text + "\""), e.getMessage());
  }

  private void write(Path layout, String name, TestImage image) throws Exception {
    try (ImageDestination dest = transport.parseReference(layout + ":" + name).newImageDestination(OPTIONS)) {
      image.writeTo(dest);
    }
  }

  static List<String> refNames(Path layout) throws Exception {
    JsonObject index = JsonParser.parseString(Files.readString(layout.resolve("index.json"))).getAsJsonObject();
    List<String> names = new ArrayList<>();
    index.getAsJsonArray("manifests").forEach(
        m -> names.add(m.getAsJsonObject().getAsJsonObject("annotations").get("org.opencontainers.image.ref.name").getAsString()));
    return names;
  }
}
