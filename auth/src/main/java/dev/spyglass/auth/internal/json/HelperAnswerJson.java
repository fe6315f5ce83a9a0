package dev.spyglass.auth.internal.json;

import com.google.gson.annotations.SerializedName;
import org.jspecify.annotations.Nullable;

/** What {@code docker-credential-NAME get} prints. Holds a secret: no {@code toString} shows it. */
public final class HelperAnswerJson {
  @SerializedName("ServerURL")
  public @Nullable String serverUrl;

  @SerializedName("Username")
  public @Nullable String username;

  @SerializedName("Secret")
  public @Nullable String secret;

  @Override
  public String toString() {
    return "HelperAnswerJson[<redacted>]";
  }
}
