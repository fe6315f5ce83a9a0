package dev.spyglass.transport.docker.internal;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to do TLS with one registry: verify certificates (and host names) or trust anything, and an
 * optional certificate directory of extra CAs ({@code *.crt}) and client key pairs ({@code
 * NAME.cert} + {@code NAME.key}).
 */
public record TlsSettings(boolean verify, @Nullable Path certDir) {
  // Written out, as RegistryClients.Key's: generated ones are linked by spinning method handles.
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof TlsSettings that
        && verify == that.verify
        && Objects.equals(certDir, that.certDir);
  }

  @Override
  public int hashCode() {
    return 31 * Boolean.hashCode(verify) + Objects.hashCode(certDir);
  }
}
