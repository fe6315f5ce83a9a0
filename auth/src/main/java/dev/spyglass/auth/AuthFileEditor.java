package dev.spyglass.auth;

import com.google.gson.FormattingStyle;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.spyglass.api.Credentials;
import dev.spyglass.api.ImageException;
import dev.spyglass.auth.internal.AuthFile;
import dev.spyglass.auth.internal.RegistryHosts;
import dev.spyglass.auth.internal.json.AuthEntryJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Edits the {@code auths} of one auth file (containers' {@code auth.json}, Docker's {@code
 * config.json}), as {@code spyglass login} and {@code logout} do; every other entry and field of the
 * file, known or not, is kept as it was.
 *
 * <p>Registries are named {@code host[:port]}; they are written lowercase, with the Docker Hub
 * names folded into {@code docker.io}, so that {@link CredentialResolver} finds the entry by its
 * exact key. {@link #store} replaces the registry's entry whole with {@code {"auth":
 * base64(user:password)}}, as containers/image does. {@link #remove} removes every key that names
 * the registry ({@code host}, {@code https://host/v1/}, {@code http://host}, the Docker Hub aliases),
 * so that no credentials for it remain in {@code auths}; namespaced keys ({@code host/org}) are kept.
 *
 * <p>The file is read whole up to 1 MiB. Writes are atomic: a temporary file in the same directory,
 * created with mode 0600, is written, synced, and renamed over the file (the target of a symbolic
 * link, when the file is one); missing parent directories are created with mode 0700. A failed
 * write leaves the file as it was and no temporary file behind. Errors name the file, never a value
 * from it. Not thread safe; two processes writing at once lose one change, never the file.
 */
public final class AuthFileEditor {
  private static final Gson GSON =
      new GsonBuilder()
          .setFormattingStyle(FormattingStyle.PRETTY.withIndent("\t"))
          .disableHtmlEscaping()
          .serializeNulls()
          .create();
  private static final String AUTHS = "auths";

  /** Puts a written temporary file in the place of the target; a seam for failure tests. */
  @FunctionalInterface
  interface Replacer {
    void replace(Path temporary, Path target) throws IOException;
  }

  private final Path file;
  private final Replacer replacer;

  /** An editor of {@code file}, which need not exist yet. */
  public AuthFileEditor(Path file) {
    this(file, (temporary, target) -> Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE));
  }

  AuthFileEditor(Path file, Replacer replacer) {
    this.file = Objects.requireNonNull(file, "file");
    this.replacer = replacer;
  }

  /**
   * The file {@code login} writes and {@code logout} edits: {@code given} (the {@code --authfile}
   * flag) when not null; else {@code REGISTRY_AUTH_FILE}; else {@code
   * ${XDG_RUNTIME_DIR}/containers/auth.json}; else {@code
   * ${XDG_CONFIG_HOME:-~/.config}/containers/auth.json}. Each is a place {@link CredentialResolver}
   * reads.
   *
   * @throws ImageException when {@code XDG_RUNTIME_DIR} names a directory that does not exist (a
   *     typo, most likely), as containers/image refuses it
   */
  public static Path loginFile(@Nullable Path given, Map<String, String> env, Path home)
      throws ImageException {
    if (given != null) {
      return given;
    }
    String named = env.get("REGISTRY_AUTH_FILE");
    if (named != null && !named.isBlank()) {
      return Path.of(named);
    }
    String runtime = env.get("XDG_RUNTIME_DIR");
    if (runtime != null && !runtime.isBlank()) {
      Path dir = Path.of(runtime);
      if (!Files.exists(dir)) {
        throw new ImageException(
            "directory \""
                + dir
                + "\" named by XDG_RUNTIME_DIR does not exist; create it or unset XDG_RUNTIME_DIR");
      }
      return dir.resolve("containers").resolve("auth.json");
    }
    String config = env.get("XDG_CONFIG_HOME");
    Path configHome = config == null || config.isBlank() ? home.resolve(".config") : Path.of(config);
    return configHome.resolve("containers").resolve("auth.json");
  }

  public Path file() {
    return file;
  }

  /** Whether the file exists. */
  public boolean exists() {
    return Files.exists(file);
  }

  /**
   * The credentials {@code auths} holds for {@code registry} (the exact key first, else the first
   * key naming the same registry); empty when none. An identity token comes back with the user name
   * {@code <token>} ({@link Credentials#isIdentityToken()}).
   *
   * @throws ImageException when the file is unreadable or malformed
   */
  public Optional<Credentials> credentials(String registry) throws ImageException {
    String key = key(registry);
    JsonObject auths = auths(read());
    Optional<Map.Entry<String, JsonElement>> entry =
        AuthFile.lookup(auths.asMap(), key, false);
    if (entry.isEmpty() || !entry.get().getValue().isJsonObject()) {
      return Optional.empty();
    }
    AuthEntryJson json;
    try {
      json = GSON.fromJson(entry.get().getValue(), AuthEntryJson.class);
    } catch (JsonParseException e) {
      throw AuthFile.malformed(file, e);
    }
    return AuthFile.credentials(json, file, entry.get().getKey());
  }

  /**
   * The credential helper the file sends {@code registry}'s credentials to instead of {@code
   * auths}: its {@code credHelpers} entry for the registry, else its {@code credsStore}; the name
   * after {@code docker-credential-}. Empty when there is none.
   *
   * @throws ImageException when the file is unreadable or malformed
   */
  public Optional<String> credentialHelper(String registry) throws ImageException {
    String key = key(registry);
    JsonObject root = read();
    JsonElement helpers = root.get("credHelpers");
    if (helpers != null && helpers.isJsonObject()) {
      Optional<Map.Entry<String, JsonElement>> entry =
          AuthFile.lookup(helpers.getAsJsonObject().asMap(), key, false);
      Optional<String> named = entry.flatMap(e -> text(e.getValue()));
      if (named.isPresent()) {
        return named;
      }
    }
    return text(root.get("credsStore"));
  }

  /**
   * Sets {@code auths[registry]} to {@code {"auth": base64(user:password)}}, replacing the entry
   * that was there under that key (and every field it had, as containers/image does).
   *
   * @throws IllegalArgumentException when the registry is not {@code host[:port]}, the user name is
   *     empty or contains {@code ':'}
   * @throws ImageException when the file is unreadable, malformed, or cannot be written
   */
  public void store(String registry, Credentials credentials) throws ImageException {
    String key = key(registry);
    String user = credentials.username();
    if (user.isEmpty() || user.indexOf(':') >= 0 || credentials.isIdentityToken()) {
      throw new IllegalArgumentException(
          "a user name to store must be non-empty and contain no ':'");
    }
    JsonObject root = read();
    JsonObject auths = auths(root);
    if (!root.has(AUTHS) || root.get(AUTHS).isJsonNull()) {
      root.add(AUTHS, auths);
    }
    JsonObject entry = new JsonObject();
    entry.addProperty(
        "auth",
        Base64.getEncoder()
            .encodeToString((user + ":" + credentials.secret()).getBytes(StandardCharsets.UTF_8)));
    auths.add(key, entry);
    write(root);
  }

  /**
   * Removes every {@code auths} key that names {@code registry}, and writes the file when one was
   * there.
   *
   * @return the keys removed, in file order; empty when there were none (the file is not touched)
   * @throws ImageException when the file is unreadable, malformed, or cannot be written
   */
  public List<String> remove(String registry) throws ImageException {
    String key = key(registry);
    JsonObject root = read();
    JsonObject auths = auths(root);
    List<String> removed = new ArrayList<>();
    for (String name : List.copyOf(auths.keySet())) {
      if (RegistryHosts.normalizeKey(name, false).equals(key)) {
        auths.remove(name);
        removed.add(name);
      }
    }
    if (!removed.isEmpty()) {
      write(root);
    }
    return List.copyOf(removed);
  }

  /**
   * Empties {@code auths} (other fields, {@code credHelpers} included, stay), and writes the file
   * when it had entries. A missing file stays missing.
   *
   * @return the keys removed, in file order
   * @throws ImageException when the file is unreadable, malformed, or cannot be written
   */
  public List<String> removeAll() throws ImageException {
    JsonObject root = read();
    JsonObject auths = auths(root);
    List<String> removed = List.copyOf(auths.keySet());
    if (!removed.isEmpty()) {
      root.add(AUTHS, new JsonObject());
      write(root);
    }
    return removed;
  }

  @Override
  public String toString() {
    return "AuthFileEditor[" + file + "]";
  }

  /** The key {@code registry} is stored under: lowercase, Docker Hub names folded. */
  private static String key(String registry) {
    String stripped = registry.strip();
    if (stripped.isEmpty()
        || stripped.contains("://")
        || stripped.indexOf('/') >= 0
        || stripped.chars().anyMatch(c -> c <= ' ')) {
      throw new IllegalArgumentException(
          "registry \"" + registry + "\" is not a host name with an optional port");
    }
    return RegistryHosts.normalizeRegistry(stripped);
  }

  private static Optional<String> text(@Nullable JsonElement element) {
    if (element == null || !element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
      return Optional.empty();
    }
    String value = element.getAsString();
    return value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  /** The file's {@code auths} object (a new, detached one when it has none). */
  private JsonObject auths(JsonObject root) throws ImageException {
    JsonElement auths = root.get(AUTHS);
    if (auths == null || auths.isJsonNull()) {
      return new JsonObject();
    }
    if (!auths.isJsonObject()) {
      throw new ImageException("auth file \"" + file + "\": \"auths\" is not a JSON object");
    }
    return auths.getAsJsonObject();
  }

  /** The file's top-level object; an empty one when the file is missing or blank. */
  private JsonObject read() throws ImageException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(AuthFile.MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      return new JsonObject();
    } catch (IOException e) {
      throw new ImageException("could not read auth file \"" + file + "\": " + reason(e), e);
    }
    if (bytes.length > AuthFile.MAX_BYTES) {
      throw new ImageException(
          "auth file \"" + file + "\" is larger than the limit of " + AuthFile.MAX_BYTES + " bytes");
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.isBlank()) {
      return new JsonObject();
    }
    JsonElement root;
    try {
      JsonReader reader = new JsonReader(new StringReader(text));
      reader.setStrictness(Strictness.STRICT);
      root = JsonParser.parseReader(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new ImageException(
            "auth file \"" + file + "\" is not valid JSON: more data follows its JSON value");
      }
    } catch (JsonParseException e) {
      throw AuthFile.malformed(file, e);
    } catch (IOException e) {
      throw AuthFile.malformed(file, new JsonSyntaxException(e));
    }
    if (!root.isJsonObject()) {
      throw new ImageException("auth file \"" + file + "\" does not hold a JSON object");
    }
    return root.getAsJsonObject();
  }

  private void write(JsonObject root) throws ImageException {
    Path target;
    Path temporary = null;
    boolean replaced = false;
    try {
      target = Files.exists(file) ? file.toRealPath() : file.toAbsolutePath();
      Path dir = Objects.requireNonNull(target.getParent(), "an absolute path has a parent");
      boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
      if (!Files.isDirectory(dir)) {
        if (posix) {
          Files.createDirectories(
              dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
          Files.createDirectories(dir);
        }
      }
      FileAttribute<?>[] ownerOnly =
          posix
              ? new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
              }
              : new FileAttribute<?>[0];
      temporary = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp", ownerOnly);
      ByteBuffer bytes = ByteBuffer.wrap((GSON.toJson(root) + "\n").getBytes(StandardCharsets.UTF_8));
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      }
      replacer.replace(temporary, target);
      replaced = true;
      syncDirectory(dir);
    } catch (IOException e) {
      throw new ImageException("could not write auth file \"" + file + "\": " + reason(e), e);
    } finally {
      if (!replaced && temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException e) {
          // Reported by the failure being thrown; nothing better to do with a second one.
        }
      }
    }
  }

  /** Makes the rename durable; some file systems cannot sync a directory, which is no failure. */
  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // The rename is done; only its durability after a crash is not guaranteed.
    }
  }

  private static String reason(IOException e) {
    if (e instanceof FileSystemException fs) {
      String what = fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName();
      return fs.getFile() == null ? what : what + " (\"" + fs.getFile() + "\")";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
