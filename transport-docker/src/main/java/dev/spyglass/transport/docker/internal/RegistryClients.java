package dev.spyglass.transport.docker.internal;

import dev.spyglass.api.Credentials;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.auth.CredentialResolver;
import dev.spyglass.auth.RegistryAuthenticator;
import dev.spyglass.auth.ResolvedCredentials;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The registry clients of a process, one per registry and settings (TLS, certificate directory,
 * credentials, auth file), so that every source opened on a registry in one run shares its
 * connections, authenticator and tokens. Thread safe.
 */
public final class RegistryClients {
  private static final String LOGGER = "dev.spyglass.transport.docker";

  private final ClientFactory clients;
  private final CredentialSource credentials;
  private final Clock clock;
  private final System.Logger log;
  private final PerRegistryCertDirs certDirs;
  private final Traffic traffic;
  private volatile PartialBlobs staging = PartialBlobs.none();
  private final ConcurrentHashMap<Key, Slot> byKey = new ConcurrentHashMap<>();

  /** Finds the credentials for a registry under some options. */
  @FunctionalInterface
  public interface CredentialSource {
    Optional<ResolvedCredentials> resolve(ImageOptions options, String registry)
        throws ImageException;
  }

  /**
   * @param log where wire detail goes at DEBUG
   * @param handshakeTimeout how long a TLS handshake may take
   */
  public RegistryClients(
      CredentialSource credentials, Clock clock, System.Logger log, Duration handshakeTimeout) {
    this(credentials, clock, log, handshakeTimeout, ClientFactory.IO_TIMEOUT);
  }

  /**
   * @param ioTimeout how long a read or write may wait ({@link ClientFactory#IO_TIMEOUT} outside
   *     tests)
   */
  public RegistryClients(
      CredentialSource credentials,
      Clock clock,
      System.Logger log,
      Duration handshakeTimeout,
      Duration ioTimeout) {
    this(
        credentials,
        clock,
        log,
        new ClientFactory(log, handshakeTimeout, ioTimeout),
        PerRegistryCertDirs.standard(),
        defaultTraffic(log));
  }

  RegistryClients(
      CredentialSource credentials,
      Clock clock,
      System.Logger log,
      Duration handshakeTimeout,
      PerRegistryCertDirs certDirs) {
    this(credentials, clock, log, handshakeTimeout, certDirs, defaultTraffic(log));
  }

  /**
   * For tests: requests are repeated under {@code traffic}'s policy, waiting in its time.
   */
  public RegistryClients(
      CredentialSource credentials,
      Clock clock,
      System.Logger log,
      Duration handshakeTimeout,
      Traffic traffic) {
    this(credentials, clock, log, handshakeTimeout, PerRegistryCertDirs.standard(), traffic);
  }

  RegistryClients(
      CredentialSource credentials,
      Clock clock,
      System.Logger log,
      Duration handshakeTimeout,
      PerRegistryCertDirs certDirs,
      Traffic traffic) {
    this(credentials, clock, log, new ClientFactory(log, handshakeTimeout), certDirs, traffic);
  }

  private static Traffic defaultTraffic(System.Logger log) {
    return new Traffic(RetryPolicy.defaults(), Timing.SYSTEM, log);
  }

  private RegistryClients(
      CredentialSource credentials,
      Clock clock,
      System.Logger log,
      ClientFactory clients,
      PerRegistryCertDirs certDirs,
      Traffic traffic) {
    this.traffic = traffic;
    this.certDirs = certDirs;
    this.clients = clients;
    this.credentials = credentials;
    this.clock = clock;
    this.log = log;
  }

  /** The process-wide instance: credentials from {@link CredentialResolver#forOptions}. */
  public static RegistryClients shared() {
    return Shared.INSTANCE;
  }

  private static final class Shared {
    static final RegistryClients INSTANCE = create();

