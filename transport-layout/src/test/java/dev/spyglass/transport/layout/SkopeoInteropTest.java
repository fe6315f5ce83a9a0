package dev.spyglass.transport.layout;

import static dev.spyglass.transport.layout.TestImage.OPTIONS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.RawManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** skopeo (Debian's, 1.9.3 when written) reads what we write, and we read what it writes. */
class SkopeoInteropTest {
  @TempDir Path tmp;

  @Test
  void skopeoInspectsADirImageWeWrote() throws Exception {
    TestImage image = TestImage.of("skopeo-dir");
    Path dir = tmp.resolve("dir");
    try (ImageDestination dest = new DirTransport().parseReference(dir.toString()).newImageDestination(OPTIONS)) {
      image.writeTo(dest);
    }
    JsonObject inspect = inspect("dir:" + dir);
    assertEquals(image.manifest().digest().toString(), inspect.get("Digest").getAsString());
    assertEquals(image.layerDescriptor().digest().toString(), inspect.getAsJsonArray("Layers").get(0).getAsString());
    assertEquals(0, inspect.getAsJsonArray("RepoTags").size());
  }

  @Test
  void skopeoInspectsAndCopiesAnOciImageWeWrote() throws Exception {
    TestImage one = TestImage.of("skopeo-oci-1");
    TestImage two = TestImage.of("skopeo-oci-2");
    Path layout = tmp.resolve("layout");
    for (var pair : List.of(List.of("one", one), List.of("two", two))) {
      try (ImageDestination dest =
          new OciTransport().parseReference(layout + ":" + pair.get(0)).newImageDestination(OPTIONS)) {
        ((TestImage) pair.get(1)).writeTo(dest);
      }
    }
    assertEquals(two.manifest().digest().toString(), inspect("oci:" + layout + ":two").get("Digest").getAsString());
    assertEquals(one.manifest().digest().toString(), inspect("oci:" + layout + ":one").get("Digest").getAsString());

    Path copied = tmp.resolve("copied");
    ExternalTool.run("skopeo", "skopeo", "copy", "--quiet", "oci:" + layout + ":two", "dir:" + copied);
    try (ImageSource source = new DirTransport().parseReference(copied.toString()).newImageSource(OPTIONS)) {
      assertArrayEquals(two.layer(), TestImage.readBlob(source, two.layerDescriptor()));
    }
  }

  @Test
  void skopeoCopiesAListWeWroteToDirIntoAnOciLayout() throws Exception {
    TestImage a = TestImage.of("list-a");
    TestImage b = TestImage.of("list-b");
    RawManifest index = TestImage.index(List.of(a, b));
    Path dir = tmp.resolve("dir");
    try (ImageDestination dest = new DirTransport().parseReference(dir.toString()).newImageDestination(OPTIONS)) {
      for (TestImage image : List.of(a, b)) {
        image.putBlobs(dest);
        dest.putManifest(image.manifest(), image.manifest().digest());
      }
      dest.putManifest(index);
    }
    Path layout = tmp.resolve("layout");
    ExternalTool.run("skopeo", "skopeo", "copy", "--quiet", "--all", "dir:" + dir, "oci:" + layout + ":multi");
    try (ImageSource source = new OciTransport().parseReference(layout + ":multi").newImageSource(OPTIONS)) {
      assertEquals(index, source.manifest());
      assertEquals(b.manifest(), source.manifest(b.manifest().digest()));
      assertArrayEquals(a.config(), TestImage.readBlob(source, a.configDescriptor()));
    }
  }

  @Test
  void weReadALayoutSkopeoWroteFromAHandMadeDirImage() throws Exception {
    TestImage image = TestImage.of("by-hand");
    Path dir = Files.createDirectories(tmp.resolve("hand"));
    Files.write(dir.resolve(image.layerDescriptor().digest().hex()), image.layer());
    Files.write(dir.resolve(image.configDescriptor().digest().hex()), image.config());
    Files.write(dir.resolve("manifest.json"), image.manifest().bytes());
    Files.writeString(dir.resolve("version"), "Directory Transport Version: 1.1\n");
    Path layout = tmp.resolve("layout");
    ExternalTool.run("skopeo", "skopeo", "copy", "--quiet", "dir:" + dir, "oci:" + layout + ":ref");

    try (ImageSource source = new OciTransport().parseReference(layout + ":ref").newImageSource(OPTIONS)) {
      RawManifest manifest = source.manifest();
      // skopeo may re-encode nothing here: an OCI manifest into an OCI layout is copied as is.
      assertEquals(image.manifest(), manifest);
      assertArrayEquals(image.layer(), TestImage.readBlob(source, image.layerDescriptor()));
      assertArrayEquals(image.config(), TestImage.readBlob(source, image.configDescriptor()));
    }
    try (ImageSource source = new DirTransport().parseReference(dir.toString()).newImageSource(OPTIONS)) {
      assertEquals(image.manifest(), source.manifest());
    }
  }

  private static JsonObject inspect(String reference) throws Exception {
    return JsonParser.parseString(ExternalTool.run("skopeo", "skopeo", "inspect", reference)).getAsJsonObject();
  }
}
