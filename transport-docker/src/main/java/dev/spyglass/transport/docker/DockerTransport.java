package dev.spyglass.transport.docker;

import dev.spyglass.api.Transport;
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

  /**
   * A transport sharing this process's registry clients, which are created when the first source is
   * opened: loading the transport (as {@code ServiceLoader} does for every command) costs nothing.
   */
  public DockerTransport() {
    this.clients = null;
  }

  DockerTransport(RegistryClients clients) {
    this.clients = clients;
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

  RegistryClients clients() {
    return clients != null ? clients : RegistryClients.shared();
  }

  @Override
  public String toString() {
    return "DockerTransport";
  }
}
