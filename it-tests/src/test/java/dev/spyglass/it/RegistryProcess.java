package dev.spyglass.it;

import dev.spyglass.api.Credentials;
import dev.spyglass.it.TestCertificates.ClientCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Runs one Debian {@code docker-registry} (CNCF distribution 2.8.2) process on {@code 127.0.0.1}
 * and a random free port, with filesystem storage in a fresh temporary folder, deletes and schema1
 * enabled, log level {@code error}, its output captured to {@code registry.log} in that folder.
 *
 * <p>{@link #plain()} serves plain HTTP without auth, {@link #basicAuth} asks for htpasswd (bcrypt)
 * Basic credentials, {@link #tls()} serves HTTPS with a certificate of a throwaway CA, {@link
 * #tlsWithBasicAuth} does both, {@link #tlsWithTokenAuth} serves HTTPS and wants Bearer tokens,
 * {@link #tlsWithClientCertificates} serves HTTPS only to clients with a certificate of its own
 * client CA. The factories return once {@code /v2/} answers; when the binary is missing or the
 * registry does not come up they throw {@link IllegalStateException} with the reason and the end of
 * the registry's output, so that tests fail rather than skip. {@link #close()} kills the process
 * and deletes the folder.
 */
final class RegistryProcess implements AutoCloseable {
  static final String BINARY = "/usr/bin/docker-registry";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
  private static final int START_ATTEMPTS = 3;

  private final Path root;
  private final Process process;
  private final Thread reaper;
  private final int port;
  private final @Nullable Credentials credentials;
  private final @Nullable TestCertificates certificates;
  private final @Nullable ClientCertificate clientCertificate;
  private final SSLContext sslContext;

  private RegistryProcess(
      Path root,
      Process process,
      int port,
      @Nullable Credentials credentials,
      @Nullable TestCertificates certificates,
      @Nullable ClientCertificate clientCertificate,
      SSLContext sslContext) {
    this.root = root;
    this.process = process;
    this.port = port;
    this.credentials = credentials;
    this.certificates = certificates;
    this.clientCertificate = clientCertificate;
    this.sslContext = sslContext;
    this.reaper = new Thread(process::destroyForcibly, "registry-reaper-" + port);
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  /** A registry over plain HTTP, without auth. */
  static RegistryProcess plain() {
    return start(null, false);
  }

  /** A registry over plain HTTP, without auth, whose storage refuses deletes (HTTP 405). */
  static RegistryProcess plainWithoutDeletes() {
    return start(null, false, null, false, Writes.NO_DELETES);
  }

  /** A registry over plain HTTP, without auth, in read-only mode: every write is HTTP 405. */
  static RegistryProcess plainReadOnly() {
    return start(null, false, null, false, Writes.NONE);
  }

  /** The writes the registry's storage takes. */
  private enum Writes {
    ALL,
    /** {@code storage.delete.enabled: false}: DELETE is 405 {@code UNSUPPORTED}. */
    NO_DELETES,
    /** {@code storage.maintenance.readonly}: every write is a plain-text 405. */
    NONE
  }

  /** A registry over plain HTTP that wants Basic credentials from an htpasswd file (bcrypt). */
  static RegistryProcess basicAuth(String username, String password) {
    return start(new Credentials(username, password), false);
  }

  /** A registry over HTTPS with a server certificate for 127.0.0.1 signed by a throwaway CA. */
  static RegistryProcess tls() {
    return start(null, true);
  }

  /**
   * A registry over HTTPS, as {@link #tls()}, that requires a client certificate signed by a second
   * throwaway CA ({@code http.tls.clientcas}); {@link #clientCertificate()} is one it accepts, and
   * its own requests ({@link #sslContext()}, {@link #pusher()}) present it.
   */
  static RegistryProcess tlsWithClientCertificates() {
    return start(null, true, null, true);
  }

  /**
   * A registry over HTTPS, as {@link #tls()}, that wants Basic credentials, as {@link #basicAuth}.
   */
  static RegistryProcess tlsWithBasicAuth(String username, String password) {
    return start(new Credentials(username, password), true);
  }

  /**
   * What a registry that wants Bearer tokens is told ({@code auth.token}): where clients get tokens
   * ({@code realm}), the service they name (the tokens' audience), the issuer the tokens must name,
   * and the CA certificates (PEM) one of which must end the {@code x5c} chain of every token.
   */
  record TokenAuth(URI realm, String service, String issuer, Path rootCertBundle) {}

  /**
   * A registry over HTTPS, as {@link #tls()}, that wants Bearer tokens as {@code auth} says. The
   * registry only verifies tokens (offline, against {@code auth.rootCertBundle()}): the token
   * server need not be running before the registry is.
   */
  static RegistryProcess tlsWithTokenAuth(TokenAuth auth) {
    return start(null, true, auth);
  }

  /** {@code 127.0.0.1:PORT}, as it appears in image references and auth files. */
  String hostPort() {
    return "127.0.0.1:" + port;
  }

  /** The loopback port it listens on (a {@link FaultProxy} in front of it forwards there). */
  int port() {
    return port;
  }

  /** {@code http://127.0.0.1:PORT} or {@code https://127.0.0.1:PORT}. */
  URI baseUrl() {
    return URI.create((certificates == null ? "http://" : "https://") + hostPort());
  }

  /** The credentials the registry accepts, when it asks for some. */
  Optional<Credentials> credentials() {
    return Optional.ofNullable(credentials);
  }

  /** The CA certificate (PEM) of a TLS registry. */
  Path caCertificate() {
    if (certificates == null) {
      throw new IllegalStateException("registry at \"" + hostPort() + "\" does not use TLS");
    }
    return certificates.caCertificate();
  }

  /** A client certificate that a registry made by {@link #tlsWithClientCertificates} accepts. */
  ClientCertificate clientCertificate() {
    if (clientCertificate == null) {
      throw new IllegalStateException(
          "registry at \"" + hostPort() + "\" does not require client certificates");
    }
    return clientCertificate;
  }

  /** The CA, server certificate and key of a TLS registry (to serve other test servers with). */
  TestCertificates certificates() {
    if (certificates == null) {
      throw new IllegalStateException("registry at \"" + hostPort() + "\" does not use TLS");
    }
    return certificates;
  }

  /**
   * The registry's output: its log and, one line per request in Apache combined format, its access
   * log.
   */
  Path logFile() {
    return root.resolve("registry.log");
  }

  /** An SSL context trusting this registry's CA (the JDK default for a plain registry). */
  SSLContext sslContext() {
    return sslContext;
  }

  /** A pusher with this registry's credentials and trust. */
  RegistryPusher pusher() {
    return new RegistryPusher(baseUrl(), credentials, sslContext);
  }

  /** A fresh folder inside this registry's temporary folder, deleted with it. */
  Path newFolder(String name) {
    try {
      return Files.createDirectories(root.resolve("work").resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last lines of the registry's output, for failure messages. */
  String logTail() {
    return tail(root.resolve("registry.log"));
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
    deleteRecursively(root);
  }

  private static RegistryProcess start(@Nullable Credentials credentials, boolean tls) {
    return start(credentials, tls, null);
  }

  private static RegistryProcess start(
      @Nullable Credentials credentials, boolean tls, @Nullable TokenAuth tokenAuth) {
    return start(credentials, tls, tokenAuth, false);
  }

  private static RegistryProcess start(
      @Nullable Credentials credentials,
      boolean tls,
      @Nullable TokenAuth tokenAuth,
      boolean clientCertificates) {
    return start(credentials, tls, tokenAuth, clientCertificates, Writes.ALL);
  }

  private static RegistryProcess start(
      @Nullable Credentials credentials,
      boolean tls,
      @Nullable TokenAuth tokenAuth,
      boolean clientCertificates,
      Writes writes) {
    if (!Files.isExecutable(Path.of(BINARY))) {
      throw new IllegalStateException(
          "cannot start the test registry: \""
              + BINARY
              + "\" is missing (install the Debian package docker-registry)");
    }
    Path root;
    try {
      root = Files.createTempDirectory("spyglass-it-registry-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the test registry's temporary folder", e);
    }
    try {
      TestCertificates certificates = tls ? TestCertificates.create(root) : null;
      ClientCertificate client =
          certificates != null && clientCertificates
              ? TestCertificates.createClient(Files.createDirectories(root.resolve("client")))
              : null;
      SSLContext sslContext =
          certificates == null
              ? SSLContext.getDefault()
              : client == null ? certificates.clientContext() : certificates.clientContext(client);
      Path htpasswd = credentials == null ? null : writeHtpasswd(root, credentials);
      String failure = "";
      for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
        int port = freePort();
        Path config = root.resolve("config.yml");
        Files.writeString(config, config(root, port, htpasswd, certificates, client, tokenAuth, writes));
        Path log = root.resolve("registry.log");
        Process process =
            new ProcessBuilder(BINARY, "serve", config.toString())
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        RegistryProcess registry =
            new RegistryProcess(root, process, port, credentials, certificates, client, sslContext);
        failure = registry.awaitReady();
        if (failure.isEmpty()) {
          return registry;
        }
        registry.stopKeepingFiles();
        if (!tail(log).contains("address already in use")) {
          break;
        }
      }
      deleteRecursively(root);
      throw new IllegalStateException(failure);
    } catch (IOException e) {
      deleteRecursively(root);
      throw new IllegalStateException("cannot start the test registry: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      deleteRecursively(root);
      throw new IllegalStateException("cannot make the test registry's certificates: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      deleteRecursively(root);
      throw new IllegalStateException("interrupted while starting the test registry", e);
    }
  }

  /** Polls {@code /v2/} until it answers; returns empty when ready, else why not. */
  private String awaitReady() throws InterruptedException {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(sslContext)
            .connectTimeout(Duration.ofSeconds(1))
            .build();
    HttpRequest ping =
        HttpRequest.newBuilder(baseUrl().resolve("/v2/")).timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    String lastError = "no answer";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        return "test registry \""
            + BINARY
            + "\" exited with status "
            + process.exitValue()
            + " before answering on \""
            + hostPort()
            + "\"; its output ends with:\n"
            + logTail();
      }
      try {
        HttpResponse<Void> response = client.send(ping, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200 || response.statusCode() == 401) {
          return "";
        }
        lastError = "HTTP " + response.statusCode();
      } catch (IOException e) {
        lastError = e.toString();
      }
      Thread.sleep(50);
    }
    return "test registry did not answer on \""
        + baseUrl().resolve("/v2/")
        + "\" within "
        + START_TIMEOUT.toSeconds()
        + " s (last attempt: "
        + lastError
        + "); its output ends with:\n"
        + logTail();
  }

  private void stopKeepingFiles() throws InterruptedException {
    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
  }

  private static String config(
      Path root,
      int port,
      @Nullable Path htpasswd,
      @Nullable TestCertificates certificates,
      @Nullable ClientCertificate client,
      @Nullable TokenAuth tokenAuth,
      Writes writes) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("version: 0.1\n")
        .append("log:\n  level: error\n")
        .append("storage:\n")
        .append("  filesystem:\n    rootdirectory: ")
        .append(quoted(root.resolve("data")))
        .append("\n  delete:\n    enabled: ")
        .append(writes == Writes.ALL)
        .append("\n  maintenance:\n    readonly:\n      enabled: ")
        .append(writes == Writes.NONE)
        .append('\n')
        .append("http:\n  addr: 127.0.0.1:")
        .append(port)
        .append("\n  secret: spyglass-it-not-a-secret\n");
    if (certificates != null) {
      yaml.append("  tls:\n    certificate: ")
          .append(quoted(certificates.serverChain()))
          .append("\n    key: ")
          .append(quoted(certificates.serverKey()))
          .append('\n');
      if (client != null) {
        yaml.append("    clientcas:\n      - ").append(quoted(client.caCertificate())).append('\n');
      }
    }
    if (htpasswd != null) {
      yaml.append("auth:\n  htpasswd:\n    realm: spyglass-it\n    path: ")
          .append(quoted(htpasswd))
          .append('\n');
    }
    if (tokenAuth != null) {
      yaml.append("auth:\n  token:\n    realm: \"")
          .append(tokenAuth.realm())
          .append("\"\n    service: \"")
          .append(tokenAuth.service())
          .append("\"\n    issuer: \"")
          .append(tokenAuth.issuer())
          .append("\"\n    rootcertbundle: ")
          .append(quoted(tokenAuth.rootCertBundle()))
          .append('\n');
    }
    yaml.append("compatibility:\n  schema1:\n    enabled: true\n");
    return yaml.toString();
  }

  private static String quoted(Path path) {
    return "\""
        + path.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"")
        + "\"";
  }

  /** Writes an htpasswd file with a bcrypt hash made by {@code htpasswd -nbB} (apache2-utils). */
  private static Path writeHtpasswd(Path root, Credentials credentials)
      throws IOException, InterruptedException {
    Path binary = Path.of("/usr/bin/htpasswd");
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(
          "cannot start the Basic-auth test registry: \""
              + binary
              + "\" is missing (install the Debian package apache2-utils)");
    }
    Process process =
        new ProcessBuilder(
                binary.toString(), "-nbB", "-C", "4", credentials.username(), credentials.secret())
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("htpasswd failed to hash the test password: " + out.strip());
    }
    Path file = root.resolve("htpasswd");
    Files.writeString(file, out.strip() + "\n");
    return file;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot delete the test registry's folder \"" + root + "\"", e);
    }
  }
}
