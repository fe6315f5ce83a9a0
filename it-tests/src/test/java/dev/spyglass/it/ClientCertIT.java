package dev.spyglass.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonParser;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.TlsException;
import dev.spyglass.cli.ExitCode;
import dev.spyglass.it.TestCertificates.ClientCertificate;
import dev.spyglass.it.TestImages.Blob;
import dev.spyglass.it.TestImages.PushedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mutual TLS: an HTTPS registry that requires a client certificate signed by a CA of its own
 * ({@code http.tls.clientcas}). A certificate directory holds the server's CA as {@code ca.crt} and
 * the client's key pair as {@code client.cert} and {@code client.key} (PKCS#8 or SEC1 PEM). Every
 * run uses an empty auth file, so the user's own files play no part.
 */
class ClientCertIT {
  /** How often a run that races with the registry's post-handshake alert is tried. */
  private static final int ATTEMPTS = 3;

  private static RegistryProcess registry;
  private static PushedImage image;
  private static Path emptyAuthFile;

  /** {@code ca.crt}, {@code client.cert}, {@code client.key} (PKCS#8). */
  private static Path fullPkcs8;

  /** {@code ca.crt}, {@code client.cert}, {@code client.key} (SEC1). */
  private static Path fullSec1;

  /** {@code ca.crt} only. */
  private static Path caOnly;

  /** {@code client.cert} and {@code client.key}, no CA. */
  private static Path clientOnly;

  /** {@code ca.crt} and {@code client.cert} without its key. */
  private static Path keyMissing;

  @BeforeAll
  static void startRegistry() throws Exception {
    registry = RegistryProcess.tlsWithClientCertificates();
    image = TestImages.pushSchema2(registry.pusher(), "mtls/app", List.of("1.0"));
    emptyAuthFile = AuthFiles.empty(registry.newFolder("auth"));
    ClientCertificate client = registry.clientCertificate();
    fullPkcs8 =
        certDir("full-pkcs8", registry.caCertificate(), client.certificate(), client.pkcs8Key());
    fullSec1 =
        certDir("full-sec1", registry.caCertificate(), client.certificate(), client.sec1Key());
    caOnly = certDir("ca-only", registry.caCertificate(), null, null);
    clientOnly = certDir("client-only", null, client.certificate(), client.pkcs8Key());
    keyMissing = certDir("key-missing", registry.caCertificate(), client.certificate(), null);
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  // --- the CLI, through Main.run ---

  @Test
  void inspectPresentsTheClientCertificateOfTheCertDirectory() {
    Cli.Result result = inspect("--cert-dir", fullPkcs8.toString());
    assertEquals(ExitCode.OK, result.exitCode(), result::toString);
    assertEquals(image.digest("1.0").toString(), digest(result));
  }

  /**
   * Exit 5 with one clean line. The registry refuses the missing certificate with an alert after
   * the client's TLS 1.3 handshake has finished, so the client may first see a broken pipe on its
   * write (then the product says "unreachable", exit 6) or OkHttp's HTTP/2 shutdown (exit 1,
   * "ConnectionShutdownException"): a few runs in a hundred here. Until the transport tells that
   * case apart, this tries up to {@link #ATTEMPTS} times; every run must fail, one must say TLS.
   */
  @Test
  void inspectWithoutAClientCertificateIsATlsError() {
    List<Cli.Result> results = new ArrayList<>();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Cli.Result result = inspect("--cert-dir", caOnly.toString());
      results.add(result);
      assertNotEquals(ExitCode.OK, result.exitCode(), result::toString);
      assertEquals("", result.out(), "stdout must stay empty");
      assertEquals(1, result.stderr().lines().count(), result::toString);
      if (result.exitCode() == ExitCode.TLS) {
        assertFailedCleanly(result);
        assertTrue(
            result.stderr().startsWith("spyglass: TLS connection to \"" + registry.hostPort()),
            result::toString);
        assertTrue(result.stderr().contains("requires a client certificate"), result::toString);
        assertTrue(result.stderr().contains("NAME.cert, NAME.key"), result::toString);
        return;
      }
    }
    fail("no run exited with " + ExitCode.TLS + " (TLS): " + results);
  }

  @Test
  void inspectWithoutVerifyingStillNeedsTheClientCertificate() {
    Cli.Result result = inspect("--tls-verify=false");
    assertNotEquals(ExitCode.OK, result.exitCode(), result::toString);
    assertFailedCleanly(result);
    // A server that answered in TLS is never retried over plain HTTP.
    assertFalse(result.stderr().contains("HTTP 400"), result::toString);
  }

