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
 * sockets. Every request says {@code User-Agent: spyglass/VERSION} ({@link UserAgent}) and goes
 * through the proxy the environment names for it, as Go's {@code ProxyFromEnvironment} decides
 * ({@link ProxyRules}, {@link EnvironmentProxySelector}, {@link ProxyCredentials}, {@link
 * ProxyGuard}); connections time out after 30 s, reads and writes after 60 s without progress.
 * Thread safe.
 */
public final class ClientFactory {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

  /** How long a read or write may wait, e.g. for the answer to a request. */
  public static final Duration IO_TIMEOUT = Duration.ofSeconds(60);

  /** How long a TLS handshake may take, as Go's default transport allows. */
  public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

  private final OkHttpClient plain;
  private final ProxyRules proxies;
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
    this(log, handshakeTimeout, ioTimeout, ProxyRules.environment(), UserAgent.standard());
  }

  /**
   * @param proxies where requests go ({@link ProxyRules#environment()} outside tests); when it
   *     names no proxy, OkHttp keeps the JDK's default selector (the {@code https.proxyHost}
   *     system properties)
   * @param userAgent the {@code User-Agent} of every request, {@code CONNECT} included
   */
  ClientFactory(
      System.Logger log,
      Duration handshakeTimeout,
      Duration ioTimeout,
      ProxyRules proxies,
      String userAgent) {
    this.handshakeTimeout = handshakeTimeout;
    this.proxies = proxies;
    ProxyGuard guard = new ProxyGuard(proxies);
    ProxyCredentials proxyCredentials = new ProxyCredentials(proxies, userAgent);
    OkHttpClient.Builder builder =
        new OkHttpClient.Builder()
            .connectionSpecs(List.of(ConnectionSpec.CLEARTEXT))
            .connectTimeout(CONNECT_TIMEOUT)
            .readTimeout(ioTimeout)
            .writeTimeout(ioTimeout)
            .followSslRedirects(false)
            .socketFactory(new BufferedSocketFactory(true))
            .addInterceptor(new UserAgent(userAgent));
    if (!proxies.isEmpty()) {
      builder
          .proxySelector(new EnvironmentProxySelector(proxies, log))
          .proxyAuthenticator(proxyCredentials)
          .addInterceptor(guard)
          .addNetworkInterceptor(guard)
          .addNetworkInterceptor(proxyCredentials);
    }
    this.plain =
        builder
            .addNetworkInterceptor(new AnswerTimeouts())
            .addNetworkInterceptor(new WireLog(log))
            .build();
  }

  /**
   * Closes the connections no call is using (all clients share one pool). An HTTP/2 connection, as
   * to any registry over TLS, keeps a thread blocked reading its socket, and the JVM waits 300 ms at
   * exit for each thread blocked in native code: closing them first lets a process exit at once.
   */
  public void closeIdleConnections() {
    plain.connectionPool().evictAll();
  }

  /**
   * Whether the server at {@code host:port} answers a TLS ClientHello in plain HTTP ({@link
   * TlsProbe}). Not asked when an {@code https://} request to it would go through a proxy: the
   * probe's raw socket cannot, and OkHttp then tries HTTPS through the proxy's tunnel, falling back
   * to plain HTTP (through {@code HTTP_PROXY}) when that fails below HTTP.
   */
  boolean answersPlainHttp(String host, int port) {
    if (!(proxies.route("https", host, port) instanceof ProxyRules.Direct)) {
      return false;
    }
    return TlsProbe.answersPlainHttp(host, port, CONNECT_TIMEOUT, handshakeTimeout);
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
