/**
 * Finds registry credentials and turns authentication challenges into {@code Authorization} header
 * values: {@link dev.spyglass.auth.Challenge} (RFC 7235 parsing), {@link
 * dev.spyglass.auth.CredentialResolver} (where credentials come from), {@link
 * dev.spyglass.auth.RegistryAuthenticator} (Basic and Bearer, with a token cache), {@link
 * dev.spyglass.auth.TokenClient}, which a transport implements to fetch tokens over its own HTTP
 * stack, and {@link dev.spyglass.auth.AuthFileEditor}, which stores and removes a registry's
 * credentials in an auth file (login, logout).
 *
 * <p>Nothing here logs or prints a secret; every type that holds one redacts it in {@code
 * toString}.
 */
@NullMarked
package dev.spyglass.auth;

import org.jspecify.annotations.NullMarked;
