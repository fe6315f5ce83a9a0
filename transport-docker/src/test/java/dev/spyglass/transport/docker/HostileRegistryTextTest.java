package dev.spyglass.transport.docker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.RawManifest;
import dev.spyglass.testing.OpaqueManifestFormat;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A registry that puts terminal escapes, line separators and bidi overrides in its headers and
 * bodies cannot reach the user's terminal through an error message: they arrive as visible escapes.
 */
class HostileRegistryTextTest {
  /** Retitles the terminal, clears it, breaks the line and reverses what follows. */
  private static final String HOSTILE = "\u001b]0;pwned\u0007\u001b[2J\u2028\u202egnp.exe";

  private static final DockerTransport transport = Registries.SHARED;
  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestTls.https();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private ImageSource open(String name) throws Exception {
    return transport
        .parseReference(Registries.reference(server, name))
        .newImageSource(TestTls.options().build());
  }

  @Test
  void aHostileContentTypeIsEscapedInTheUnsupportedMediaTypeMessage() throws Exception {
    byte[] bytes = OpaqueManifestFormat.manifest(MediaType.OCI_MANIFEST, "x");
    server.enqueue(
        new MockResponse()
            .addHeaderLenient(
                "Content-Type", "application/vnd.evil\u001b[2J\u001b[H\u0007\u2028\u202e+json")
            .setBody(new Buffer().write(bytes)));

    RawManifest raw = open("app:1").manifest();
    InvalidManifestException e =
        assertThrows(InvalidManifestException.class, () -> OpaqueManifestFormat.all().parse(raw));

    assertInert(e.getMessage());
    assertTrue(
        e.getMessage()
            .contains("\"application/vnd.evil\\u001b[2j\\u001b[h\\u0007\\u2028\\u202e+json\""),
        e.getMessage());
  }

  @Test
  void aHostileDockerContentDigestIsEscaped() throws Exception {
    byte[] bytes = OpaqueManifestFormat.manifest(MediaType.OCI_MANIFEST, "x");
    server.enqueue(
        new MockResponse()
            .setHeader("Content-Type", MediaType.OCI_MANIFEST)
            .addHeaderLenient("Docker-Content-Digest", "sha256:" + HOSTILE)
            .setBody(new Buffer().write(bytes)));

    ImageSource source = open("app:1");
    ImageException e = assertThrows(ImageException.class, source::manifest);

    assertInert(e.getMessage());
    assertTrue(e.getMessage().contains("\"sha256:\\u001b]0;pwned"), e.getMessage());
  }

  @Test
  void aHostileErrorBodyIsEscaped() throws Exception {
    server.enqueue(
        new MockResponse()
            .setResponseCode(400) // not retried
            .setHeader("Content-Type", "application/json")
            .setBody(
                "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\""
                    + HOSTILE.replace("\u001b", "\\u001b").replace("\u0007", "\\u0007")
                    + "\"}]}"));

    ImageSource source = open("app:1");
    ImageException e = assertThrows(ImageException.class, source::manifest);

    assertInert(e.getMessage());
    assertTrue(e.getMessage().contains("\\u001b]0;pwned"), e.getMessage());
  }

  private static void assertInert(String message) {
    for (char c : new char[] {'\u001b', '\u0007', '\u2028', '\u202e', '\n', '\r'}) {
      assertFalse(
          message.indexOf(c) >= 0,
          () -> "U+" + Integer.toHexString(c) + " reached the message: " + message);
    }
  }
}
