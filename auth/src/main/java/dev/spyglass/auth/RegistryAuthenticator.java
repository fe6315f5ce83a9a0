package dev.spyglass.auth;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.WARNING;

import dev.spyglass.api.Credentials;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.Quote;
import dev.spyglass.auth.internal.CachedToken;
import dev.spyglass.auth.internal.ChallengeChecks;
import dev.spyglass.auth.internal.RegistryHosts;
import dev.spyglass.auth.internal.TokenCache;
import dev.spyglass.auth.internal.TokenKey;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Produces {@code Authorization} header values for one registry from the challenges it sends: Basic
 * with the credentials, or Bearer with a token fetched through a {@link TokenClient} and cached per
 * (realm, service, scope set) until it expires. Thread safe: one instance serves every request and
 * repository of a run on that registry.
 *
 * <p>Use: send a request with {@link #authorization(Set)} (empty before any challenge); on a 401,
 * pass its {@code WWW-Authenticate} values and the {@code Authorization} it carried to {@link
 * #challenged(List, Set, String)} and, when it returns true, retry once with {@link
 * #authorization(Set)}; a second 401 is final. (The two-argument form guesses which value was sent
 * and is only right when requests do not run in parallel.)
 *
 * <p>Nothing is sent before the registry challenges: Basic credentials only after a Basic
 * challenge, tokens only after a Bearer one. A Bearer token is asked for the scopes the request
 * needs plus those the registry named when it challenged a request needing the same scopes, and no
 * more. A token lives for its {@code expires_in} (60 s when absent or not positive) from its {@code
 * issued_at} (never later than from the moment it arrived), and is renewed 5 s before it expires. A
 * cached token whose scopes include the ones needed is reused, across repositories too. Use {@link
 * #authorization(URI, Set)} to never send a header to another server (blob redirects).
 */
public final class RegistryAuthenticator {
  private static final System.Logger LOG = System.getLogger(RegistryAuthenticator.class.getName());

  private final String registry;
  private final @Nullable Credentials credentials;
  private final TokenClient tokens;
  private final Clock clock;

  private final Object lock = new Object();
  // Everything below is guarded by lock, except fetchLocks (concurrent).
  private @Nullable Scheme scheme;

  /** Per scope set a request needs: the scopes its challenges named on top. */
  private final Map<Set<String>, Set<String>> namedScopes = new HashMap<>();

  /** Per scope set a request needs: what was last handed out for it (a TokenKey, or BASIC). */
  private final Map<Set<String>, Object> handedOut = new HashMap<>();

  private final TokenCache cache = new TokenCache();
  private final Map<TokenKey, Object> fetchLocks = new ConcurrentHashMap<>();
  // The last target found on this registry: most requests go to one, and comparing parses both.
  private volatile @Nullable URI lastSameServer;

  private static final Object BASIC = new Object();

  /**
   * @param registry the host[:port] the credentials belong to; Basic credentials are only ever
   *     produced for it
   * @param credentials credentials to use, or null for anonymous access
   */
  public RegistryAuthenticator(
      String registry, @Nullable Credentials credentials, TokenClient tokens, Clock clock) {
    this.registry = Objects.requireNonNull(registry, "registry");
    if (registry.isBlank()) {
      throw new IllegalArgumentException("registry must not be blank");
    }
    this.credentials = credentials;
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The registry ({@code host[:port]}) this authenticator serves. */
  public String registry() {
    return registry;
  }

  /**
   * The header value for a request that needs {@code scopes} (e.g. {@code repository:app:pull}),
   * from the challenge seen last; fetches a token when none is cached. Empty before any challenge,
   * or when anonymous and the scheme is Basic.
   */
  public Optional<String> authorization(Set<String> scopes) throws ImageException {
    Set<String> need = Set.copyOf(scopes);
    TokenKey key;
    synchronized (lock) {
      Scheme current = scheme;
      if (current == null) {
        return Optional.empty();
      }
      if (current.basic()) {
        if (!canSendBasic()) {
          return Optional.empty();
        }
        handedOut.put(need, BASIC);
        return Optional.of(basicHeader(Objects.requireNonNull(credentials)));
      }
      key = keyFor(current, need);
      Optional<String> cached = handOutCached(need, key);
      if (cached.isPresent()) {
        return cached;
      }
    }
    // Fetch outside the main lock; one fetch per key at a time, the others wait and reuse it.
    Object keyLock = fetchLocks.computeIfAbsent(key, k -> new Object());
    synchronized (keyLock) {
      synchronized (lock) {
        Optional<String> cached = handOutCached(need, key);
        if (cached.isPresent()) {
          return cached;
        }
      }
      CachedToken fresh = fetch(key);
      synchronized (lock) {
        cache.put(key, fresh, clock.instant());
        handedOut.put(need, key);
      }
      return Optional.of("Bearer " + fresh.token());
    }
  }

  /**
   * The header value for a request to {@code target} that needs {@code scopes}: as {@link
   * #authorization(Set)}, but empty when {@code target} is not on this registry (host and port,
   * Docker Hub's names counting as one), so that neither credentials nor tokens follow a redirect
   * to another server.
   */
  public Optional<String> authorization(URI target, Set<String> scopes) throws ImageException {
    if (!target.equals(lastSameServer)) {
      if (RegistryHosts.sameServer(registry, target)) {
        lastSameServer = target;
      } else {
        LOG.log(
            DEBUG, "registry \"{0}\": no Authorization for a request to another server", registry);
        return Optional.empty();
      }
    }
    return authorization(scopes);
  }

  /**
   * Records the challenges of a 401 for a request that needed {@code scopes} and says whether a
   * retry may succeed (a supported scheme, and something new to try: a first token, a token with
   * the scope named by {@code error="insufficient_scope"}, or credentials not yet sent).
   *
   * <p>Not knowing which header the refused request carried, this guesses it was the last one
   * handed out for {@code scopes}; when requests run in parallel, prefer {@link #challenged(List,
   * Set, String)}.
   *
   * @throws ImageException when the registry names a Bearer realm that is missing or not an http or
   *     https URL
   */
  public boolean challenged(List<String> wwwAuthenticate, Set<String> scopes)
      throws ImageException {
    return challenged(wwwAuthenticate, scopes, false, null);
  }

  /**
   * As {@link #challenged(List, Set)}, told the {@code Authorization} value the refused request
   * carried ({@code null} when it carried none), so that a token refused while another request had
   * already replaced it is not mistaken for the new one.
   *
   * @throws ImageException when the registry names a Bearer realm that is missing or not an http or
   *     https URL
   */
  public boolean challenged(
      List<String> wwwAuthenticate, Set<String> scopes, @Nullable String sentAuthorization)
      throws ImageException {
    return challenged(wwwAuthenticate, scopes, true, sentAuthorization);
  }

  private boolean challenged(
      List<String> wwwAuthenticate, Set<String> scopes, boolean sentKnown, @Nullable String sent)
      throws ImageException {
    Set<String> need = Set.copyOf(scopes);
    List<Challenge> challenges = Challenge.parse(wwwAuthenticate);
    Optional<Challenge> bearer = ChallengeChecks.first(challenges, "bearer");
    if (bearer.isPresent()) {
      return challengedBearer(bearer.get(), need, sentKnown, sent);
    }
    if (ChallengeChecks.first(challenges, "basic").isPresent()) {
      return challengedBasic(need, sentKnown, sent);
    }
    LOG.log(
        DEBUG,
        "registry \"{0}\": no supported authentication scheme in {1}",
        registry,
        challenges.stream().map(Challenge::scheme).toList());
    return false;
  }

  /** Whether credentials were configured (so a final 401 means they were refused). */
  public boolean hasCredentials() {
    return credentials != null;
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "RegistryAuthenticator[registry="
          + registry
          + ", credentials="
          + (credentials == null ? "none" : credentials.username() + ":<redacted>")
          + ", scheme="
          + (scheme == null ? "none" : scheme.basic() ? "basic" : "bearer " + scheme.realm())
          + ", cachedTokens="
          + cache.size()
          + "]";
    }
  }

  private boolean challengedBearer(
      Challenge challenge, Set<String> need, boolean sentKnown, @Nullable String sent)
      throws ImageException {
    URI realm = ChallengeChecks.realm(challenge, registry);
    String service = challenge.param("service").orElse("");
    Set<String> named = ChallengeChecks.scopes(challenge.param("scope").orElse(""));
    String error = challenge.param("error").orElse("");
    synchronized (lock) {
      Scheme current = new Scheme(false, realm, service);
      if (!current.equals(scheme)) {
        LOG.log(
            DEBUG,
            "registry \"{0}\": Bearer, realm {1}, service \"{2}\"",
            registry,
            realm,
            service);
      }
      scheme = current;
      Set<String> extra = new TreeSet<>(namedScopes.getOrDefault(need, Set.of()));
      for (String s : named) {
        if (!need.contains(s)) {
          extra.add(s);
        }
      }
      if (!extra.isEmpty()) {
        namedScopes.put(need, Set.copyOf(extra));
      }
      TokenKey next = keyFor(current, need);
      TokenKey sentKey;
      CachedToken refused;
      if (sentKnown) {
        if (sent == null || !sent.startsWith("Bearer ")) {
          return true; // a first token
        }
        String token = sent.substring("Bearer ".length());
        Map.Entry<TokenKey, CachedToken> entry = cache.findByToken(token).orElse(null);
        if (entry == null) {
          return true; // already replaced: a newer token is cached or will be fetched
        }
        sentKey = entry.getKey();
        refused = entry.getValue();
      } else {
        Object handed = handedOut.get(need);
        if (!(handed instanceof TokenKey handedKey)) {
          return true; // no token sent yet for these scopes: a first token
        }
        sentKey = handedKey;
        refused = cache.get(sentKey);
      }
      if (!sentKey.covers(next)) {
        LOG.log(
            DEBUG,
            "registry \"{0}\": {1}, asking again with scopes {2}",
            registry,
            error.isEmpty() ? "token refused" : error,
            next.scopes());
        return true; // new scopes (insufficient_scope) or a new realm or service
      }
      if (refused != null) {
        cache.remove(sentKey, refused);
      }
      boolean stale =
          refused != null && refused.handOuts() > 1 && !error.equals("insufficient_scope");
      LOG.log(
          DEBUG,
          "registry \"{0}\": token for scopes {1} refused ({2}){3}",
          registry,
          sentKey.scopes(),
          error.isEmpty() ? "no error given" : error,
          stale ? ", it was cached: asking for a new one" : "");
      return stale;
    }
  }

  private boolean challengedBasic(Set<String> need, boolean sentKnown, @Nullable String sent) {
    synchronized (lock) {
      if (scheme == null || !scheme.basic()) {
        LOG.log(DEBUG, "registry \"{0}\": Basic", registry);
      }
      scheme = Scheme.BASIC_SCHEME;
      if (!canSendBasic()) {
        LOG.log(DEBUG, "registry \"{0}\": Basic, but no username and password to send", registry);
        return false;
      }
      // false: the credentials were sent and refused
      return sentKnown ? sent == null || !sent.startsWith("Basic ") : handedOut.get(need) != BASIC;
    }
  }

  /** Under lock: the cached token usable for {@code key}, handed out for {@code need}. */
  private Optional<String> handOutCached(Set<String> need, TokenKey key) {
    Optional<TokenCache.HandOut> handOut = cache.handOut(key, clock.instant());
    handOut.ifPresent(h -> handedOut.put(need, h.key()));
    return handOut.map(h -> "Bearer " + h.token());
  }

  private CachedToken fetch(TokenKey key) throws ImageException {
    if (credentials != null && key.realm().getScheme().equalsIgnoreCase("http")) {
      LOG.log(
          WARNING,
          "registry \"{0}\": sending credentials to token realm {1} over plain http",
          registry,
          key.realm());
    }
    TokenResponse response;
    try {
      response =
          tokens.fetch(new TokenRequest(key.realm(), key.service(), key.scopes(), credentials));
    } catch (ImageException e) {
      throw e;
    } catch (IOException e) {
      throw new ImageException(
          "could not get a token for registry \""
              + registry
              + "\" from "
              + Quote.of(key.realm().toString())
              + ": "
              + e.getMessage(),
          e);
    }
    if (response.token().isBlank()) {
      throw new ImageException(
          "token server "
              + Quote.of(key.realm().toString())
              + " answered registry \""
              + registry
              + "\" with no token");
    }
    Instant expires =
        CachedToken.expiry(clock.instant(), response.expiresIn(), response.issuedAt());
    LOG.log(
        DEBUG,
        "registry \"{0}\": obtained {1} token from {2} for service \"{3}\", scopes {4}, expires"
            + " {5}",
        registry,
        credentials == null ? "an anonymous" : "an authenticated",
        key.realm(),
        key.service(),
        key.scopes(),
        expires);
    return new CachedToken(response.token(), expires);
  }

  private boolean canSendBasic() {
    return credentials != null && !credentials.isIdentityToken();
  }

  private TokenKey keyFor(Scheme current, Set<String> need) {
    TreeSet<String> all = new TreeSet<>(need);
    all.addAll(namedScopes.getOrDefault(need, Set.of()));
    return new TokenKey(
        Objects.requireNonNull(current.realm()), current.service(), List.copyOf(all));
  }

  private static String basicHeader(Credentials c) {
    String pair = c.username() + ":" + c.secret();
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /** The scheme of the last challenge: Basic, or Bearer with its realm and service. */
  private record Scheme(boolean basic, @Nullable URI realm, String service) {
    static final Scheme BASIC_SCHEME = new Scheme(true, null, "");
  }
}
