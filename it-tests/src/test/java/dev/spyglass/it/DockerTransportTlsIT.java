package dev.spyglass.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.RawManifest;
import dev.spyglass.api.TlsException;
import dev.spyglass.it.TestImages.Blob;
import dev.spyglass.it.TestImages.PushedImage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code docker} transport against an HTTPS registry whose certificate a throwaway CA signed.
 */
class DockerTransportTlsIT {
  private static RegistryProcess registry;
  private static PushedImage image;

  @BeforeAll
  static void pushImage() throws Exception {
    registry = RegistryProcess.tls();
    image = TestImages.pushSchema2(registry.pusher(), "secure/app", List.of("1.0", "latest"));
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  /**
   * The CLI exits as soon as it has printed. An idle HTTP/2 connection (what a registry over TLS
   * answers with) keeps a thread blocked reading its socket, and the JVM waits 300 ms at exit for
   * such a thread unless the connections are closed first; a normal exit takes a few ms after the
   * output.
   */
  @Test
  void theCliExitsAsSoonAsItHasPrintedOverHttp2() throws Exception {
    Path work = registry.newFolder("exit");
    Path certs = Files.createDirectories(work.resolve("certs"));
    Files.copy(registry.caCertificate(), certs.resolve("ca.crt"));
    Process cli =
        SpyglassProcess.start(
            work,
            Map.of("HOME", work.toString()),
            "inspect",
            "--cert-dir",
            certs.toString(),
            image.byTag(registry.hostPort(), "1.0"));
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(cli.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.equals("}")) {
        // the inspect document ends with a closing brace alone on its line
      }
      long printed = System.nanoTime();
      assertTrue(cli.waitFor(60, TimeUnit.SECONDS), "the CLI did not exit");
      long exitMillis = (System.nanoTime() - printed) / 1_000_000;
      assertEquals(0, cli.exitValue(), Files.readString(work.resolve("stderr")));
      assertTrue(exitMillis < 200, "the CLI exited " + exitMillis + " ms after its output");
    } finally {
      cli.destroyForcibly();
    }
  }

  @Test
  void untrustedCertificateFailsWhenVerifying() throws Exception {
    ImageOptions options =
        ImageOptions.builder().authFile(AuthFiles.empty(registry.newFolder("verify"))).build();
    TlsException failure =
        assertThrows(
            TlsException.class,
            () -> Sources.manifest(image.byTag(registry.hostPort(), "1.0"), options));
    assertEquals(registry.hostPort(), failure.registry());
  }

  @Test
  void readsImageWithoutVerifying() throws Exception {
    ImageOptions options =
        ImageOptions.builder()
            .tlsVerify(false)
            .authFile(AuthFiles.empty(registry.newFolder("no-verify")))
            .build();
    try (ImageSource source = Sources.open(image.byTag(registry.hostPort(), "1.0"), options)) {
      RawManifest raw = source.manifest();
      assertEquals(image.digest("1.0"), raw.digest());
      assertArrayEquals(image.manifest("1.0"), raw.bytes());
      Blob layer = image.layers().get(0);
      assertArrayEquals(layer.bytes(), Sources.readBlob(source, layer.descriptor()));
    }
  }

  @Test
  void trustsTheCaFromCertDir() throws Exception {
    Path certDir = registry.newFolder("certs.d");
    Files.copy(registry.caCertificate(), certDir.resolve("ca.crt"));
    ImageOptions options =
        ImageOptions.builder()
            .certDir(certDir)
            .authFile(AuthFiles.empty(registry.newFolder("cert-dir-auth")))
            .build();
    assertEquals(
        image.digest("1.0"),
        Sources.manifest(image.byDigest(registry.hostPort(), "1.0"), options).digest());
  }
}
