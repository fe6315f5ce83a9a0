package dev.spyglass.transport.docker.internal;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * How to do TLS with one registry: verify certificates (and host names) or trust anything, and an
 * optional certificate directory of extra CAs ({@code *.crt}) and client key pairs ({@code
 * NAME.cert} + {@code NAME.key}).
 */
public record TlsSettings(boolean verify, @Nullable Path certDir) {}
