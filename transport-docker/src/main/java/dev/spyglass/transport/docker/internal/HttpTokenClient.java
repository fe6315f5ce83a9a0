package dev.spyglass.transport.docker.internal;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import dev.spyglass.api.AuthenticationException;
import dev.spyglass.api.Credentials;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.Quote;
import dev.spyglass.api.UnexpectedStatusException;
import dev.spyglass.auth.TokenClient;
import dev.spyglass.auth.TokenRequest;
import dev.spyglass.auth.TokenResponse;
import dev.spyglass.transport.docker.internal.json.TokenJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * Fetches Bearer tokens over OkHttp with the registry's TLS settings: a GET of the realm with
 * {@code service}, each {@code scope} and Basic credentials, or, for an identity token, an OAuth2
 * POST {@code grant_type=refresh_token} (falling back to the GET when the server has no OAuth2
 * endpoint). Token bodies are bounded, never logged, and no credential or token enters a message.
 */
public final class HttpTokenClient implements TokenClient {
  /** The most a token response may weigh. */
  static final int MAX_BYTES = 1024 * 1024;

  /** The shortest lifetime assumed for a token, as Docker does. */
  static final Duration MIN_LIFETIME = Duration.ofSeconds(60);

  private static final Gson GSON = new Gson();
  private static final String CLIENT_ID = "spyglass";

  private final String registry;
  private final TlsSettings tls;
  private final ClientFactory clients;
  private final Traffic traffic;
  private final RetryPolicy policy;

  public HttpTokenClient(String registry, TlsSettings tls, ClientFactory clients) {
    this(
        registry,
        tls,
        clients,
        new Traffic(
            RetryPolicy.defaults(), Timing.SYSTEM, System.getLogger("dev.spyglass.transport.docker")),
        RetryPolicy.defaults());
  }

  /**
   * Token requests wait out the pauses of the token server's {@link TrafficGovernor} (taking no
   * permit: they are made while a registry request may hold one) and are repeated under {@code
   * policy}.
   */
  public HttpTokenClient(
      String registry, TlsSettings tls, ClientFactory clients, Traffic traffic, RetryPolicy policy) {
    this.registry = registry;
    this.tls = tls;
    this.clients = clients;
    this.traffic = traffic;
    this.policy = policy;
  }

  @Override
  public TokenResponse fetch(TokenRequest request) throws IOException {
    String realm = request.realm().toString();
    HttpUrl url = HttpUrl.parse(realm);
    if (url == null || !(url.scheme().equals("https") || url.scheme().equals("http"))) {
      throw new ImageException(
          "registry \""
              + registry
              + "\" named a token realm "
              + Quote.of(Redaction.text(realm))
              + " that is not an http(s) URL");
    }
    Credentials credentials = request.credentials().orElse(null);
    if (credentials != null && credentials.isIdentityToken()) {
      Response response = send(url, oauth(url, request, credentials));
      if (response.code() != 404 && response.code() != 405) {
        return read(url, response, credentials);
      }
      response.close();
    }
    return read(url, send(url, get(url, request, credentials)), credentials);
  }

  private static Request get(
      HttpUrl realm, TokenRequest request, @Nullable Credentials credentials) {
    HttpUrl.Builder url = realm.newBuilder();
    if (!request.service().isEmpty()) {
      url.addQueryParameter("service", request.service());
    }
    for (String scope : request.scopes()) {
      url.addQueryParameter("scope", scope);
    }
    Request.Builder builder = new Request.Builder().get();
    if (credentials != null) {
      String user = credentials.username().isEmpty() ? "<token>" : credentials.username();
      if (!credentials.isIdentityToken()) {
        url.addQueryParameter("account", user);
      }
      builder.header(
          "Authorization",
          okhttp3.Credentials.basic(user, credentials.secret(), StandardCharsets.UTF_8));
    }
    return builder.url(url.build()).build();
  }

  private static Request oauth(HttpUrl realm, TokenRequest request, Credentials credentials) {
    FormBody.Builder form =
        new FormBody.Builder()
            .add("grant_type", "refresh_token")
            .add("refresh_token", credentials.secret())
            .add("client_id", CLIENT_ID);
    if (!request.service().isEmpty()) {
      form.add("service", request.service());
    }
    if (!request.scopes().isEmpty()) {
      form.add("scope", String.join(" ", request.scopes()));
    }
    return new Request.Builder().url(realm).post(form.build()).build();
  }

