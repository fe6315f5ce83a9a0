package dev.spyglass.manifest.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spyglass.api.ManifestFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cases of containers/image's {@code GuessMIMEType} (manifest/manifest.go) beyond the fixtures: the
 * branch each document takes there, and that each format answers only for its own types.
 */
class GuessMediaTypeTest {

  private static String guess(ManifestFormat format, String json) {
    return format.guessMediaType(json.getBytes(StandardCharsets.UTF_8)).orElse("");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
# a recognised mediaType wins over everything else
{"mediaType":"application/vnd.oci.image.index.v1+json","schemaVersion":7} | application/vnd.oci.image.index.v1+json
{"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json"} | application/vnd.docker.distribution.manifest.list.v2+json
# field names match case-insensitively, as Go's json.Unmarshal does
{"MEDIATYPE":"application/vnd.docker.distribution.manifest.v2+json"} | application/vnd.docker.distribution.manifest.v2+json
# schemaVersion 2 without a known mediaType: decided by config.mediaType
{"schemaVersion":2,"config":{"mediaType":"application/vnd.docker.container.image.v1+json"}} | application/vnd.docker.distribution.manifest.v2+json
{"schemaVersion":2,"config":{"mediaType":"application/vnd.oci.image.config.v1+json"}} | application/vnd.oci.image.manifest.v1+json
# then by a non-empty manifests array
{"schemaVersion":2,"manifests":[{"digest":"x"}]} | application/vnd.oci.image.index.v1+json
{"schemaVersion":2,"manifests":[]} | application/vnd.oci.image.manifest.v1+json
# otherwise an OCI artifact
{"schemaVersion":2} | application/vnd.oci.image.manifest.v1+json
{"schemaVersion":2,"config":{"mediaType":"application/x-custom"}} | application/vnd.oci.image.manifest.v1+json
# containers/image returns the config media type here (its FIXME): no manifest type of ours
{"schemaVersion":2,"config":{"mediaType":"application/x-custom"},"manifests":[{}]} | ''
# schema1 is manifest-schema1's to recognise; unknown versions are nobody's
{"schemaVersion":1,"signatures":[]} | ''
{"schemaVersion":3} | ''
# a field of the wrong type makes Go's Unmarshal, and so the guess, fail
{"schemaVersion":"2"} | ''
{"mediaType":5,"schemaVersion":2} | ''
{"schemaVersion":2,"config":5} | ''
{"schemaVersion":2,"manifests":[{"size":"1"}]} | ''
{"schemaVersion":2,"manifests":[{"data":"not base64!"}]} | ''
[] | ''
""")
  void guessesAsContainersImageDoes(String json, String expected) {
    String fromSchema2 = guess(new Schema2Format(), json);
    String fromOci = guess(new OciFormat(), json);
    assertEquals(expected, fromSchema2.isEmpty() ? fromOci : fromSchema2);
    boolean docker = expected.startsWith("application/vnd.docker.");
    assertEquals(docker ? expected : "", fromSchema2);
    assertEquals(docker ? "" : expected, fromOci);
    assertEquals(
        expected,
        dev.spyglass.api.ManifestFormats.of(List.of(new Schema2Format(), new OciFormat()))
            .guessMediaType(json.getBytes(StandardCharsets.UTF_8))
            .orElse(""));
  }
}
