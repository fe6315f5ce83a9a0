package dev.spyglass.it;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A token server after the Docker Registry v2 Bearer token specification, run by the tests on
 * {@code 127.0.0.1} over HTTPS. {@code GET /token?service=S&scope=...&scope=...}, with or without
 * Basic credentials, answers {@code {"token", "access_token", "expires_in": 300, "issued_at"}}
 * with a JWT granting, per requested {@code repository:NAME:ACTIONS} scope, the requested actions
 * that a {@link Grant} allows: anonymous requests get the grants to {@link #EVERYONE}, a user gets
 * those and its own. An unknown user or a wrong password gets 401, a wrong {@code service} or a
 * malformed scope 400.
 *
 * <p>The JWT is signed ES256 by a key whose certificate, issued by a throwaway CA of this server's
 * own, is the only entry of the header's {@code x5c}; its claims are {@code iss}, {@code sub} (the
 * user, empty when anonymous), {@code aud} (= service), {@code exp}, {@code nbf}, {@code iat},
 * {@code jti} and {@code access}. {@link #registryAuth()} tells a registry to trust that CA.
 *
 * <p>Life cycle: {@link #bind} takes a port, so the realm is known; the registry starts with {@link
 * #registryAuth()}; {@link #start} serves HTTPS with the registry's own server certificate, so that
 * one CA ({@code --cert-dir}) covers both; {@link #close()} stops and deletes the key material.
 * Every request is recorded ({@link #served()}) so that tests count round trips and look for
 * leaked tokens. Thread safe.
 */
final class TokenServer implements AutoCloseable {
  /** How long a token lives ({@code expires_in}). */
  static final Duration LIFETIME = Duration.ofSeconds(300);

  /** The account of {@link Grant}s to anonymous requests, and of anonymous {@link Served}s. */
  static final String EVERYONE = "";

  private static final Gson GSON = new Gson();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  /**
   * What {@code account} may do.
   *
   * @param account a user name, or {@link #EVERYONE} for anonymous requests and every user
   * @param repositories a repository name, or a prefix ending in {@code *}
   * @param actions e.g. {@code pull}, {@code push}
   */
  record Grant(String account, String repositories, Set<String> actions) {
    Grant {
      actions = Set.copyOf(actions);
    }

    boolean allows(String user, String repository) {
      boolean forUser = account.equals(EVERYONE) || account.equals(user);
      return forUser
          && (repositories.endsWith("*")
              ? repository.startsWith(repositories.substring(0, repositories.length() - 1))
              : repository.equals(repositories));
    }
  }

  /** One entry of a token's {@code access} claim. */
  record Access(String type, String name, List<String> actions) {
    Access {
      actions = List.copyOf(actions);
    }

    /** {@code repository:NAME:pull,push}, as a {@code scope} names it. */
    static Access repository(String name, String... actions) {
      return new Access("repository", name, List.of(actions));
    }
  }

  /**
   * One request the server answered.
   *
   * @param account the user who sent credentials (also when they were wrong), or {@link #EVERYONE}
   * @param scopes the {@code scope} values asked for, in order
   * @param status the HTTP status answered
   * @param granted the {@code access} claim of the token; empty when refused
   * @param token the JWT issued, or empty when refused
   */
  record Served(
      String account, List<String> scopes, int status, List<Access> granted, String token) {
    Served {
      scopes = List.copyOf(scopes);
      granted = List.copyOf(granted);
    }

    @Override
    public String toString() {
      return "Served[" + (account.isEmpty() ? "anonymous" : account) + " " + scopes + " " + status
          + " " + granted + "]";
    }
  }

  private final Path folder;
  private final HttpsServer server;
  private final String service;
  private final String issuer;
  private final Map<String, String> passwords;
  private final List<Grant> grants;
  private final PrivateKey signingKey;
  private final String x5c;
  private final Path rootCertBundle;
  private final SecureRandom random = new SecureRandom();
  private final List<Served> served = new CopyOnWriteArrayList<>();

  private TokenServer(
      Path folder,
      HttpsServer server,
      String service,
      String issuer,
      Map<String, String> passwords,
      List<Grant> grants,
      TestCertificates signer)
      throws IOException, GeneralSecurityException {
    this.folder = folder;
    this.server = server;
    this.service = service;
    this.issuer = issuer;
    this.passwords = Map.copyOf(passwords);
    this.grants = List.copyOf(grants);
    this.signingKey = TestCertificates.readPrivateKey(signer.serverKey());
    this.x5c = Base64.getEncoder().encodeToString(TestCertificates.readCertificates(signer.serverChain())[0].getEncoded());
    this.rootCertBundle = signer.caCertificate();
  }

  /**
   * Makes the signing CA and key and binds a random port on {@code 127.0.0.1}; serves nothing until
   * {@link #start}.
   *
   * @param passwords the users and their passwords
   */
  static TokenServer bind(
      String service, String issuer, Map<String, String> passwords, List<Grant> grants)
      throws IOException, GeneralSecurityException {
    Path folder = Files.createTempDirectory("spyglass-it-tokens-");
    try {
      TestCertificates signer = TestCertificates.create(folder);
      HttpsServer server =
          HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
      return new TokenServer(folder, server, service, issuer, passwords, grants, signer);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      deleteRecursively(folder);
      throw e;
    }
  }

  /** {@code https://127.0.0.1:PORT/token}. */
  URI realm() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/token");
  }

  /** What the registry must be told to send clients here and to trust the tokens. */
  RegistryProcess.TokenAuth registryAuth() {
    return new RegistryProcess.TokenAuth(realm(), service, issuer, rootCertBundle);
  }

  /** Starts serving HTTPS with the server certificate (for 127.0.0.1) and key of {@code tls}. */
  void start(TestCertificates tls) throws IOException, GeneralSecurityException {
    server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
    server.createContext("/token", this::handle);
    server.start();
  }

  /** Every request answered so far, in order. */
  List<Served> served() {
    return List.copyOf(served);
  }

  /** The requests answered after the first {@code mark} (a former {@code served().size()}). */
  List<Served> servedSince(int mark) {
    List<Served> all = served();
    return all.subList(Math.min(mark, all.size()), all.size());
  }

  /**
   * A token for {@code subject} with exactly {@code access}, made without a request (not recorded):
   * for test set-up, e.g. pushing.
   */
  String mint(String subject, List<Access> access) {
    return sign(subject, access, Instant.now());
  }

  @Override
  public void close() {
    server.stop(0);
    deleteRecursively(folder);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String account = EVERYONE;
      List<String> scopes = new ArrayList<>();
      try {
        if (!exchange.getRequestMethod().equals("GET")) {
          answer(exchange, account, scopes, 405, error("UNSUPPORTED", "only GET is supported"));
          return;
        }
        String service = "";
        for (String pair : queryPairs(exchange.getRequestURI().getRawQuery())) {
          int eq = pair.indexOf('=');
          String name = decode(eq < 0 ? pair : pair.substring(0, eq));
          String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
          if (name.equals("service")) {
            service = value;
          } else if (name.equals("scope")) {
            for (String scope : value.split(" ")) {
              if (!scope.isEmpty()) {
                scopes.add(scope);
              }
            }
          }
        }
        @Nullable String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null) {
          String user = user(authorization);
          if (user == null) {
            answer(exchange, account, scopes, 401, unauthorized());
            return;
          }
          account = user;
          String password = password(authorization);
          if (!passwords.containsKey(user) || !passwords.get(user).equals(password)) {
            answer(exchange, account, scopes, 401, unauthorized());
            return;
          }
        }
        if (!service.equals(this.service)) {
          answer(exchange, account, scopes, 400, error("INVALID_REQUEST", "unknown service"));
          return;
        }
        List<Access> granted = new ArrayList<>();
        for (String scope : scopes) {
          Access asked = parseScope(scope);
          if (asked == null) {
            answer(exchange, account, scopes, 400, error("INVALID_REQUEST", "malformed scope"));
            return;
          }
          Access allowed = allowed(account, asked);
          if (!allowed.actions().isEmpty()) {
            granted.add(allowed);
          }
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String token = sign(account, granted, now);
        JsonObject body = new JsonObject();
        body.addProperty("token", token);
        body.addProperty("access_token", token);
        body.addProperty("expires_in", LIFETIME.toSeconds());
        body.addProperty("issued_at", now.toString());
        // Recorded before the answer: once the client has it, a test may already be counting.
        served.add(new Served(account, scopes, 200, granted, token));
        send(exchange, 200, GSON.toJson(body));
      } catch (RuntimeException e) {
        answer(exchange, account, scopes, 500, error("UNKNOWN", String.valueOf(e)));
      }
    }
  }

  private void answer(
      HttpExchange exchange, String account, List<String> scopes, int status, String body)
      throws IOException {
    if (status == 401) {
      exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"" + service + "\"");
    }
    served.add(new Served(account, scopes, status, List.of(), ""));
    send(exchange, status, body);
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  /** The requested actions of {@code asked} that some grant to {@code account} allows. */
  private Access allowed(String account, Access asked) {
    Set<String> actions = new LinkedHashSet<>();
    if (asked.type().equals("repository")) {
      for (String action : asked.actions()) {
        for (Grant grant : grants) {
          if (grant.allows(account, asked.name()) && grant.actions().contains(action)) {
            actions.add(action);
          }
        }
      }
    }
    return new Access(asked.type(), asked.name(), List.copyOf(actions));
  }

  /** {@code TYPE:NAME:ACTIONS}; the name may hold colons (a registry with a port). */
  private static @Nullable Access parseScope(String scope) {
    int first = scope.indexOf(':');
    int last = scope.lastIndexOf(':');
    if (first <= 0 || last <= first + 1) {
      return null;
    }
    List<String> actions = new ArrayList<>();
    for (String action : scope.substring(last + 1).split(",")) {
      if (!action.isEmpty()) {
        actions.add(action);
      }
    }
    return new Access(scope.substring(0, first), scope.substring(first + 1, last), actions);
  }

  private String sign(String subject, List<Access> access, Instant now) {
    JsonObject header = new JsonObject();
    header.addProperty("typ", "JWT");
    header.addProperty("alg", "ES256");
    JsonArray chain = new JsonArray();
    chain.add(x5c);
    header.add("x5c", chain);
    JsonObject claims = new JsonObject();
    claims.addProperty("iss", issuer);
    claims.addProperty("sub", subject);
    claims.addProperty("aud", service);
    claims.addProperty("exp", now.plus(LIFETIME).getEpochSecond());
    claims.addProperty("nbf", now.getEpochSecond());
    claims.addProperty("iat", now.getEpochSecond());
    byte[] jti = new byte[16];
    random.nextBytes(jti);
    claims.addProperty("jti", HexFormat.of().formatHex(jti));
    JsonArray accessArray = new JsonArray();
    for (Access a : access) {
      JsonObject entry = new JsonObject();
      entry.addProperty("type", a.type());
      entry.addProperty("name", a.name());
      JsonArray actions = new JsonArray();
      a.actions().forEach(actions::add);
      entry.add("actions", actions);
      accessArray.add(entry);
    }
    claims.add("access", accessArray);
    String signingInput =
        BASE64URL.encodeToString(GSON.toJson(header).getBytes(StandardCharsets.UTF_8))
            + "."
            + BASE64URL.encodeToString(GSON.toJson(claims).getBytes(StandardCharsets.UTF_8));
    try {
      // JWS wants R || S (32 bytes each), not the DER sequence plain SHA256withECDSA writes.
      Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
      signature.initSign(signingKey);
      signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + BASE64URL.encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a test token: " + e, e);
    }
  }

  /** The user of a {@code Basic} header, or null when it is not one. */
  private static @Nullable String user(String authorization) {
    String pair = basicPair(authorization);
    return pair == null || pair.indexOf(':') < 0 ? null : pair.substring(0, pair.indexOf(':'));
  }

  private static String password(String authorization) {
    String pair = basicPair(authorization);
    return pair == null ? "" : pair.substring(pair.indexOf(':') + 1);
  }

  private static @Nullable String basicPair(String authorization) {
    if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      return new String(
          Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static List<String> queryPairs(@Nullable String rawQuery) {
    return rawQuery == null || rawQuery.isEmpty() ? List.of() : List.of(rawQuery.split("&"));
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static String unauthorized() {
    return error("UNAUTHORIZED", "invalid username or password");
  }

  private static String error(String code, String message) {
    JsonObject error = new JsonObject();
    error.addProperty("code", code);
    error.addProperty("message", message);
    JsonArray errors = new JsonArray();
    errors.add(error);
    JsonObject body = new JsonObject();
    body.add("errors", errors);
    return GSON.toJson(body);
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
      throw new UncheckedIOException("cannot delete the token server's folder \"" + root + "\"", e);
    }
  }
}