    /**
     * The instance, whose idle connections are closed when the JVM shuts down: otherwise the
     * reading thread of each HTTP/2 connection (any registry over TLS) keeps the JVM's exit waiting
     * 300 ms ({@link ClientFactory#closeIdleConnections}).
     */
    private static RegistryClients create() {
      RegistryClients shared =
          new RegistryClients(
                  (options, registry) -> CredentialResolver.forOptions(options).resolve(registry),
                  Clock.systemUTC(),
                  System.getLogger(LOGGER),
                  ClientFactory.HANDSHAKE_TIMEOUT)
              .withStaging(PartialBlobs.forUser(System.getLogger(LOGGER)));
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(shared.clients::closeIdleConnections, "spyglass-close-connections"));
      return shared;
    }
  }

  /**
   * Stages blob downloads in {@code staging} (the process-wide instance stages in the per-user
   * cache, {@link PartialBlobs#forUser}; others stage nowhere unless told).
   *
   * @return this
   */
  public RegistryClients withStaging(PartialBlobs staging) {
    this.staging = staging;
    return this;
  }

  /** Where blob downloads are staged for a later process. */
  public PartialBlobs staging() {
    return staging;
  }

  /**
   * The client for {@code registry} (as named in references) reached at {@code apiHost}, under
   * {@code options}; built on first use, resolving credentials then.
   *
   * @throws ImageException when credentials cannot be resolved
   */
  public RegistryClient forRegistry(String registry, String apiHost, ImageOptions options)
      throws ImageException {
    Key key =
        new Key(
            registry,
            apiHost,
            new TlsSettings(
                options.tlsVerify(),
                options.certDir().or(() -> certDirs.find(registry)).orElse(null)),
            options.credentials().orElse(null),
            options.authFile().orElse(null),
            options.maxRetryWait().orElse(null));
    return byKey.computeIfAbsent(key, Slot::new).client(options);
  }

  /**
   * Where the client of one key is built, once: concurrent first uses wait for it, so credentials
   * (perhaps a helper process) are resolved once. A failed build is tried again on the next use.
   */
  private final class Slot {
    private final Key key;
    private @Nullable RegistryClient client;

    Slot(Key key) {
      this.key = key;
    }

    synchronized RegistryClient client(ImageOptions options) throws ImageException {
      RegistryClient result = client;
      if (result == null) {
        result = create(key, options);
        client = result;
      }
      return result;
    }
  }

  private RegistryClient create(Key key, ImageOptions options) throws ImageException {
    Optional<ResolvedCredentials> found = credentials.resolve(options, key.registry());
    log.log(
        Level.DEBUG,
        () ->
            "registry \""
                + key.registry()
                + "\": "
                + found
                    .map(c -> "credentials from " + c.source())
                    .orElse("no credentials, anonymous")
                + Optional.ofNullable(key.tls().certDir()).map(dir -> "; certificate directory " + dir).orElse("")
                + (key.tls().verify() ? "" : "; TLS verification off"));
    RegistryAuthenticator authenticator =
        new RegistryAuthenticator(
            key.registry(),
            found.map(ResolvedCredentials::credentials).orElse(null),
            new HttpTokenClient(key.registry(), key.tls(), clients, traffic, policy(key)),
            clock);
    return new RegistryClient(
        key.registry(),
        key.apiHost(),
        key.tls(),
        clients,
        authenticator,
        log,
        traffic,
        policy(key));
  }

  private RetryPolicy policy(Key key) {
    Duration maxWait = key.maxRetryWait();
    return maxWait == null ? traffic.policy() : traffic.policy().withMaxWait(maxWait);
  }

  /** What makes two sources share a client. Holds explicit credentials: never printed. */
  private record Key(
      String registry,
      String apiHost,
      TlsSettings tls,
      @Nullable Credentials credentials,
      @Nullable Path authFile,
      @Nullable Duration maxRetryWait) {
    // equals and hashCode are written out: a record's generated ones are linked on first use by
    // spinning method handles (a few milliseconds of each start, once per racing thread).
    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof Key that
          && registry.equals(that.registry)
          && apiHost.equals(that.apiHost)
          && tls.equals(that.tls)
          && Objects.equals(credentials, that.credentials)
          && Objects.equals(authFile, that.authFile)
          && Objects.equals(maxRetryWait, that.maxRetryWait);
    }

    @Override
    public int hashCode() {
      return Objects.hash(registry, apiHost, tls, credentials, authFile, maxRetryWait);
    }

    @Override
    public String toString() {
      return "Key[" + registry + ", " + tls + "]";
    }
  }
}
