package dev.spyglass.transport.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.TlsException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TlsTest {
  private static final HeldCertificate SELF_SIGNED =
      new HeldCertificate.Builder()
          .commonName("127.0.0.1")
          .addSubjectAlternativeName("127.0.0.1")
          .build();

  @TempDir Path dir;
  private final RecordingLogger log = new RecordingLogger();
  private final DockerTransport transport = Registries.transport(log);

  private ImageSource open(MockWebServer server, ImageOptions options) throws Exception {
    return transport.parseReference(Registries.reference(server, "app:1")).newImageSource(options);
  }

  private static MockResponse ok() {
    return new MockResponse().setHeader("Content-Type", MediaType.OCI_MANIFEST).setBody("{}");
  }

  @Test
  void refusesACertificateOfAnUnknownAuthorityWhenVerifying() throws Exception {
    try (MockWebServer server = TestTls.https(SELF_SIGNED)) {
      TlsException e =
          assertThrows(
              TlsException.class, () -> open(server, Registries.options().build()).manifest());

      assertEquals("127.0.0.1:" + server.getPort(), e.registry());
      assertTrue(
          e.getMessage().endsWith("the certificate is signed by an unknown authority"),
          e.getMessage());
      assertEquals(0, server.getRequestCount());
    }
  }

  @Test
  void trustsAnyCertificateWhenNotVerifying() throws Exception {
    try (MockWebServer server = TestTls.https(SELF_SIGNED)) {
      server.enqueue(ok());

      assertEquals(
          MediaType.OCI_MANIFEST, open(server, Registries.insecure()).manifest().mediaType());

      assertNotNull(server.takeRequest().getHandshake(), "still HTTPS");
    }
  }

  @Test
  void trustsTheAuthoritiesOfTheCertificateDirectory() throws Exception {
    try (MockWebServer server = TestTls.https()) {
      server.enqueue(ok());

      open(server, TestTls.options(dir).build()).manifest();

      assertNotNull(server.takeRequest().getHandshake());
    }
  }

  @Test
  void refusesACertificateForAnotherHostName() throws Exception {
    HeldCertificate other =
        new HeldCertificate.Builder()
            .signedBy(TestTls.CA)
            .commonName("registry.invalid")
            .addSubjectAlternativeName("registry.invalid")
            .build();
    try (MockWebServer server = TestTls.https(other)) {
      TlsException e =
          assertThrows(
              TlsException.class, () -> open(server, TestTls.options(dir).build()).manifest());

      assertTrue(
          e.getMessage().endsWith("the certificate is not valid for the host name"),
          e.getMessage());
    }
  }

  @Test
  void refusesAnExpiredCertificate() throws Exception {
    long now = System.currentTimeMillis();
    HeldCertificate expired =
        new HeldCertificate.Builder()
            .signedBy(TestTls.CA)
            .addSubjectAlternativeName("127.0.0.1")
            .validityInterval(now - TimeUnit.DAYS.toMillis(30), now - TimeUnit.DAYS.toMillis(1))
            .build();
    try (MockWebServer server = TestTls.https(expired)) {
      TlsException e =
          assertThrows(
              TlsException.class, () -> open(server, TestTls.options(dir).build()).manifest());

      assertTrue(e.getMessage().endsWith("the certificate has expired"), e.getMessage());
    }
  }

  @Test
  void neverFallsBackToPlainHttpWhenVerifyingAndSaysTheServerDoesNotSpeakTls() throws Exception {
    try (PlainHttpServer plain = new PlainHttpServer(MediaType.OCI_MANIFEST, "{}")) {
      DockerReference ref = transport.parseReference("//127.0.0.1:" + plain.port() + "/app:1");

      TlsException e =
          assertThrows(
              TlsException.class,
              () -> ref.newImageSource(Registries.options().build()).manifest());

      assertTrue(
          e.getMessage().endsWith("the server does not speak TLS (is it plain HTTP?)"),
          e.getMessage());
      assertEquals(List.of(), plain.requestLines, "no plain HTTP request when verifying");
      assertTrue(plain.tlsHellos.size() >= 1);
    }
  }

  @Test
  void fallsBackToPlainHttpAtOnceWhenNotVerifyingAndTheServerAnswersTlsWithHttp() throws Exception {
    try (PlainHttpServer plain = new PlainHttpServer(MediaType.OCI_MANIFEST, "{}")) {
      DockerReference ref = transport.parseReference("//127.0.0.1:" + plain.port() + "/app:1");

      ref.newImageSource(Registries.insecure()).manifest();

      assertEquals(List.of("GET /v2/app/manifests/1 HTTP/1.1"), plain.requestLines);
    }
  }

  @Test
  void fallsBackToPlainHttpOnlyWhenNotVerifyingAndRemembersIt() throws Exception {
    try (MockWebServer server = Registries.start()) {
      server.enqueue(ok());
      server.enqueue(ok());
      ImageSource source = open(server, Registries.insecure());

      source.manifest();
      source.manifest();

      int served = 0;
      for (int i = server.getRequestCount(); i > 0; i--) {
        RecordedRequest request = server.takeRequest();
        if (Registries.isHttp(request)) { // not a TLS ClientHello
          assertEquals("http", request.getRequestUrl().scheme());
          served++;
        }
      }
      assertEquals(2, served);
      long fallbacks = log.messages().stream().filter(m -> m.contains("trying plain HTTP")).count();
      assertEquals(1, fallbacks, "HTTPS is tried once per registry, then HTTP is remembered");
    }
  }

  static Stream<Arguments> clientKeys() throws Exception {
    HeldCertificate ec = new HeldCertificate.Builder().commonName("client-ec").build();
    HeldCertificate rsa = new HeldCertificate.Builder().commonName("client-rsa").rsa2048().build();
    String sec1Key = resource("/tls/client-ec.key");
    String sec1Cert = resource("/tls/client-ec.cert");
    return Stream.of(
        Arguments.of("PKCS#8 EC", ec.certificatePem(), ec.privateKeyPkcs8Pem(), ec.certificate()),
        Arguments.of(
            "PKCS#1 RSA", rsa.certificatePem(), rsa.privateKeyPkcs1Pem(), rsa.certificate()),
        Arguments.of("SEC1 EC", sec1Cert, sec1Key, parse(sec1Cert)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clientKeys")
  void presentsTheClientCertificateOfTheDirectory(
      String kind, String certPem, String keyPem, X509Certificate cert) throws Exception {
    TestTls.certDir(dir);
    Files.writeString(dir.resolve("client.cert"), certPem);
    Files.writeString(dir.resolve("client.key"), keyPem);
    try (MockWebServer server = requiringClientCertificate(cert)) {
      server.enqueue(ok());

      open(server, Registries.options().certDir(dir).build()).manifest();

      RecordedRequest request = server.takeRequest();
      assertEquals(cert, request.getHandshake().peerCertificates().get(0));
    }
  }

  @Test
  void failsTheHandshakeWithoutTheRequiredClientCertificate() throws Exception {
    HeldCertificate client = new HeldCertificate.Builder().commonName("client").build();
    try (MockWebServer server = requiringClientCertificate(client.certificate())) {
      assertThrows(
          ImageException.class, () -> open(server, TestTls.options(dir).build()).manifest());
    }
  }

  @Test
  void refusesAClientCertificateWithoutItsKey() throws Exception {
    Files.writeString(dir.resolve("client.cert"), TestTls.SERVER.certificatePem());
    try (MockWebServer server = TestTls.https()) {
      ImageException e =
          assertThrows(
              ImageException.class,
              () -> open(server, Registries.options().certDir(dir).build()).manifest());

      assertTrue(
          e.getMessage().contains("client.cert\" has no private key \"client.key\""),
          e.getMessage());
    }
  }

  @Test
  void refusesAnEncryptedClientKey() throws Exception {
    Files.writeString(dir.resolve("client.cert"), TestTls.SERVER.certificatePem());
    Files.writeString(
        dir.resolve("client.key"),
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
    try (MockWebServer server = TestTls.https()) {
      ImageException e =
          assertThrows(
              ImageException.class,
              () -> open(server, Registries.options().certDir(dir).build()).manifest());

      assertTrue(
          e.getMessage().contains("encrypted private keys are not supported"), e.getMessage());
    }
  }

  @Test
  void refusesACertificateFileThatHoldsNoCertificate() throws Exception {
    Files.writeString(dir.resolve("ca.crt"), "not a certificate");
    try (MockWebServer server = TestTls.https()) {
      ImageException e =
          assertThrows(
              ImageException.class,
              () -> open(server, Registries.options().certDir(dir).build()).manifest());

      assertTrue(e.getMessage().contains("ca.crt\""), e.getMessage());
    }
  }

  @Test
  void refusesAMissingCertificateDirectory() throws Exception {
    try (MockWebServer server = TestTls.https()) {
      Path missing = dir.resolve("missing");
      ImageException e =
          assertThrows(
              ImageException.class,
              () -> open(server, Registries.options().certDir(missing).build()).manifest());

      assertTrue(
          e.getMessage().contains("certificate directory \"" + missing + "\" cannot be read"),
          e.getMessage());
    }
  }

  private static MockWebServer requiringClientCertificate(X509Certificate client)
      throws IOException {
    MockWebServer server = new MockWebServer();
    HandshakeCertificates certificates =
        new HandshakeCertificates.Builder()
            .heldCertificate(TestTls.SERVER)
            .addTrustedCertificate(client)
            .build();
    server.useHttps(certificates.sslSocketFactory(), false);
    server.requireClientAuth();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    return server;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = TlsTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("test resource " + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  private static X509Certificate parse(String pem) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(
                new java.io.ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }
}
