package dev.spyglass.auth.internal.json;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Docker {@code config.json} and containers {@code auth.json}: the parts that hold credentials. */
public final class AuthFileJson {
  public @Nullable Map<String, AuthEntryJson> auths;
  public @Nullable Map<String, String> credHelpers;
  public @Nullable String credsStore;
}
