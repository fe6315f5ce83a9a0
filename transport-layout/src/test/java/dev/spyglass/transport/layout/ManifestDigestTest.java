package dev.spyglass.transport.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageSource;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code manifestDigest()} of the local layouts: read from the files, for a sync to compare. */
class ManifestDigestTest {
  @TempDir Path tmp;

  @Test
  void aDirReportsTheDigestOfTheManifestItHoldsAndNothingWhenEmpty() throws Exception {
    TestImage image = TestImage.of("dir");
    DirReference ref = new DirTransport().parseReference(tmp.resolve("image").toString());
    try (ImageDestination out = ref.newImageDestination(TestImage.OPTIONS)) {
      assertEquals(Optional.empty(), out.manifestDigest());
      image.writeTo(out);
    }
    try (ImageDestination again = ref.newImageDestination(TestImage.OPTIONS);
        ImageSource in = ref.newImageSource(TestImage.OPTIONS)) {
      assertEquals(Optional.of(image.manifest().digest()), again.manifestDigest());
      assertEquals(Optional.of(image.manifest().digest()), in.manifestDigest());
    }
  }

  @Test
  void anOciLayoutReportsTheDigestOfTheNamedEntryOnly() throws Exception {
    TestImage one = TestImage.of("one");
    TestImage two = TestImage.of("two");
    OciTransport oci = new OciTransport();
    // A path with a colon, which the text form oci:PATH:REF cannot hold.
    Path layout = tmp.resolve("mirror/localhost:5000/app");
    try (ImageDestination out =
        oci.reference(layout, "1.0").newImageDestination(TestImage.OPTIONS)) {
      one.writeTo(out);
    }
    try (ImageDestination out =
        oci.reference(layout, "2.0").newImageDestination(TestImage.OPTIONS)) {
      assertEquals(Optional.empty(), out.manifestDigest());
      two.writeTo(out);
    }
    try (ImageDestination out =
            oci.reference(layout, "1.0").newImageDestination(TestImage.OPTIONS);
        ImageSource in = oci.reference(layout, "2.0").newImageSource(TestImage.OPTIONS)) {
      assertEquals(Optional.of(one.manifest().digest()), out.manifestDigest());
      assertEquals(Optional.of(two.manifest().digest()), in.manifestDigest());
    }
    assertEquals(layout, oci.reference(layout, "1.0").path());
  }
}
