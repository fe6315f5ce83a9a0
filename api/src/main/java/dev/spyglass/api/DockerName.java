package dev.spyglass.api;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Names an image in a registry, {@code [HOST[:PORT]/]NAME[:TAG|@DIGEST]}, parsed and normalised
 * with the reference grammar of docker/distribution. Immutable and thread safe; does no I/O.
 *
 * <p>The first path component is the registry when it contains {@code .} or {@code :} or is {@code
 * localhost}; otherwise the registry is {@code docker.io} ({@link RegistryNames#DOCKER_HUB}), whose
 * single-component names get the {@code library/} prefix; {@code index.docker.io} is {@code
 * docker.io}. Without tag and digest the tag is {@code latest}. A name with both a tag and a digest
 * is refused, as containers/image does.
 */
public final class DockerName {
  private static final String DEFAULT_TAG = "latest";
  private static final String LIBRARY = "library/";
  private static final int NAME_MAX = 255;

  // The language of distribution's path component; "-+" accepts what its "[-]*" does, without the
  // nested unbounded repetition that backtracks exponentially on a failing match.
  private static final Pattern PATH_COMPONENT =
      Pattern.compile("[a-z0-9]++(?:(?:[._]|__|-++)[a-z0-9]++)*+");
  private static final Pattern DOMAIN_LABEL =
      Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?");
  private static final Pattern IPV6 = Pattern.compile("\\[[a-fA-F0-9:]++\\]");
  private static final Pattern PORT = Pattern.compile("[0-9]++");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-f0-9]{64}");

  private final String registry;
  private final String repository;
  private final @Nullable String tag;
  private final @Nullable Digest digest;

  private DockerName(
      String registry, String repository, @Nullable String tag, @Nullable Digest digest) {
    this.registry = registry;
    this.repository = repository;
    this.tag = tag;
    this.digest = digest;
  }

  /**
   * Parses a name as Docker takes it, e.g. {@code registry.example:5000/ns/app:1.0}, {@code
   * busybox}, {@code busybox@sha256:...}.
   *
   * @throws InvalidReferenceException quoting the text and giving the reason
   */
  public static DockerName parse(String text) {
    String rest = text;
    if (rest.isEmpty()) {
      throw new InvalidReferenceException(text, "the image name is missing");
    }
    if (IDENTIFIER.matcher(rest).matches()) {
      throw new InvalidReferenceException(
          text, "a repository name cannot be a 64-digit hexadecimal image id");
    }

    Digest digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = parseDigest(text, rest.substring(at + 1));
      rest = rest.substring(0, at);
    }
    String tag = null;
    int colon = rest.indexOf(':', rest.lastIndexOf('/') + 1);
    if (colon >= 0) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw new InvalidReferenceException(
            text,
            "tag "
                + Quote.of(tag)
                + " must be 1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or"
                + " '-'");
      }
    }
    if (tag != null && digest != null) {
      throw new InvalidReferenceException(
          text, "a docker reference cannot have both a tag and a digest");
    }

    String registry = RegistryNames.DOCKER_HUB;
    String repository = rest;
    int slash = rest.indexOf('/');
    if (slash >= 0 && isDomain(rest.substring(0, slash))) {
      registry = rest.substring(0, slash);
      repository = rest.substring(slash + 1);
      checkDomain(text, registry);
      registry = RegistryNames.foldLegacy(registry);
    }
    checkPath(text, repository);
    if (registry.equals(RegistryNames.DOCKER_HUB) && repository.indexOf('/') < 0) {
      repository = LIBRARY + repository;
    }
    if (registry.length() + 1 + repository.length() > NAME_MAX) {
      throw new InvalidReferenceException(
          text, "the repository name must not be longer than " + NAME_MAX + " characters");
    }
    if (tag == null && digest == null) {
      tag = DEFAULT_TAG;
    }
    return new DockerName(registry, repository, tag, digest);
  }

  private static boolean isDomain(String component) {
    return component.indexOf('.') >= 0
        || component.indexOf(':') >= 0
        || component.equals("localhost");
  }

  /**
   * Checks {@code HOST[:PORT]} (a host name, an IPv4 address or a bracketed IPv6 address).
   *
   * @throws InvalidReferenceException quoting {@code text}
   */
  static void checkDomain(String text, String domain) {
    String host = domain;
    int portColon =
        domain.startsWith("[") ? domain.indexOf(':', domain.indexOf(']')) : domain.indexOf(':');
    if (portColon >= 0) {
      host = domain.substring(0, portColon);
      String port = domain.substring(portColon + 1);
      if (!PORT.matcher(port).matches()) {
        throw new InvalidReferenceException(
            text, "registry " + Quote.of(domain) + " has an invalid port " + Quote.of(port));
      }
    }
    if (IPV6.matcher(host).matches()) {
      return;
    }
    for (String label : host.split("\\.", -1)) {
      if (!DOMAIN_LABEL.matcher(label).matches()) {
        throw new InvalidReferenceException(
            text, "registry " + Quote.of(domain) + " is not a valid host name");
      }
    }
  }

  private static void checkPath(String text, String path) {
    for (String component : path.split("/", -1)) {
      if (component.isEmpty()) {
        throw new InvalidReferenceException(
            text, "the repository name " + Quote.of(path) + " has an empty path component");
      }
      if (!PATH_COMPONENT.matcher(component).matches()) {
        boolean upper = PATH_COMPONENT.matcher(component.toLowerCase(Locale.ROOT)).matches();
        throw new InvalidReferenceException(
            text,
            upper
                ? "the repository name must be lowercase"
                : "repository path component "
                    + Quote.of(component)
                    + " must be lowercase letters and digits separated by '.', '_', '__' or '-'");
      }
    }
  }

  private static Digest parseDigest(String text, String digest) {
    try {
      return Digest.parse(digest);
    } catch (IllegalArgumentException e) {
      throw new InvalidReferenceException(text, e.getMessage());
    }
  }

  /**
   * The registry as named in references and credential files: {@code docker.io}, {@code host:5000}.
   */
  public String registry() {
    return registry;
  }

  /**
   * The host[:port] the registry API is reached at: {@code registry-1.docker.io} for Docker Hub
   * (see {@link RegistryNames#apiHost}).
   */
  public String apiHost() {
    return RegistryNames.apiHost(registry);
  }

  /** The repository path within the registry, e.g. {@code library/busybox}. */
  public String repository() {
    return repository;
  }

  /** The tag; {@code latest} when the text had neither tag nor digest; empty with a digest. */
  public Optional<String> tag() {
    return Optional.ofNullable(tag);
  }

  /** The digest the image is named by, when it is. */
  public Optional<Digest> digest() {
    return Optional.ofNullable(digest);
  }

  /**
   * The fully qualified repository name: {@code docker.io/library/busybox}, {@code
   * localhost:5000/app}.
   */
  public String name() {
    return registry + "/" + repository;
  }

  /** The tag or digest as it goes in a manifest URL: {@code 1.0}, {@code sha256:...}. */
  public String manifestReference() {
    return digest != null ? digest.toString() : Objects.requireNonNull(tag);
  }

  /** The full name with its tag or digest, e.g. {@code localhost:5000/app:1.0}. */
  public String fullName() {
    return name() + suffix();
  }

  /**
   * The shortest name that parses back to this one, as Docker prints it: {@code busybox:latest},
   * {@code myuser/app:1.0}, {@code localhost:5000/app@sha256:...}.
   */
  public String familiarString() {
    String familiar = name();
    if (registry.equals(RegistryNames.DOCKER_HUB)) {
      familiar = repository;
      if (familiar.startsWith(LIBRARY) && familiar.indexOf('/', LIBRARY.length()) < 0) {
        familiar = familiar.substring(LIBRARY.length());
      }
    }
    return familiar + suffix();
  }

  /** The same repository named by {@code digest}, without a tag. */
  public DockerName withDigest(Digest digest) {
    return new DockerName(registry, repository, null, Objects.requireNonNull(digest, "digest"));
  }

  private String suffix() {
    return digest != null ? "@" + digest : ":" + tag;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof DockerName other
        && registry.equals(other.registry)
        && repository.equals(other.repository)
        && Objects.equals(tag, other.tag)
        && Objects.equals(digest, other.digest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(registry, repository, tag, digest);
  }

  /** The {@link #fullName()}. */
  @Override
  public String toString() {
    return fullName();
  }
}
