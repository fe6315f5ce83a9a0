package dev.spyglass.transport.docker;

import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.RegistryNames;
import dev.spyglass.api.Transport;
import dev.spyglass.transport.docker.internal.ApiVersionCheck;
import dev.spyglass.transport.docker.internal.BlobUploader;
import dev.spyglass.transport.docker.internal.RegistryClients;
import org.jspecify.annotations.Nullable;

/**
 * The {@code docker} transport: images in a Docker Registry HTTP API v2 or OCI distribution
 * registry, named {@code docker://HOST[:PORT]/NAME[:TAG|@DIGEST]}.
 *
 * <p>Thread safe. Every instance created with the public constructor shares one per-process cache
 * of registry clients, so that the sources opened in one run share connections, credentials,
 * authenticators and tokens per registry and settings.
 */
public final class DockerTransport implements Transport {
  /** The transport name, {@code docker}. */
  public static final String NAME = "docker";

  private final @Nullable RegistryClients clients;
  private final int uploadChunkBytes;

  /**
   * A transport sharing this process's registry clients, which are created when the first source is
   * opened: loading the transport (as {@code ServiceLoader} does for every command) costs nothing.
   */
  public DockerTransport() {
    this.clients = null;
    this.uploadChunkBytes = BlobUploader.CHUNK_BYTES;
  }

  DockerTransport(RegistryClients clients) {
    this(clients, BlobUploader.CHUNK_BYTES);
  }

  /** For tests: uploads in chunks of {@code uploadChunkBytes}. */
  DockerTransport(RegistryClients clients, int uploadChunkBytes) {
    this.clients = clients;
    this.uploadChunkBytes = uploadChunkBytes;
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Parses {@code //HOST[:PORT]/NAME[:TAG|@DIGEST]}.
   *
   * @throws dev.spyglass.api.InvalidReferenceException quoting the text and giving the reason
   */
  @Override
  public DockerReference parseReference(String reference) {
    return DockerReference.parse(this, reference);
  }

  /**
   * Checks that {@code registry} lets a client in with the credentials of {@code options} (or
   * anonymously, when they have none), as {@code login} does before it stores them: a {@code GET
   * /v2/} (the API version check), answering the registry's challenge once, with Basic credentials
   * or a Bearer token asked for no repository scope. A registry that does not challenge accepts
   * anyone, and the check passes. HTTPS and TLS verification, the certificate directory and the
   * fall back to plain HTTP follow the options as for images. Blocks on the network.
   *
   * @param registry {@code HOST[:PORT]}, as {@link RegistryNames#parse} takes it
   * @throws IllegalArgumentException when {@code registry} is not {@code HOST[:PORT]}
   * @throws dev.spyglass.api.AuthenticationException when the registry or its token server refuses
   *     the credentials, or wants some and the options have none
   * @throws dev.spyglass.api.TlsException when the TLS handshake or certificate check fails
   * @throws dev.spyglass.api.RegistryUnreachableException when the registry cannot be reached
   * @throws ImageException for other answers ({@link dev.spyglass.api.NotFoundException} when the
   *     host serves no registry API)
   */
  public void checkLogin(String registry, ImageOptions options) throws ImageException {
    String name = RegistryNames.parse(registry);
    ApiVersionCheck.run(clients().forRegistry(name, RegistryNames.apiHost(name), options));
  }

  int uploadChunkBytes() {
    return uploadChunkBytes;
  }

  RegistryClients clients() {
    return clients != null ? clients : RegistryClients.shared();
  }

  @Override
  public String toString() {
    return "DockerTransport";
  }
}
