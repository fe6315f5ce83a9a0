package dev.spyglass.transport.docker;

import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.InvalidReferenceException;
import dev.spyglass.api.Quote;
import dev.spyglass.api.Transport;
import dev.spyglass.api.UnexpectedStatusException;
import dev.spyglass.transport.docker.internal.AuthScope;
import dev.spyglass.transport.docker.internal.Endpoint;
import dev.spyglass.transport.docker.internal.ManifestReader;
import dev.spyglass.transport.docker.internal.RegistryClient;
import dev.spyglass.transport.docker.internal.RequestSubject;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * Names an image in a registry: {@code //HOST[:PORT]/NAME[:TAG|@DIGEST]}, parsed and normalised
 * with the reference grammar of docker/distribution. Immutable and thread safe.
 *
 * <p>The first path component is the registry when it contains {@code .} or {@code :} or is {@code
 * localhost}; otherwise the registry is {@code docker.io}, whose single-component names get the
 * {@code library/} prefix. Without tag and digest the tag is {@code latest}. A reference with both
 * a tag and a digest is refused, as containers/image does.
 */
public final class DockerReference implements ImageReference {
  /** The registry Docker Hub is named by in references and credential files. */
  public static final String DOCKER_HUB = "docker.io";

  private static final String DOCKER_HUB_LEGACY = "index.docker.io";
  private static final String DOCKER_HUB_API = "registry-1.docker.io";
  private static final String DEFAULT_TAG = "latest";
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

  private final DockerTransport transport;
  private final String registry;
  private final String repository;
  private final @Nullable String tag;
  private final @Nullable Digest digest;

  private DockerReference(
      DockerTransport transport,
      String registry,
      String repository,
      @Nullable String tag,
      @Nullable Digest digest) {
    this.transport = transport;
    this.registry = registry;
    this.repository = repository;
    this.tag = tag;
    this.digest = digest;
  }

  /**
   * Parses the text after {@code docker:}, e.g. {@code //registry.example:5000/ns/app:1.0}.
   *
   * @throws InvalidReferenceException quoting the text and giving the reason
   */
  public static DockerReference parse(String text) {
    return parse(new DockerTransport(), text);
  }

  static DockerReference parse(DockerTransport transport, String text) {
    if (!text.startsWith("//")) {
      throw new InvalidReferenceException(
          text, "a docker reference must start with \"//\", e.g. //registry.example/app:1.0");
    }
    String rest = text.substring(2);
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

    String registry = DOCKER_HUB;
    String repository = rest;
    int slash = rest.indexOf('/');
    if (slash >= 0 && isDomain(rest.substring(0, slash))) {
      registry = rest.substring(0, slash);
      repository = rest.substring(slash + 1);
      checkDomain(text, registry);
      if (registry.equals(DOCKER_HUB_LEGACY)) {
        registry = DOCKER_HUB;
      }
    }
    checkPath(text, repository);
    if (registry.equals(DOCKER_HUB) && repository.indexOf('/') < 0) {
      repository = "library/" + repository;
    }
    if (registry.length() + 1 + repository.length() > NAME_MAX) {
      throw new InvalidReferenceException(
          text, "the repository name must not be longer than " + NAME_MAX + " characters");
    }
    if (tag == null && digest == null) {
      tag = DEFAULT_TAG;
    }
    return new DockerReference(transport, registry, repository, tag, digest);
  }

  private static boolean isDomain(String component) {
    return component.indexOf('.') >= 0
        || component.indexOf(':') >= 0
        || component.equals("localhost");
  }

  private static void checkDomain(String text, String domain) {
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

  @Override
  public Transport transport() {
    return transport;
  }

  /**
   * The registry as named in references and credential files: {@code docker.io}, {@code host:5000}.
   */
  public String registry() {
    return registry;
  }

  /**
   * The host[:port] the registry API is reached at: {@code registry-1.docker.io} for Docker Hub.
   */
  public String apiHost() {
    return apiHost(registry);
  }

  /** The host[:port] the API of {@code registry} (as {@link #registry()} names it) is reached at. */
  static String apiHost(String registry) {
    return registry.equals(DOCKER_HUB) ? DOCKER_HUB_API : registry;
  }

  /**
   * Parses a registry name as references and auth files write it, {@code HOST[:PORT]} (a host
   * name, an IPv4 address or a bracketed IPv6 address), with no scheme and no path; {@code
   * index.docker.io} is returned as {@code docker.io}.
   *
   * @throws IllegalArgumentException {@code invalid registry "TEXT": REASON}
   */
  public static String parseRegistry(String text) {
    String reason = "";
    if (text.isEmpty()) {
      reason = "the name is empty";
    } else if (text.contains("://")) {
      reason = "a registry is named HOST[:PORT], without a scheme such as https://";
    } else if (text.indexOf('/') >= 0) {
      reason = "a registry is named HOST[:PORT], without a path or repository";
    } else {
      try {
        checkDomain(text, text);
      } catch (InvalidReferenceException e) {
        reason = "not a host name with an optional port";
      }
    }
    if (!reason.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid registry " + Quote.of(text) + ": " + reason);
    }
    return text.equals(DOCKER_HUB_LEGACY) ? DOCKER_HUB : text;
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

  @Override
  public Optional<String> dockerName() {
    return Optional.of(name());
  }

  /** The tag or digest as it goes in a manifest URL. */
  String manifestReference() {
    return digest != null ? digest.toString() : Objects.requireNonNull(tag);
  }

  /** The full name with its tag or digest, e.g. {@code localhost:5000/app:1.0}. */
  String fullName() {
    return name() + suffix();
  }

  /** {@code //} and the familiar name, as containers/image writes it: {@code //busybox:latest}. */
  @Override
  public String stringWithinTransport() {
    String familiar = name();
    if (registry.equals(DOCKER_HUB)) {
      familiar = repository;
      if (familiar.startsWith("library/") && familiar.indexOf('/', "library/".length()) < 0) {
        familiar = familiar.substring("library/".length());
      }
    }
    return "//" + familiar + suffix();
  }

  private String suffix() {
    return digest != null ? "@" + digest : ":" + tag;
  }

  @Override
  public ImageSource newImageSource(ImageOptions options) throws ImageException {
    return DockerImageSource.open(this, options, transport.clients());
  }

  /**
   * Opens the repository for pushing: a {@link DockerImageDestination}. Contacts the registry only
   * when the first blob or manifest is written.
   */
  @Override
  public DockerImageDestination newImageDestination(ImageOptions options) throws ImageException {
    return DockerImageDestination.open(
        this, options, transport.clients(), transport.uploadChunkBytes());
  }

  /**
   * Deletes the image from its registry, as {@code skopeo delete} does: a reference by tag is first
   * resolved to its manifest digest (a {@code GET} of the manifest with every media type of {@code
   * options} in {@code Accept}, bounded and checked against {@code Docker-Content-Digest}), then
   * {@code DELETE /v2/NAME/manifests/DIGEST} removes the manifest and every tag that points at it.
   * The token scope asked for is {@code repository:NAME:*}, as containers/image asks. Blocks on the
   * network.
   *
   * @return the digest of the deleted manifest
   * @throws DeletesDisabledException when the registry does not allow deletes (HTTP 405 or {@code
   *     UNSUPPORTED})
   * @throws dev.spyglass.api.NotFoundException when the tag, manifest or repository does not exist
   * @throws dev.spyglass.api.AuthenticationException when credentials are missing or refused
   * @throws ImageException for other failures (TLS, unreachable, invalid manifest, other statuses)
   */
  public Digest deleteImage(ImageOptions options) throws ImageException {
    RegistryClient client = transport.clients().forRegistry(registry, apiHost(), options);
    AuthScope scope = AuthScope.delete(repository);
    Digest target = digest;
    if (target == null) {
      String ref = Objects.requireNonNull(tag);
      ManifestReader manifests = new ManifestReader(options.formats());
      String accept = manifests.accept();
      RequestSubject get = new RequestSubject(registry, repository, Endpoint.MANIFEST, fullName());
      target =
          manifests
              .read(
                  client.execute(get, scope, api -> api.manifest(repository, ref, accept, scope)),
                  null,
                  "manifest \"" + fullName() + "\"",
                  client.apiHost())
              .digest();
    }
    String hex = target.toString();
    RequestSubject delete =
        new RequestSubject(registry, repository, Endpoint.MANIFEST, name() + "@" + hex, "DELETE");
    try (ResponseBody body =
        client.execute(delete, scope, api -> api.deleteManifest(repository, hex, scope)).body()) {
      // 202 Accepted; the body, if any, says nothing more.
    } catch (UnexpectedStatusException e) {
      if (e.status() == 405 || e.errorCode().equals("UNSUPPORTED")) {
        throw new DeletesDisabledException(fullName(), registry, e.status(), e.errorCode(), e);
      }
      throw e;
    }
    return target;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof DockerReference other
        && registry.equals(other.registry)
        && repository.equals(other.repository)
        && Objects.equals(tag, other.tag)
        && Objects.equals(digest, other.digest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(registry, repository, tag, digest);
  }

  @Override
  public String toString() {
    return describe();
  }
}
