/**
 * Finds registry credentials and turns authentication challenges into {@code Authorization} header
 * values: {@link dev.spyglass.auth.Challenge} (RFC 7235 parsing), {@link
 * dev.spyglass.auth.CredentialResolver} (where credentials come from), {@link
 * dev.spyglass.auth.RegistryAuthenticator} (Basic and Bearer, with a token cache), and {@link
 * dev.spyglass.auth.TokenClient}, which a transport implements to fetch tokens over its own HTTP
 * stack.
 *
 * <p>Nothing here logs or prints a secret; every type that holds one redacts it in {@code
 * toString}.
 */
@NullMarked
package dev.spyglass.auth;

import org.jspecify.annotations.NullMarked;
