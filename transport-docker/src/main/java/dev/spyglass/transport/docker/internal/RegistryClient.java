package dev.spyglass.transport.docker.internal;

import dev.spyglass.api.ImageException;
import dev.spyglass.api.UnexpectedStatusException;
import dev.spyglass.auth.Challenge;
import dev.spyglass.auth.RegistryAuthenticator;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * Sends requests to one registry: picks the scheme (HTTPS; plain HTTP only when TLS verification is
 * off and the server answered a TLS ClientHello in plain HTTP ({@link TlsProbe}) or HTTPS failed
 * below HTTP; then remembered), authenticates through one shared {@link
 * RegistryAuthenticator}, and turns failures into api exceptions. Returns successful responses
 * only, their bodies unread. Thread safe; shared by every source opened on the registry with the
 * same settings.
 */
public final class RegistryClient {
  private final String registry;
  private final String apiHost;
  private final TlsSettings tls;
  private final ClientFactory clients;
  private final RegistryAuthenticator authenticator;
  private final System.Logger log;
  private final Traffic traffic;
  private final RetryPolicy policy;
  private final TrafficGovernor governor;
  private final Map<String, RegistryApi> apis = new ConcurrentHashMap<>();
  private volatile @Nullable String scheme;
  private final Object schemeSearch = new Object();

  /**
   * @param registry the registry as the user named it (credentials, messages)
   * @param apiHost the host[:port] its API is reached at
   */
  public RegistryClient(
      String registry,
      String apiHost,
      TlsSettings tls,
      ClientFactory clients,
      RegistryAuthenticator authenticator,
      System.Logger log) {
    this(
        registry,
        apiHost,
        tls,
        clients,
        authenticator,
        log,
        new Traffic(RetryPolicy.defaults(), Timing.SYSTEM, log),
        RetryPolicy.defaults());
  }

  /**
   * @param traffic the governors of the process: this client's requests go through {@code
   *     apiHost}'s
   * @param policy how this client's requests are repeated
   */
  public RegistryClient(
      String registry,
      String apiHost,
      TlsSettings tls,
      ClientFactory clients,
      RegistryAuthenticator authenticator,
      System.Logger log,
      Traffic traffic,
      RetryPolicy policy) {
    this.registry = registry;
    this.apiHost = apiHost;
    this.tls = tls;
    this.clients = clients;
    this.authenticator = authenticator;
    this.log = log;
    this.traffic = traffic;
    this.policy = policy;
    this.governor = traffic.governor(apiHost);
  }

  /** Where wire detail goes at DEBUG. */
  public System.Logger log() {
    return log;
  }

  /** How this client's requests are repeated. */
  public RetryPolicy policy() {
    return policy;
  }

  /** The tries of one request or blob body to this registry, starting now. */
  public Attempts attempts() {
    return traffic.attempts(policy, apiHost);
  }

  public String registry() {
    return registry;
  }

  public String apiHost() {
    return apiHost;
  }

  /** A request of {@link RegistryApi}, made against the API for the scheme in use. */
  @FunctionalInterface
  public interface ApiCall<T> {
    RegistryCall<T> on(RegistryApi api);
  }

  /**
   * Sends {@code call} (which must tag its request with {@code scope}) and returns its response
   * when successful; the caller reads and closes the body. GET, HEAD and DELETE are repeated on
   * failures that may pass ({@link RetryPolicy}); other methods only through {@link
   * #execute(RequestSubject, AuthScope, boolean, ApiCall)}.
   *
   * @throws ImageException the translated failure: HTTP errors through {@link ResponseErrors},
   *     connection and TLS failures through {@link ConnectionFailures}
   */
  public <T> RegistryResponse<T> execute(RequestSubject subject, AuthScope scope, ApiCall<T> call)
      throws ImageException {
    return execute(subject, scope, isIdempotent(subject.method()), call);
  }

  /**
   * As {@link #execute(RequestSubject, AuthScope, ApiCall)}. A 401 is answered once, by making the
   * call again when the authenticator (told which {@code Authorization} the refused request
   * carried, so that concurrent requests do not mistake each other's tokens) has something new to
   * send; a 401 after that is final. Every try waits for a permit of the host's {@link
   * TrafficGovernor}, which also sees every answer.
   *
   * @param repeatable whether the request may be sent again on a connection failure after the
   *     connection was made, or on 408, 429 and 5xx (its body, if any, can be written twice)
   */
  public <T> RegistryResponse<T> execute(
      RequestSubject subject, AuthScope scope, boolean repeatable, ApiCall<T> call)
      throws ImageException {
    boolean challengeAnswered = false;
    Attempts attempts = attempts();
    while (true) {
      RegistryResponse<T> response;
      try (TrafficGovernor.Permit permit = permit(subject)) {
        response = send(call);
      } catch (IOException e) {
        if (repeatable
            && RetryPolicy.isRetryable(e)
            && attempts.another(
                subject.describe(), ConnectionFailures.describe(e), Optional.empty())) {
          continue;
        }
        throw ConnectionFailures.translate(apiHost, subject.describe(), e);
      }
      Optional<Duration> retryAfter =
          governor.observe(response.code(), response.headers(), policy);
      if (response.isSuccessful()) {
        return response;
      }
      String body = errorBody(response);
      if (response.code() == 401
          && !challengeAnswered
          && authenticator.challenged(
              response.headers().values("WWW-Authenticate"),
              scope.scopes(),
              response.raw().request().header("Authorization"))) {
        challengeAnswered = true;
        continue;
      }
      if (repeatable
          && RetryPolicy.isRetryableStatus(response.code())
          && attempts.another(subject.describe(), "HTTP " + response.code(), retryAfter)) {
        continue;
      }
      if (response.code() == 429) {
        Optional<RateLimit> limit = RateLimit.of(response.headers()).or(governor::rateLimit);
        if (limit.isPresent()) {
          throw rateLimited(subject, body, limit.get(), retryAfter);
        }
      }
      throw ResponseErrors.translate(
          subject,
          response.code(),
          body,
          authenticator.hasCredentials(),
          insufficientScope(response.headers().values("WWW-Authenticate")));
    }
  }

