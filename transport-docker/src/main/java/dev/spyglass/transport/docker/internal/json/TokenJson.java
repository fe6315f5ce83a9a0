package dev.spyglass.transport.docker.internal.json;

import com.google.gson.annotations.SerializedName;
import org.jspecify.annotations.Nullable;

/**
 * A token server's answer (Docker token spec and OAuth2). Holds the token: never logged, and {@link
 * #toString()} hides it.
 */
public record TokenJson(
    @Nullable String token,
    @SerializedName("access_token") @Nullable String accessToken,
    @SerializedName("expires_in") @Nullable Long expiresIn,
    @SerializedName("issued_at") @Nullable String issuedAt) {

  @Override
  public String toString() {
    return "TokenJson[token=<redacted>, expiresIn=" + expiresIn + ", issuedAt=" + issuedAt + "]";
  }
}
