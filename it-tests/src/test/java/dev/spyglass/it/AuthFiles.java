package dev.spyglass.it;

import com.google.gson.JsonObject;
import dev.spyglass.api.Credentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Writes auth files in the format Docker's {@code config.json} and containers' {@code auth.json}
 * share.
 */
final class AuthFiles {
  private AuthFiles() {}

  /** {@code dir/config.json} with {@code credentials} for {@code hostPort}. */
  static Path withCredentials(Path dir, String hostPort, Credentials credentials)
      throws IOException {
    JsonObject entry = new JsonObject();
    entry.addProperty(
        "auth",
        Base64.getEncoder()
            .encodeToString(
                (credentials.username() + ":" + credentials.secret())
                    .getBytes(StandardCharsets.UTF_8)));
    JsonObject auths = new JsonObject();
    auths.add(hostPort, entry);
    JsonObject file = new JsonObject();
    file.add("auths", auths);
    return write(dir, file);
  }

  /**
   * {@code dir/config.json} with no credentials at all, so nothing from the user's files leaks in.
   */
  static Path empty(Path dir) throws IOException {
    JsonObject file = new JsonObject();
    file.add("auths", new JsonObject());
    return write(dir, file);
  }

  private static Path write(Path dir, JsonObject content) throws IOException {
    Files.createDirectories(dir);
    Path path = dir.resolve("config.json");
    Files.writeString(path, TestImages.GSON.toJson(content));
    return path;
  }
}