  /**
   * Sends {@code request}, again on connection failures after connecting and on 408, 429 and 5xx
   * (the last such answer is returned, for {@link #read} to report).
   */
  private Response send(HttpUrl realm, Request request) throws ImageException {
    String host = realm.host() + ":" + realm.port();
    TrafficGovernor governor = traffic.governor(host);
    Attempts attempts = traffic.attempts(policy, host);
    while (true) {
      Response response;
      try {
        governor.awaitPause();
        response = clients.forScheme(realm.scheme(), tls).newCall(request).execute();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ImageException(describe(realm) + " was interrupted", e);
      } catch (IOException e) {
        if (RetryPolicy.isRetryable(e)
            && attempts.another(describe(realm), ConnectionFailures.describe(e), Optional.empty())) {
          continue;
        }
        throw ConnectionFailures.translate(host, describe(realm), e);
      }
      Optional<Duration> retryAfter = governor.observe(response.code(), response.headers(), policy);
      if (RetryPolicy.isRetryableStatus(response.code())
          && attempts.another(describe(realm), "HTTP " + response.code(), retryAfter)) {
        response.close();
        continue;
      }
      return response;
    }
  }

  private TokenResponse read(HttpUrl realm, Response response, @Nullable Credentials credentials)
      throws ImageException {
    try (response) {
      ResponseBody body = response.body();
      byte[] bytes =
          body == null
              ? new byte[0]
              : response.isSuccessful()
                  ? Bodies.readAtMost(
                      body, MAX_BYTES, "the token response of \"" + realm.host() + "\"")
                  : Bodies.prefix(body, ErrorBodyLimit.MAX_BYTES);
      String text = new String(bytes, StandardCharsets.UTF_8);
      if (!response.isSuccessful()) {
        throw failure(realm, response.code(), scrub(text, credentials), credentials != null);
      }
      return parse(realm, text);
    } catch (IOException e) {
      throw ConnectionFailures.whileReading(realm.host(), describe(realm), e);
    }
  }

  private ImageException failure(HttpUrl realm, int status, String body, boolean credentialsSent) {
    ResponseErrors.RegistryError error = ResponseErrors.RegistryError.parse(body);
    String detail =
        "token server \""
            + realm.host()
            + "\""
            + (error.describe().isEmpty() ? "" : ": " + error.describe());
    if (status == 401 || status == 403) {
      return new AuthenticationException(registry, "", status, credentialsSent, detail);
    }
    return new UnexpectedStatusException(describe(realm), status, error.code(), error.message());
  }

  private TokenResponse parse(HttpUrl realm, String text) throws ImageException {
    TokenJson json;
    try {
      json = GSON.fromJson(text, TokenJson.class);
    } catch (JsonParseException | IllegalStateException e) {
      throw new ImageException(
          "the token server \"" + realm.host() + "\" sent a body that is not a token response");
    }
    String token =
        json == null
            ? null
            : json.token() != null && !json.token().isEmpty() ? json.token() : json.accessToken();
    if (token == null || token.isEmpty()) {
      throw new ImageException(
          "the token server \"" + realm.host() + "\" answered without a token");
    }
    long seconds = json.expiresIn() == null ? 0 : json.expiresIn();
    Duration lifetime =
        seconds < MIN_LIFETIME.getSeconds() ? MIN_LIFETIME : Duration.ofSeconds(seconds);
    return new TokenResponse(token, lifetime, issuedAt(json.issuedAt()));
  }

  private static @Nullable Instant issuedAt(@Nullable String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Removes the secret from remote text, should a token server echo it back. */
  private static String scrub(String text, @Nullable Credentials credentials) {
    if (credentials == null || credentials.secret().length() < 4) {
      return text;
    }
    return text.replace(credentials.secret(), Redaction.REDACTED);
  }

  private static String describe(HttpUrl realm) {
    return "GET token from \""
        + realm.scheme()
        + "://"
        + realm.host()
        + ":"
        + realm.port()
        + realm.encodedPath()
        + "\"";
  }

  @Override
  public String toString() {
    return "HttpTokenClient[" + registry + "]";
  }
}
