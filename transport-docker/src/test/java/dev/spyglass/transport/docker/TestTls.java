package dev.spyglass.transport.docker;

import dev.spyglass.api.ImageOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * A test certificate authority and a server certificate it signed for 127.0.0.1 and localhost, so
 * that tests talk verified HTTPS to MockWebServer the way a client talks to a real registry.
 */
final class TestTls {
  static final HeldCertificate CA =
      new HeldCertificate.Builder().certificateAuthority(0).commonName("Spyglass Test CA").build();
  static final HeldCertificate SERVER =
      new HeldCertificate.Builder()
          .signedBy(CA)
          .commonName("127.0.0.1")
          .addSubjectAlternativeName("127.0.0.1")
          .addSubjectAlternativeName("localhost")
          .build();

  private TestTls() {}

  /**
   * An HTTPS server on 127.0.0.1 presenting {@code certificate} (signed by {@link #CA}, or not).
   */
  static MockWebServer https(HeldCertificate certificate) throws IOException {
    MockWebServer server = new MockWebServer();
    server.useHttps(
        new HandshakeCertificates.Builder().heldCertificate(certificate).build().sslSocketFactory(),
        false);
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    return server;
  }

  /** An HTTPS server with {@link #SERVER}'s certificate. */
  static MockWebServer https() throws IOException {
    return https(SERVER);
  }

  /** Writes {@code ca.crt} with {@link #CA} into {@code dir}. */
  static Path certDir(Path dir) throws IOException {
    Files.writeString(dir.resolve("ca.crt"), CA.certificatePem());
    return dir;
  }

  /** Verified TLS trusting {@link #CA} through a certificate directory. */
  static ImageOptions.Builder options(Path dir) throws IOException {
    return Registries.options().certDir(certDir(dir));
  }

  /**
   * Verified TLS trusting {@link #CA} through one certificate directory shared by the tests of a
   * JVM, so that its TLS client (whose trust store takes time to build) is built once.
   */
  static ImageOptions.Builder options() throws IOException {
    return Registries.options().certDir(SharedDir.PATH);
  }

  private static final class SharedDir {
    static final Path PATH;

    static {
      try {
        PATH = certDir(Files.createTempDirectory("spyglass-test-certs"));
        PATH.toFile().deleteOnExit();
        PATH.resolve("ca.crt").toFile().deleteOnExit();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
