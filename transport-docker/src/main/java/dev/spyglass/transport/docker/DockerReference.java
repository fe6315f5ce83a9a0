package dev.spyglass.transport.docker;

import dev.spyglass.api.Digest;
import dev.spyglass.api.DockerName;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.InvalidReferenceException;
import dev.spyglass.api.Transport;
import dev.spyglass.transport.docker.internal.ManifestDeleter;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Names an image in a registry for the {@code docker} transport: {@code
 * //HOST[:PORT]/NAME[:TAG|@DIGEST]}, a {@link DockerName} after {@code //} (docker/distribution's
 * grammar and Docker Hub's normalisation: no host means {@code docker.io}, single names get {@code
 * library/}, no tag means {@code latest}). Immutable and thread safe.
 */
public final class DockerReference implements ImageReference {
  private final DockerTransport transport;
  private final DockerName name;

  private DockerReference(DockerTransport transport, DockerName name) {
    this.transport = transport;
    this.name = name;
  }

  /**
   * Parses the text after {@code docker:}, e.g. {@code //registry.example:5000/ns/app:1.0}.
   *
   * @throws InvalidReferenceException quoting the text and giving the reason
   */
  public static DockerReference parse(String text) {
    return parse(new DockerTransport(), text);
  }

  /** The reference to the image {@code name} names. */
  public static DockerReference of(DockerName name) {
    return new DockerReference(new DockerTransport(), name);
  }

  static DockerReference parse(DockerTransport transport, String text) {
    if (!text.startsWith("//")) {
      throw new InvalidReferenceException(
          text, "a docker reference must start with \"//\", e.g. //registry.example/app:1.0");
    }
    try {
      return new DockerReference(transport, DockerName.parse(text.substring(2)));
    } catch (InvalidReferenceException e) {
      throw new InvalidReferenceException(text, e.reason());
    }
  }

  @Override
  public Transport transport() {
    return transport;
  }

  /** The parsed name: registry, repository, tag or digest. */
  public DockerName toDockerName() {
    return name;
  }

  /**
   * The registry as named in references and credential files: {@code docker.io}, {@code host:5000}.
   */
  public String registry() {
    return name.registry();
  }

  /**
   * The host[:port] the registry API is reached at: {@code registry-1.docker.io} for Docker Hub.
   */
  public String apiHost() {
    return name.apiHost();
  }

  /** The repository path within the registry, e.g. {@code library/busybox}. */
  public String repository() {
    return name.repository();
  }

  /** The tag; {@code latest} when the text had neither tag nor digest; empty with a digest. */
  public Optional<String> tag() {
    return name.tag();
  }

  /** The digest the image is named by, when it is. */
  public Optional<Digest> digest() {
    return name.digest();
  }

  /**
   * The fully qualified repository name: {@code docker.io/library/busybox}, {@code
   * localhost:5000/app}.
   */
  public String name() {
    return name.name();
  }

  @Override
  public Optional<String> dockerName() {
    return Optional.of(name.name());
  }

  /** {@code //} and the familiar name, as containers/image writes it: {@code //busybox:latest}. */
  @Override
  public String stringWithinTransport() {
    return "//" + name.familiarString();
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
    return ManifestDeleter.delete(
        transport.clients().forRegistry(name.registry(), name.apiHost(), options),
        name,
        options.formats());
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof DockerReference other && name.equals(other.name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return describe();
  }
}
