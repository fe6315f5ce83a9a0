package dev.spyglass.transport.docker.internal;

import dev.spyglass.api.ImageException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;

/**
 * Builds the OkHttp clients of a process: one for plain HTTP, and one per {@link TlsSettings} for
 * HTTPS, all sharing one connection pool and dispatcher. The TLS clients are built lazily, on first
 * use, because loading a trust store takes time a plain-HTTP run should not pay. Every client logs
 * the wire through {@link WireLog} and reads and writes through {@link BufferedSocketFactory}'s
 * sockets. Thread safe.
 */
public final class ClientFactory {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

  /** How long a read or write may wait, e.g. for the answer to a request. */
  public static final Duration IO_TIMEOUT = Duration.ofSeconds(60);

  /** How long a TLS handshake may take, as Go's default transport allows. */
  public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

  private final OkHttpClient plain;
  private final Duration handshakeTimeout;
  private final Map<TlsSettings, OkHttpClient> tls = new ConcurrentHashMap<>();

  public ClientFactory(System.Logger log) {
    this(log, HANDSHAKE_TIMEOUT);
  }

  /** How long a TLS handshake (or a {@link TlsProbe}) may wait for the server's first answer. */
  Duration handshakeTimeout() {
    return handshakeTimeout;
  }

  public ClientFactory(System.Logger log, Duration handshakeTimeout) {
    this(log, handshakeTimeout, IO_TIMEOUT);
  }

  /** @param ioTimeout how long a read or write may wait ({@link #IO_TIMEOUT} outside tests) */
  public ClientFactory(System.Logger log, Duration handshakeTimeout, Duration ioTimeout) {
    this.handshakeTimeout = handshakeTimeout;
    this.plain =
        new OkHttpClient.Builder()
            .connectionSpecs(List.of(ConnectionSpec.CLEARTEXT))
            .connectTimeout(CONNECT_TIMEOUT)
            .readTimeout(ioTimeout)
            .writeTimeout(ioTimeout)
            .followSslRedirects(false)
            .socketFactory(new BufferedSocketFactory(true))
            .addNetworkInterceptor(new AnswerTimeouts())
            .addNetworkInterceptor(new WireLog(log))
            .build();
  }

  /** The client for {@code scheme} ({@code http} or {@code https}) under {@code settings}. */
  public OkHttpClient forScheme(String scheme, TlsSettings settings) throws ImageException {
    return scheme.equals("http") ? plain : tls(settings);
  }

  private OkHttpClient tls(TlsSettings settings) throws ImageException {
    OkHttpClient client = tls.get(settings);
    if (client != null) {
      return client;
    }
    synchronized (tls) {
      client = tls.get(settings);
      if (client == null) {
        client = buildTls(settings);
        tls.put(settings, client);
      }
      return client;
    }
  }

  private OkHttpClient buildTls(TlsSettings settings) throws ImageException {
    OkHttpClient.Builder builder =
        plain
            .newBuilder()
            .connectionSpecs(List.of(ConnectionSpec.MODERN_TLS, ConnectionSpec.CLEARTEXT))
            // Verified HTTPS is never downgraded by a redirect; insecure registries may redirect.
            .followSslRedirects(!settings.verify())
            .socketFactory(new BufferedSocketFactory(false));
    TlsSetup setup = TlsSetup.of(settings, handshakeTimeout);
    builder.sslSocketFactory(setup.socketFactory(), setup.trustManager());
    if (!settings.verify()) {
      builder.hostnameVerifier((host, session) -> true);
    }
    return builder.build();
  }
}
