package dev.spyglass.auth.internal.json;

import org.jspecify.annotations.Nullable;

/**
 * One registry's entry in {@code auths} (or in the legacy {@code .dockercfg}). Holds secrets: no
 * {@code toString} that shows them.
 */
public final class AuthEntryJson {
  public @Nullable String auth;
  public @Nullable String username;
  public @Nullable String password;
  public @Nullable String identitytoken;
  public @Nullable String email;

  @Override
  public String toString() {
    return "AuthEntryJson[<redacted>]";
  }
}
