package dev.spyglass.auth;

import static java.lang.System.Logger.Level.DEBUG;

import dev.spyglass.api.Credentials;
import dev.spyglass.api.HomeDirectory;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.RegistryNames;
import dev.spyglass.auth.internal.AuthFile;
import dev.spyglass.auth.internal.CredentialHelper;
import dev.spyglass.auth.internal.RegistryHosts;
import dev.spyglass.auth.internal.json.AuthEntryJson;
import dev.spyglass.auth.internal.json.AuthFileJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds the credentials for a registry host in the documented order, first match wins: explicit
 * credentials; the auth file given; {@code REGISTRY_AUTH_FILE}; {@code
 * ${XDG_RUNTIME_DIR}/containers/auth.json}; {@code
 * ${XDG_CONFIG_HOME:-~/.config}/containers/auth.json}; {@code
 * ${DOCKER_CONFIG:-~/.docker}/config.json} ({@code credHelpers}, {@code credsStore}, {@code
 * auths}); {@code ~/.dockercfg}. Thread safe; reads files on each call.
 *
 * <p>In each JSON file: the {@code credHelpers} entry for the registry names a helper to ask; else
 * a {@code credsStore} names one; when neither exists or the helper has no credentials, the {@code
 * auths} entry ({@code identitytoken}, else {@code auth} = base64 of {@code user:password}, else
 * {@code username} and {@code password}). Keys match the registry in every form Docker and
 * containers write: {@code host}, {@code host:port}, {@code https://host/v1/}, {@code http://host},
 * and the Docker Hub names {@code docker.io}, {@code index.docker.io}, {@code
 * registry-1.docker.io}, {@code https://index.docker.io/v1/} are one registry. Missing files are
 * skipped, except the auth file given explicitly. Helpers ({@code docker-credential-NAME get}) are
 * looked up on the {@code PATH} of the environment given and run with it; they get 30 s to answer.
 */
public final class CredentialResolver {
  private static final System.Logger LOG = System.getLogger(CredentialResolver.class.getName());

  /** How long a credential helper may take to answer. */
  static final Duration HELPER_TIMEOUT = Duration.ofSeconds(30);

  private final Map<String, String> env;
  private final Path home;
  private final @Nullable Credentials explicit;
  private final @Nullable Path authFile;
  private final Duration helperTimeout;

  /**
   * @param env the environment to read variables from (usually {@code System.getenv()})
   * @param home the user's home directory
   */
  public CredentialResolver(
      Map<String, String> env, Path home, @Nullable Credentials explicit, @Nullable Path authFile) {
    this(env, home, explicit, authFile, HELPER_TIMEOUT);
  }

  CredentialResolver(
      Map<String, String> env,
      Path home,
      @Nullable Credentials explicit,
      @Nullable Path authFile,
      Duration helperTimeout) {
    this.env = Map.copyOf(env);
    this.home = Objects.requireNonNull(home, "home");
    this.explicit = explicit;
    this.authFile = authFile;
    this.helperTimeout = Objects.requireNonNull(helperTimeout, "helperTimeout");
  }

  /**
   * A resolver for this process's environment and home ({@code HOME}, see {@link HomeDirectory}),
   * with the options' credentials and file.
   */
  public static CredentialResolver forOptions(ImageOptions options) {
    Map<String, String> env = System.getenv();
    return new CredentialResolver(
        env,
        HomeDirectory.of(env, System.getProperty("user.home", "/")),
        options.credentials().orElse(null),
        options.authFile().orElse(null));
  }

  /**
   * Credentials for {@code registry} ({@code host} or {@code host:port}); empty means anonymous.
   *
   * @throws ImageException when a file is unreadable or malformed, or a helper fails other than
   *     with "credentials not found"; the message names the file or helper, never a secret
   */
  public Optional<ResolvedCredentials> resolve(String registry) throws ImageException {
    String host = RegistryHosts.normalizeRegistry(registry);
    if (host.isEmpty()) {
      throw new IllegalArgumentException("registry \"" + registry + "\" names no host");
    }
    Optional<ResolvedCredentials> found = find(host);
    LOG.log(
        DEBUG,
        "credentials for registry \"{0}\": {1}",
        host,
        found
            .map(f -> f.credentials().username() + " from " + f.source())
            .orElse("none (anonymous)"));
    return found;
  }

  /**
   * The files {@link #resolve} reads, in order (those that do not exist are skipped): the auth file
   * given, then the default locations, the legacy {@code .dockercfg} last.
   */
  public List<Path> files() {
    Set<Path> files = new LinkedHashSet<>();
    if (authFile != null) {
      files.add(authFile);
    }
    variable("REGISTRY_AUTH_FILE").ifPresent(f -> files.add(Path.of(f)));
    variable("XDG_RUNTIME_DIR").ifPresent(d -> files.add(Path.of(d, "containers", "auth.json")));
    files.add(
        variable("XDG_CONFIG_HOME")
            .map(Path::of)
            .orElse(home.resolve(".config"))
            .resolve("containers")
            .resolve("auth.json"));
    files.add(
        variable("DOCKER_CONFIG")
            .map(Path::of)
            .orElse(home.resolve(".docker"))
            .resolve("config.json"));
    files.add(legacyFile());
    return List.copyOf(files);
  }

  @Override
  public String toString() {
    return "CredentialResolver[explicit="
        + (explicit == null ? "none" : explicit.username() + ":<redacted>")
        + ", authFile="
        + authFile
        + ", home="
        + home
        + "]";
  }

  private Optional<ResolvedCredentials> find(String host) throws ImageException {
    if (explicit != null) {
      return Optional.of(new ResolvedCredentials(explicit, "--creds"));
    }
    if (authFile != null && !Files.exists(authFile)) {
      throw new ImageException("auth file \"" + authFile + "\" does not exist");
    }
    List<Path> files = new ArrayList<>(files());
    Path legacy = legacyFile();
    files.remove(legacy);
    for (Path file : files) {
      Optional<ResolvedCredentials> found = fromFile(file, host);
      if (found.isPresent()) {
        return found;
      }
    }
    return fromLegacyFile(legacy, host);
  }

  private Optional<ResolvedCredentials> fromFile(Path file, String host) throws ImageException {
    Optional<AuthFileJson> read = AuthFile.read(file);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    AuthFileJson json = read.get();
    Optional<Map.Entry<String, String>> helperEntry =
        AuthFile.lookup(json.credHelpers, host, false);
    String helperName =
        helperEntry.map(Map.Entry::getValue).filter(s -> !s.isBlank()).orElse(json.credsStore);
    if (helperName != null && !helperName.isBlank()) {
      CredentialHelper helper = new CredentialHelper(helperName, file, env, helperTimeout);
      String serverUrl = RegistryNames.credentialKey(host);
      Optional<Credentials> fromHelper = helper.get(serverUrl);
      if (fromHelper.isPresent()) {
        return Optional.of(new ResolvedCredentials(fromHelper.get(), "helper " + helper.program()));
      }
      LOG.log(DEBUG, "{0} has no credentials for \"{1}\"", helper.program(), serverUrl);
    }
    Optional<Map.Entry<String, AuthEntryJson>> entry = AuthFile.lookup(json.auths, host, false);
    if (entry.isPresent()) {
      Optional<Credentials> credentials =
          AuthFile.credentials(entry.get().getValue(), file, entry.get().getKey());
      if (credentials.isPresent()) {
        return Optional.of(new ResolvedCredentials(credentials.get(), "file " + file + " (auths)"));
      }
    }
    return Optional.empty();
  }

  private Optional<ResolvedCredentials> fromLegacyFile(Path file, String host)
      throws ImageException {
    Optional<Map<String, AuthEntryJson>> read = AuthFile.readLegacy(file);
    Optional<Map.Entry<String, AuthEntryJson>> entry =
        AuthFile.lookup(read.orElse(null), host, true);
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    return AuthFile.credentials(entry.get().getValue(), file, entry.get().getKey())
        .map(c -> new ResolvedCredentials(c, "file " + file + " (legacy)"));
  }

  private Path legacyFile() {
    return home.resolve(".dockercfg");
  }

  private Optional<String> variable(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }
}
