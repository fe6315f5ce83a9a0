package dev.spyglass.transport.layout;

import static dev.spyglass.transport.layout.TestImage.OPTIONS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.InvalidReferenceException;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.RawManifest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirTransportTest {
  private final DirTransport transport = new DirTransport();
  @TempDir Path tmp;

  @Test
  void writesSkopeoDirectoryFormatAndReadsItBack() throws Exception {
    TestImage image = TestImage.of("dir");
    DirReference ref = transport.parseReference(tmp.resolve("img").toString());
    try (ImageDestination dest = ref.newImageDestination(OPTIONS)) {
      assertEquals(List.of(), dest.supportedManifestMediaTypes());
      image.writeTo(dest);
    }
    Path dir = tmp.resolve("img");
    assertEquals(
        Set.of("manifest.json", "version", image.layerDescriptor().digest().hex(), image.configDescriptor().digest().hex()),
        names(dir));
    assertEquals("Directory Transport Version: 1.1\n", Files.readString(dir.resolve("version")));
    try (ImageSource source = ref.newImageSource(OPTIONS)) {
      assertEquals(image.manifest(), source.manifest());
      assertArrayEquals(image.layer(), TestImage.readBlob(source, image.layerDescriptor()));
      assertArrayEquals(image.config(), TestImage.readBlob(source, image.configDescriptor()));
      assertEquals(List.of(), source.tags());
    }
  }

  @Test
  void storesImagesOfAListAsHexDotManifestJson() throws Exception {
    TestImage a = TestImage.of("a");
    TestImage b = TestImage.of("b");
    RawManifest index = TestImage.index(List.of(a, b));
    DirReference ref = transport.parseReference(tmp.resolve("list").toString());
    try (ImageDestination dest = ref.newImageDestination(OPTIONS)) {
      for (TestImage image : List.of(a, b)) {
        image.putBlobs(dest);
        dest.putManifest(image.manifest(), image.manifest().digest());
      }
      dest.putManifest(index);
    }
    assertTrue(Files.isRegularFile(tmp.resolve("list").resolve(a.manifest().digest().hex() + ".manifest.json")));
    try (ImageSource source = ref.newImageSource(OPTIONS)) {
      assertEquals(index, source.manifest());
      assertEquals(b.manifest(), source.manifest(b.manifest().digest()));
      Digest absent = Digest.sha256("absent".getBytes(StandardCharsets.UTF_8));
      assertThrows(NotFoundException.class, () -> source.manifest(absent));
    }
  }

  @Test
  void refusesANonEmptyDirectoryThatHoldsNoImage() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("precious"));
    Files.writeString(dir.resolve("thesis.tex"), "years of work");
    ImageException e =
        assertThrows(
            ImageException.class,
            () -> transport.parseReference(dir.toString()).newImageDestination(OPTIONS));
    assertTrue(e.getMessage().contains("\"" + dir + "\" is not empty"), e.getMessage());
    assertEquals("years of work", Files.readString(dir.resolve("thesis.tex")));
    assertEquals(Set.of("thesis.tex"), names(dir));
  }

  @Test
  void anUnfinishedCopyRemovesTheDirectoriesItCreated() throws Exception {
    TestImage image = TestImage.of("unfinished");
    DirReference ref = transport.parseReference(tmp.resolve("new/parent/img").toString());
    try (ImageDestination dest = ref.newImageDestination(OPTIONS)) {
      image.putBlobs(dest); // and then the copy fails: no manifest
    }
    assertEquals(Set.of(), names(tmp), "nothing of new/parent/img is left");
  }

  @Test
  void anUnfinishedCopyIntoAnExistingDirectoryKeepsTheDirectory() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("empty"));
    try (ImageDestination dest =
        transport.parseReference(dir.toString()).newImageDestination(OPTIONS)) {
      TestImage.of("unfinished").putBlobs(dest);
    }
    assertTrue(Files.isDirectory(dir));
  }

  @Test
  void aFileInTheWayIsNamed() throws Exception {
    Files.writeString(tmp.resolve("file"), "not a directory");
    ImageException e =
        assertThrows(
            ImageException.class,
            () ->
                transport
                    .parseReference(tmp.resolve("file/img").toString())
                    .newImageDestination(OPTIONS));
    assertTrue(
        e.getMessage().endsWith("\"" + tmp.resolve("file") + "\" is not a directory"),
        e.getMessage());
  }

  @Test
  void replacesTheImageOfAnExistingDirLayout() throws Exception {
    DirReference ref = transport.parseReference(tmp.resolve("img").toString());
    TestImage first = TestImage.of("first");
    TestImage second = TestImage.of("second");
    write(ref, first);
    write(ref, second);
    assertFalse(names(ref.path()).contains(first.layerDescriptor().digest().hex()));
    try (ImageSource source = ref.newImageSource(OPTIONS)) {
      assertEquals(second.manifest(), source.manifest());
    }
  }

  @Test
  void aFailedCopyIntoADirectoryLeavesItsImageWhole() throws Exception {
    DirReference ref = transport.parseReference(tmp.resolve("img").toString());
    TestImage old = TestImage.of("old");
    write(ref, old);
    Set<String> before = names(ref.path());
    try (ImageDestination dest = ref.newImageDestination(OPTIONS)) {
      TestImage.of("new").putBlobs(dest); // and then the copy fails: no manifest
    }
    assertTrue(names(ref.path()).containsAll(before), names(ref.path()).toString());
    try (ImageSource source = ref.newImageSource(OPTIONS)) {
      assertEquals(old.manifest(), source.manifest());
      assertArrayEquals(old.layer(), TestImage.readBlob(source, old.layerDescriptor()));
    }
  }

  @Test
  void copyingADirectoryOntoItselfKeepsTheImage() throws Exception {
    DirReference ref = transport.parseReference(tmp.resolve("img").toString());
    TestImage image = TestImage.of("self");
    write(ref, image);
    Set<String> before = names(ref.path());
    try (ImageSource source = ref.newImageSource(OPTIONS);
        ImageDestination dest = ref.newImageDestination(OPTIONS)) {
      assertTrue(dest.hasBlob(image.layerDescriptor()));
      assertTrue(dest.hasBlob(image.configDescriptor()));
      dest.putManifest(source.manifest());
    }
    assertEquals(before, names(ref.path()));
  }

  @Test
  void replacingAnImageRemovesTheTemporaryFilesOfAStoppedCopy() throws Exception {
    DirReference ref = transport.parseReference(tmp.resolve("img").toString());
    write(ref, TestImage.of("first"));
    Files.writeString(ref.path().resolve(".spyglass-123.tmp"), "half a layer");
    TestImage second = TestImage.of("second");
    write(ref, second);
    assertEquals(
        Set.of(
            "manifest.json",
            "version",
            second.layerDescriptor().digest().hex(),
            second.configDescriptor().digest().hex()),
        names(ref.path()));
  }

  @Test
  void rejectsDigestsOtherThanSha256() throws Exception {
    byte[] bytes = "x".getBytes(StandardCharsets.UTF_8);
    Digest sha512 = Digest.of("sha512", Digest.newMessageDigest("sha512").digest(bytes));
    try (ImageDestination dest = transport.parseReference(tmp.resolve("d").toString()).newImageDestination(OPTIONS)) {
      ImageException e =
          assertThrows(
              ImageException.class,
              () -> dest.putBlob(dev.spyglass.api.Descriptor.of("a/b", sha512, 1), new ByteArrayInputStream(bytes)));
      assertTrue(e.getMessage().contains("SHA-256 only"), e.getMessage());
    }
  }

  @Test
  void rejectsAManifestWhoseDigestIsNotItsOwn() throws Exception {
    TestImage image = TestImage.of("m");
    RawManifest lying =
        new RawManifest(image.manifest().bytes(), MediaType.OCI_MANIFEST, Digest.sha256(new byte[0]));
    try (ImageDestination dest = transport.parseReference(tmp.resolve("d").toString()).newImageDestination(OPTIONS)) {
      assertThrows(DigestMismatchException.class, () -> dest.putManifest(lying));
    }
    assertFalse(Files.exists(tmp.resolve("d").resolve("manifest.json")));
  }

  @Test
  void reportsAMissingManifestAndBlobAsNotFound() throws Exception {
    Files.createDirectories(tmp.resolve("empty"));
    try (ImageSource source = transport.parseReference(tmp.resolve("empty").toString()).newImageSource(OPTIONS)) {
      assertThrows(NotFoundException.class, source::manifest);
      assertThrows(NotFoundException.class, () -> source.blob(TestImage.of("x").layerDescriptor()));
    }
  }

  @Test
  void detectsABlobCorruptedOnDisk() throws Exception {
    TestImage image = TestImage.of("c");
    DirReference ref = transport.parseReference(tmp.resolve("img").toString());
    write(ref, image);
    byte[] corrupt = image.config().clone();
    corrupt[0] ^= 1;
    Files.write(ref.path().resolve(image.configDescriptor().digest().hex()), corrupt);
    try (ImageSource source = ref.newImageSource(OPTIONS)) {
      assertThrows(DigestMismatchException.class, () -> TestImage.readBlob(source, image.configDescriptor()));
    }
  }

  @Test
  void rejectsAnEmptyPath() {
    assertThrows(InvalidReferenceException.class, () -> transport.parseReference(""));
  }

  private static void write(DirReference ref, TestImage image) throws ImageException {
    try (ImageDestination dest = ref.newImageDestination(OPTIONS)) {
      image.writeTo(dest);
    }
  }

  static Set<String> names(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }
}