  private TrafficGovernor.Permit permit(RequestSubject subject) throws ImageException {
    try {
      return governor.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageException(
          subject.describe() + " to \"" + apiHost + "\" was interrupted while waiting its turn", e);
    }
  }

  private static boolean isIdempotent(String method) {
    return method.equals("GET") || method.equals("HEAD") || method.equals("DELETE");
  }

  /** A 429 that outlasted the retries, saying the limit, what is left and when it resets. */
  private UnexpectedStatusException rateLimited(
      RequestSubject subject, String body, RateLimit limit, Optional<Duration> retryAfter) {
    ResponseErrors.RegistryError error = ResponseErrors.RegistryError.parse(body);
    String resets =
        retryAfter
            .map(d -> "; retry after " + traffic.timing().now().plus(d).truncatedTo(ChronoUnit.SECONDS))
            .orElse("");
    return new UnexpectedStatusException(
        subject.describe() + " from registry \"" + registry + "\"",
        429,
        error.code(),
        "registry \"" + registry + "\" rate limit reached: " + limit.describe() + resets);
  }

  /**
   * The scope a challenge with {@code error="insufficient_scope"} asks for (empty when it names
   * none), or null when no challenge says the scope was insufficient.
   */
  private static @Nullable String insufficientScope(List<String> challenges) {
    return Challenge.parse(challenges).stream()
        .filter(c -> c.param("error").orElse("").equals("insufficient_scope"))
        .map(c -> c.param("scope").orElse(""))
        .findFirst()
        .orElse(null);
  }

  private static String errorBody(RegistryResponse<?> response) {
    try (ResponseBody error = response.errorBody()) {
      return error == null ? "" : new String(error.bytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return ""; // The status alone is enough to report.
    }
  }

  private <T> RegistryResponse<T> send(ApiCall<T> call) throws IOException {
    String known = scheme;
    if (known == null) {
      // One request finds the scheme; the requests that came at the same time (the images of a
      // batch, a sync's jobs) wait for it rather than each probing the registry.
      synchronized (schemeSearch) {
        known = scheme;
        if (known == null) {
          if (tls.verify() || !plainHttpAnswered()) {
            return discover(call);
          }
          log.log(
              Level.DEBUG,
              () ->
                  "registry \""
                      + registry
                      + "\": answered a TLS ClientHello in plain HTTP; using HTTP because TLS"
                      + " verification is off");
          // The probe settles it: the others need not wait for this request's answer.
          scheme = known = "http";
        }
      }
    }
    return call.on(api(known)).execute();
  }

  /**
   * Sends the first request over HTTPS, falling back to plain HTTP when TLS verification is off and
   * the connection failed below HTTP: sets {@link #scheme} when answered.
   */
  private <T> RegistryResponse<T> discover(ApiCall<T> call) throws IOException {
    RegistryResponse<T> response;
    try {
      response = call.on(api("https")).execute();
    } catch (IOException e) {
      if (tls.verify() || !ConnectionFailures.isBelowHttp(e)) {
        throw e;
      }
      log.log(
          Level.DEBUG,
          () ->
              "registry \""
                  + registry
                  + "\": HTTPS failed ("
                  + ConnectionFailures.describe(e)
                  + "), trying plain HTTP because TLS verification is off");
      try {
        response = call.on(api("http")).execute();
      } catch (IOException plain) {
        plain.addSuppressed(e);
        throw plain;
      }
      scheme = "http";
      return response;
    }
    scheme = "https";
    return response;
  }

  private boolean plainHttpAnswered() {
    HttpUrl url = HttpUrl.get("https://" + apiHost + "/");
    return clients.answersPlainHttp(url.host(), url.port());
  }

  private RegistryApi api(String scheme) throws ImageException {
    RegistryApi api = apis.get(scheme);
    if (api == null) {
      OkHttpClient client =
          clients
              .forScheme(scheme, tls)
              .newBuilder()
              .addInterceptor(new AuthInterceptor(authenticator))
              .addInterceptor(new ErrorBodyLimit())
              .build();
      api = new RegistryApi(client, HttpUrl.get(scheme + "://" + apiHost + "/"));
      RegistryApi raced = apis.putIfAbsent(scheme, api);
      api = raced == null ? api : raced;
    }
    return api;
  }

  @Override
  public String toString() {
    return "RegistryClient[" + registry + "]";
  }
}
