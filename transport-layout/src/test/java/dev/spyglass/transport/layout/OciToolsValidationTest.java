package dev.spyglass.transport.layout;

import static dev.spyglass.transport.layout.TestImage.OPTIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.ImageDestination;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A layout we write passes oci-image-tool's validation and umoci reads it. */
class OciToolsValidationTest {
  @TempDir Path tmp;

  private Path writeLayout() throws Exception {
    Path layout = tmp.resolve("layout");
    for (String name : List.of("v1", "v2")) {
      try (ImageDestination dest = new OciTransport().parseReference(layout + ":" + name).newImageDestination(OPTIONS)) {
        TestImage.of(name).writeTo(dest);
      }
    }
    return layout;
  }

  @Test
  void ociImageToolValidatesALayoutWeWrote() throws Exception {
    Path layout = writeLayout();
    String out =
        ExternalTool.run(
            "oci-image-tool", "oci-image-tool", "validate", "--type", "image", layout.toString());
    // This oci-image-tool (1.0.0-rc1) checks every ref of index.json when none is named.
    assertTrue(out.contains("Validation succeeded"), out);
  }

  @Test
  void umociListsAndStatsALayoutWeWrote() throws Exception {
    Path layout = writeLayout();
    String tags = ExternalTool.run("umoci", "umoci", "ls", "--layout", layout.toString());
    assertTrue(tags.lines().toList().containsAll(List.of("v1", "v2")), tags);
    String stat = ExternalTool.run("umoci", "umoci", "stat", "--image", layout + ":v2");
    assertTrue(stat.contains("LAYER"), stat);
  }

  /** A layout holding a Docker schema2 image and a Docker manifest list, stored as they are. */
  private Path writeDockerLayout() throws Exception {
    Path layout = tmp.resolve("docker-layout");
    try (ImageDestination dest = new OciTransport().parseReference(layout + ":single").newImageDestination(OPTIONS)) {
      TestImage.docker("single").writeTo(dest);
    }
    TestImage a = TestImage.docker("a");
    TestImage b = TestImage.docker("b");
    try (ImageDestination dest = new OciTransport().parseReference(layout + ":multi").newImageDestination(OPTIONS)) {
      for (TestImage image : List.of(a, b)) {
        image.putBlobs(dest);
        dest.putManifest(image.manifest(), image.manifest().digest());
      }
      dest.putManifest(TestImage.dockerList(List.of(a, b)));
    }
    return layout;
  }

  /**
   * Docker types in {@code index.json} are valid OCI (the image-layout spec allows any descriptor
   * type there), but oci-image-tool 1.0.0-rc1 refuses them ("invalid descriptor MediaType"), and
   * umoci lists such refs but stats and unpacks OCI manifests only; skopeo 1.9 skips them too.
   * So a layout holding Docker manifests is validated with {@code umoci ls} alone.
   */
  @Test
  void umociListsALayoutHoldingDockerManifests() throws Exception {
    Path layout = writeDockerLayout();
    String tags = ExternalTool.run("umoci", "umoci", "ls", "--layout", layout.toString());
    assertEquals(List.of("single", "multi"), tags.lines().toList(), tags);
  }
}
