/**
 * Reads and writes images in Docker Registry HTTP API v2 and OCI distribution registries: {@link
 * dev.spyglass.transport.docker.DockerTransport} (the {@code docker} transport, found by {@code
 * ServiceLoader}), {@link dev.spyglass.transport.docker.DockerReference} ({@code //} and an api
 * {@link dev.spyglass.api.DockerName}, {@code HOST[:PORT]/NAME[:TAG|@DIGEST]}) and {@link
 * dev.spyglass.transport.docker.DockerImageSource} and {@link
 * dev.spyglass.transport.docker.DockerImageDestination} (pushes with scope {@code pull,push}).
 * Exported signatures name JDK and api types only; the HTTP stack stays in the internal package.
 *
 * <p>References are immutable. Image sources are thread safe and do blocking network I/O; sources
 * opened on one registry in one process share connections, credentials and tokens. TLS is verified
 * unless {@link dev.spyglass.api.ImageOptions#tlsVerify()} is false, which also allows plain HTTP.
 * Nothing here logs or reports a credential or token.
 */
@NullMarked
package dev.spyglass.transport.docker;

import org.jspecify.annotations.NullMarked;
