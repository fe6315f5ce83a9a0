package dev.spyglass.transport.layout;

import static dev.spyglass.transport.layout.TestImage.OPTIONS;
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
}
