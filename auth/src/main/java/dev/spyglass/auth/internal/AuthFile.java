package dev.spyglass.auth.internal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.reflect.TypeToken;
import dev.spyglass.api.Credentials;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.Quote;
import dev.spyglass.auth.internal.json.AuthEntryJson;
import dev.spyglass.auth.internal.json.AuthFileJson;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads auth files: Docker's {@code config.json}, containers' {@code auth.json} and the legacy
 * {@code .dockercfg}. Files are read whole up to {@link #MAX_BYTES}; errors name the file and the
 * place in it, never a value from it.
 */
public final class AuthFile {
  /** The most an auth file may weigh. */
  public static final int MAX_BYTES = 1024 * 1024;

  private static final Gson GSON = new GsonBuilder().setStrictness(Strictness.STRICT).create();
  private static final Type LEGACY =
      TypeToken.getParameterized(Map.class, String.class, AuthEntryJson.class).getType();
  private static final Pattern WHERE =
      Pattern.compile("line (\\d+) column (\\d+)(?: path (\\S+))?");

  private AuthFile() {}

  /** The file's contents, or empty when it does not exist (or is empty). */
  public static Optional<AuthFileJson> read(Path file) throws ImageException {
    return Optional.ofNullable(parse(file, AuthFileJson.class));
  }

  /** A legacy {@code .dockercfg}: registry to entry; empty when it does not exist. */
  public static Optional<Map<String, AuthEntryJson>> readLegacy(Path file) throws ImageException {
    return Optional.ofNullable(parse(file, LEGACY));
  }

  /**
   * The credentials an entry holds: its {@code identitytoken}, else its {@code auth} (base64 of
   * {@code user:password}), else its {@code username} and {@code password}; empty when it holds
   * none (as the empty entries Docker writes next to a {@code credsStore}).
   */
  public static Optional<Credentials> credentials(AuthEntryJson entry, Path file, String key)
      throws ImageException {
    if (entry.identitytoken != null && !entry.identitytoken.isEmpty()) {
      return Optional.of(new Credentials("<token>", entry.identitytoken));
    }
    if (entry.auth != null && !entry.auth.isBlank()) {
      String decoded;
      try {
        decoded =
            new String(Base64.getDecoder().decode(entry.auth.strip()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw malformedAuth(file, key);
      }
      int colon = decoded.indexOf(':');
      if (colon <= 0) {
        throw malformedAuth(file, key);
      }
      String password = decoded.substring(colon + 1).replaceAll("^\u0000+|\u0000+$", "");
      return Optional.of(new Credentials(decoded.substring(0, colon), password));
    }
    if (entry.username != null
        && !entry.username.isEmpty()
        && entry.password != null
        && !entry.password.isEmpty()) {
      return Optional.of(new Credentials(entry.username, entry.password));
    }
    return Optional.empty();
  }

  /**
   * The entry of {@code map} for {@code registry}: the key written exactly as the registry first,
   * else the first key (in file order) that names the same registry.
   */
  public static <T> Optional<Map.Entry<String, T>> lookup(
      @Nullable Map<String, T> map, String registry, boolean legacyFormat) {
    if (map == null) {
      return Optional.empty();
    }
    T exact = map.get(registry);
    if (exact != null) {
      return Optional.of(Map.entry(registry, exact));
    }
    String wanted = RegistryHosts.normalizeRegistry(registry);
    for (Map.Entry<String, T> e : map.entrySet()) {
      if (e.getValue() != null
          && RegistryHosts.normalizeKey(e.getKey(), legacyFormat).equals(wanted)) {
        return Optional.of(Map.entry(e.getKey(), e.getValue()));
      }
    }
    return Optional.empty();
  }

  private static ImageException malformedAuth(Path file, String key) {
    return new ImageException(
        "auth file \""
            + file
            + "\": the \"auth\" of "
            + Quote.of(key)
            + " is not the base64 of user:password");
  }

  private static <T> @Nullable T parse(Path file, Type type) throws ImageException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new ImageException("could not read auth file \"" + file + "\": " + e.getMessage(), e);
    }
    if (bytes.length > MAX_BYTES) {
      throw new ImageException(
          "auth file \"" + file + "\" is larger than the limit of " + MAX_BYTES + " bytes");
    }
    try {
      return GSON.fromJson(new String(bytes, StandardCharsets.UTF_8), type);
    } catch (JsonParseException e) {
      throw malformed(file, e);
    }
  }

  /**
   * The failure to report for a file Gson could not parse: the file and the place in it. Gson's
   * message is not passed on whole: the place is enough, and the file holds secrets.
   */
  public static ImageException malformed(Path file, JsonParseException e) {
    Matcher m = WHERE.matcher(String.valueOf(e.getMessage()));
    String where =
        m.find()
            ? " (line "
                + m.group(1)
                + " column "
                + m.group(2)
                + (m.group(3) == null ? "" : ", at " + m.group(3))
                + ")"
            : "";
    return new ImageException(
        "auth file \"" + file + "\" is not valid JSON of the expected shape" + where);
  }
}