  @Test
  void inspectWithoutVerifyingPresentsTheClientCertificate() {
    Cli.Result result = inspect("--tls-verify=false", "--cert-dir", clientOnly.toString());
    assertEquals(ExitCode.OK, result.exitCode(), result::toString);
    assertEquals(image.digest("1.0").toString(), digest(result));
  }

  @Test
  void clientCertificateWithoutItsKeyFailsNamingTheMissingKey() {
    Cli.Result result = inspect("--cert-dir", keyMissing.toString());
    assertNotEquals(ExitCode.OK, result.exitCode(), result::toString);
    assertEquals("", result.out(), "stdout must stay empty");
    assertEquals(1, result.stderr().lines().count(), result::toString);
    assertTrue(
        result.stderr().contains(keyMissing.resolve("client.cert").toString())
            && result.stderr().contains("\"client.key\""),
        result::toString);
  }

  // --- the library, as an application uses it (Transports.installed()) ---

  @Test
  void libraryPresentsASec1ClientKeyFromTheCertDirectory() throws Exception {
    ImageOptions options = options().certDir(fullSec1).build();
    try (ImageSource source = Sources.open(ref(), options)) {
      assertEquals(image.digest("1.0"), source.manifest().digest());
      Blob layer = image.layers().get(0);
      assertArrayEquals(layer.bytes(), Sources.readBlob(source, layer.descriptor()));
    }
  }

  /** As {@link #inspectWithoutAClientCertificateIsATlsError}: the same race, the same retries. */
  @Test
  void libraryWithoutAClientCertificateThrowsTlsException() throws Exception {
    ImageOptions options = options().certDir(caOnly).build();
    List<ImageException> failures = new ArrayList<>();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      ImageException failure =
          assertThrows(ImageException.class, () -> Sources.manifest(ref(), options));
      failures.add(failure);
      if (failure instanceof TlsException tls) {
        assertEquals(registry.hostPort(), tls.registry());
        return;
      }
    }
    fail("no attempt threw TlsException: " + failures);
  }

  @Test
  void libraryWithoutVerifyingStillNeedsTheClientCertificate() throws Exception {
    ImageOptions options = options().tlsVerify(false).build();
    assertThrows(ImageException.class, () -> Sources.manifest(ref(), options));
  }

  private static ImageOptions.Builder options() {
    return ImageOptions.builder().authFile(emptyAuthFile);
  }

  private static String ref() {
    return image.byTag(registry.hostPort(), "1.0");
  }

  /** {@code spyglass inspect --authfile EMPTY ARGS... REF}. */
  private static Cli.Result inspect(String... args) {
    String[] all = new String[args.length + 4];
    all[0] = "inspect";
    all[1] = "--authfile";
    all[2] = emptyAuthFile.toString();
    System.arraycopy(args, 0, all, 3, args.length);
    all[all.length - 1] = ref();
    return Cli.run(all);
  }

  private static Path certDir(
      String name, @Nullable Path ca, @Nullable Path cert, @Nullable Path key) throws IOException {
    Path dir = registry.newFolder(name);
    if (ca != null) {
      Files.copy(ca, dir.resolve("ca.crt"));
    }
    if (cert != null) {
      Files.copy(cert, dir.resolve("client.cert"));
    }
    if (key != null) {
      Files.copy(key, dir.resolve("client.key"));
    }
    return dir;
  }

  private static String digest(Cli.Result result) {
    return JsonParser.parseString(result.out()).getAsJsonObject().get("Digest").getAsString();
  }

  /** Nothing on stdout, one line on stderr naming the registry, no stack trace. */
  private static void assertFailedCleanly(Cli.Result result) {
    String stderr = result.stderr();
    assertAll(
        () -> assertEquals("", result.out(), "stdout must stay empty"),
        () ->
            assertTrue(
                stderr.endsWith("\n") && stderr.indexOf('\n') == stderr.length() - 1,
                () -> "stderr must be exactly one line: " + stderr),
        () ->
            assertFalse(
                stderr.contains("\tat ") || stderr.contains("Exception"),
                () -> "stderr shows a stack trace or exception name: " + stderr),
        () ->
            assertTrue(
                stderr.contains("\"" + registry.hostPort() + "\""),
                () -> "stderr does not name \"" + registry.hostPort() + "\": " + stderr));
  }
}
