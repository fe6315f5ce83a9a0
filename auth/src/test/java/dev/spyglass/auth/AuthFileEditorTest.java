package dev.spyglass.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.spyglass.api.Credentials;
import dev.spyglass.api.ImageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthFileEditorTest {
  private static final String SECRET_B64 = "c2VjcmV0LXZhbHVl"; // "secret-value"
  private static final Credentials ALICE = new Credentials("alice", "pa55:word?");

  @TempDir Path tmp;

  private static String auth(Credentials c) {
    return Base64.getEncoder()
        .encodeToString((c.username() + ":" + c.secret()).getBytes(StandardCharsets.UTF_8));
  }

  private static JsonObject json(Path file) throws IOException {
    return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void storeKeepsOtherEntriesAndUnknownFields() throws Exception {
    Path file = tmp.resolve("auth.json");
    String original =
        "{\"HttpHeaders\": {\"User-Agent\": \"x\"},"
            + " \"auths\": {\"other.example\": {\"auth\": \""
            + SECRET_B64
            + "\", \"email\": \"a@b\", \"extra\": [1, null]}},"
            + " \"credHelpers\": {\"gcr.io\": \"gcloud\"}, \"nothing\": null, \"n\": 1.50}";
    Files.writeString(file, original);

    new AuthFileEditor(file).store("registry.example:5000", ALICE);

    JsonObject expected = JsonParser.parseString(original).getAsJsonObject();
    JsonObject entry = new JsonObject();
    entry.addProperty("auth", auth(ALICE));
    expected.getAsJsonObject("auths").add("registry.example:5000", entry);
    assertEquals(expected, json(file));
  }

  @Test
  void storeReplacesTheRegistryEntryWhole() throws Exception {
    Path file = tmp.resolve("auth.json");
    Files.writeString(
        file,
        "{\"auths\": {\"registry.example\": {\"auth\": \""
            + SECRET_B64
            + "\", \"identitytoken\": \"tok\", \"email\": \"a@b\"}}}");

    new AuthFileEditor(file).store("registry.example", ALICE);

    JsonObject entry = json(file).getAsJsonObject("auths").getAsJsonObject("registry.example");
    assertEquals(List.of("auth"), List.copyOf(entry.keySet()));
    assertEquals(auth(ALICE), entry.get("auth").getAsString());
  }

  @Test
  void storeWritesBase64AsIsNotHtmlEscaped() throws Exception {
    Path file = tmp.resolve("auth.json");
    Credentials padded = new Credentials("al", "x"); // "al:x" -> "YWw6eA=="

    new AuthFileEditor(file).store("registry.example", padded);

    assertTrue(Files.readString(file).contains("\"YWw6eA==\""), Files.readString(file));
  }

  @Test
  void storeCreatesTheFileOwnerOnlyAndMissingParentsOwnerOnly() throws Exception {
    Path file = tmp.resolve("a").resolve("b").resolve("auth.json");

    new AuthFileEditor(file).store("registry.example", ALICE);

    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("a"))));
    assertEquals(List.of("auth.json"), names(file.getParent()), "no temporary file left");
  }

  @Test
  void storeReplacesAWorldReadableFileWithAnOwnerOnlyOne() throws Exception {
    Path file = tmp.resolve("auth.json");
    Files.writeString(file, "{}");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    new AuthFileEditor(file).store("registry.example", ALICE);

    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void storeWritesThroughASymbolicLink() throws Exception {
    Path real = Files.createDirectories(tmp.resolve("dotfiles")).resolve("auth.json");
    Files.writeString(real, "{\"auths\": {}}");
    Path link = Files.createSymbolicLink(tmp.resolve("auth.json"), real);

    new AuthFileEditor(link).store("registry.example", ALICE);

    assertTrue(Files.isSymbolicLink(link));
    assertTrue(json(real).getAsJsonObject("auths").has("registry.example"));
  }

  @Test
  void failedRenameLeavesTheFileAsItWasAndNoTemporaryFile() throws Exception {
    Path file = tmp.resolve("auth.json");
    String original = "{\"auths\": {\"other.example\": {\"auth\": \"" + SECRET_B64 + "\"}}}";
    Files.writeString(file, original);
    AuthFileEditor editor =
        new AuthFileEditor(
            file,
            (temporary, target) -> {
              assertTrue(Files.exists(temporary), "written before the rename");
              assertEquals(
                  "rw-------",
                  PosixFilePermissions.toString(Files.getPosixFilePermissions(temporary)));
              throw new IOException("simulated rename failure");
            });

    ImageException e =
        assertThrows(ImageException.class, () -> editor.store("registry.example", ALICE));

    assertTrue(e.getMessage().contains("\"" + file + "\""), e.getMessage());
    assertEquals(original, Files.readString(file));
    assertEquals(List.of("auth.json"), names(tmp));
  }

  @Test
  void storeAsksTheResolverToFindTheNewEntryBeforeAnOlderAlias() throws Exception {
    Path file = tmp.resolve("auth.json");
    Files.writeString(
        file,
        "{\"auths\": {\"https://registry.example:5000/v1/\": {\"auth\": \""
            + SECRET_B64
            + "\"}}}");

    new AuthFileEditor(file).store("Registry.Example:5000", ALICE);

    CredentialResolver resolver =
        new CredentialResolver(Map.of(), tmp.resolve("home"), null, file, Duration.ofSeconds(5));
    assertEquals(
        Optional.of(ALICE),
        resolver.resolve("registry.example:5000").map(ResolvedCredentials::credentials));
    assertTrue(json(file).getAsJsonObject("auths").has("registry.example:5000"));
  }

  @Test
  void storeFoldsDockerHubNamesIntoDockerIo() throws Exception {
    Path file = tmp.resolve("auth.json");

    new AuthFileEditor(file).store("index.docker.io", ALICE);

    assertEquals(List.of("docker.io"), List.copyOf(json(file).getAsJsonObject("auths").keySet()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://registry.example", "registry.example/org", "", " ", "a b"})
  void refusesARegistryThatIsNotAHost(String registry) {
    AuthFileEditor editor = new AuthFileEditor(tmp.resolve("auth.json"));

    assertThrows(IllegalArgumentException.class, () -> editor.store(registry, ALICE));
    assertThrows(IllegalArgumentException.class, () -> editor.remove(registry));
    assertFalse(Files.exists(tmp.resolve("auth.json")));
  }

  @Test
  void refusesAUserNameThatCannotBeStored() {
    AuthFileEditor editor = new AuthFileEditor(tmp.resolve("auth.json"));

    assertThrows(
        IllegalArgumentException.class,
        () -> editor.store("registry.example", new Credentials("a:b", "x")));
    assertThrows(
        IllegalArgumentException.class,
        () -> editor.store("registry.example", new Credentials("", "x")));
  }

  @Test
  void credentialsReadsBackWhatWasStored() throws Exception {
    AuthFileEditor editor = new AuthFileEditor(tmp.resolve("auth.json"));
    assertEquals(Optional.empty(), editor.credentials("registry.example"));

    editor.store("registry.example", ALICE);

    assertEquals(Optional.of(ALICE), editor.credentials("REGISTRY.example"));
    assertEquals(Optional.empty(), editor.credentials("other.example"));
  }

  @Test
  void credentialHelperNamesTheRegistrysHelperElseTheStore() throws Exception {
    Path file = tmp.resolve("config.json");
    Files.writeString(
        file, "{\"credHelpers\": {\"https://gcr.io\": \"gcloud\"}, \"credsStore\": \"desktop\"}");
    AuthFileEditor editor = new AuthFileEditor(file);

    assertEquals(Optional.of("gcloud"), editor.credentialHelper("gcr.io"));
    assertEquals(Optional.of("desktop"), editor.credentialHelper("quay.io"));
    assertEquals(
        Optional.empty(), new AuthFileEditor(tmp.resolve("none.json")).credentialHelper("quay.io"));
  }

  @Test
  void removeDeletesEveryKeyNamingTheRegistryAndKeepsTheRest() throws Exception {
    Path file = tmp.resolve("auth.json");
    Files.writeString(
        file,
        "{\"auths\": {"
            + "\"https://index.docker.io/v1/\": {\"auth\": \"" + SECRET_B64 + "\"},"
            + "\"quay.io\": {\"auth\": \"" + SECRET_B64 + "\"},"
            + "\"docker.io\": {\"auth\": \"" + SECRET_B64 + "\"},"
            + "\"docker.io/org\": {\"auth\": \"" + SECRET_B64 + "\"},"
            + "\"registry-1.docker.io\": {}"
            + "}, \"other\": true}");

    List<String> removed = new AuthFileEditor(file).remove("docker.io");

    assertEquals(
        List.of("https://index.docker.io/v1/", "docker.io", "registry-1.docker.io"), removed);
    JsonObject after = json(file);
    assertEquals(
        List.of("quay.io", "docker.io/org"), List.copyOf(after.getAsJsonObject("auths").keySet()));
    assertTrue(after.get("other").getAsBoolean());
  }

  @Test
  void removeOfAMissingEntryChangesNothing() throws Exception {
    Path file = tmp.resolve("auth.json");
    String original = "{ \"auths\" : { \"quay.io\": {\"auth\": \"" + SECRET_B64 + "\"} } }";
    Files.writeString(file, original);
    FileTime before = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(file, before);

    assertEquals(List.of(), new AuthFileEditor(file).remove("registry.example"));

    assertEquals(original, Files.readString(file));
    assertEquals(before, Files.getLastModifiedTime(file));
    Path missing = tmp.resolve("missing").resolve("auth.json");
    assertEquals(List.of(), new AuthFileEditor(missing).remove("registry.example"));
    assertFalse(Files.exists(missing.getParent()));
  }

  @Test
  void removeAllEmptiesAuthsAndKeepsEverythingElse() throws Exception {
    Path file = tmp.resolve("auth.json");
    Files.writeString(
        file,
        "{\"credHelpers\": {\"gcr.io\": \"gcloud\"}, \"auths\": {\"a.example\": {}, \"b.example\":"
            + " {\"auth\": \""
            + SECRET_B64
            + "\"}}, \"z\": [1]}");

    List<String> removed = new AuthFileEditor(file).removeAll();

    assertEquals(List.of("a.example", "b.example"), removed);
    assertEquals(
        JsonParser.parseString(
            "{\"credHelpers\": {\"gcr.io\": \"gcloud\"}, \"auths\": {}, \"z\": [1]}"),
        json(file));
    Path missing = tmp.resolve("missing.json");
    assertEquals(List.of(), new AuthFileEditor(missing).removeAll());
    assertFalse(Files.exists(missing));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"auths\": {\"h\": {\"auth\": \"" + SECRET_B64 + "\"}}, oops}",
        "{\"auths\": {\"h\": {\"auth\": \"" + SECRET_B64 + "\"}}} \"" + SECRET_B64 + "\"",
        "{\"auths\": {\"h\": {\"auth\": \"" + SECRET_B64 + "\"}}",
        "{\"auths\": \"" + SECRET_B64 + "\"}",
        "[\"" + SECRET_B64 + "\"]",
        "{'auths': {}}"
      })
  void malformedFileIsReportedByNameWithoutItsContents(String content) throws Exception {
    Path file = tmp.resolve("auth.json");
    Files.writeString(file, content);
    AuthFileEditor editor = new AuthFileEditor(file);

    for (var call :
        List.<org.junit.jupiter.api.function.Executable>of(
            () -> editor.store("registry.example", ALICE),
            () -> editor.remove("registry.example"),
            editor::removeAll,
            () -> editor.credentials("h"))) {
      ImageException e = assertThrows(ImageException.class, call);
      assertTrue(e.getMessage().contains("auth file \"" + file + "\""), e.getMessage());
      assertFalse(e.getMessage().contains(SECRET_B64), e.getMessage());
      assertFalse(e.getMessage().contains("oops"), e.getMessage());
    }
    assertEquals(content, Files.readString(file), "not rewritten");
  }

  @Test
  void refusesAFileLargerThanOneMebibyte() throws Exception {
    Path file = tmp.resolve("auth.json");
    Files.writeString(file, "{\"auths\": {}, \"pad\": \"" + "x".repeat(1024 * 1024) + "\"}");

    ImageException e =
        assertThrows(
            ImageException.class, () -> new AuthFileEditor(file).store("registry.example", ALICE));

    assertTrue(e.getMessage().contains("larger than the limit"), e.getMessage());
  }

  @Test
  void treatsAnEmptyFileAsNoEntries() throws Exception {
    Path file = tmp.resolve("auth.json");
    Files.writeString(file, "\n");

    new AuthFileEditor(file).store("registry.example", ALICE);

    assertTrue(json(file).getAsJsonObject("auths").has("registry.example"));
  }

  @Test
  void loginFileIsTheFlagThenTheVariableThenTheRuntimeDirThenTheConfigDir() throws Exception {
    Path home = tmp.resolve("home");
    Path runtime = Files.createDirectories(tmp.resolve("run"));
    Map<String, String> env = new HashMap<>();
    env.put("REGISTRY_AUTH_FILE", "/env/auth.json");
    env.put("XDG_RUNTIME_DIR", runtime.toString());
    env.put("XDG_CONFIG_HOME", "/config");

    assertEquals(Path.of("/flag.json"), AuthFileEditor.loginFile(Path.of("/flag.json"), env, home));
    assertEquals(Path.of("/env/auth.json"), AuthFileEditor.loginFile(null, env, home));
    env.remove("REGISTRY_AUTH_FILE");
    assertEquals(
        runtime.resolve("containers/auth.json"), AuthFileEditor.loginFile(null, env, home));
    env.remove("XDG_RUNTIME_DIR");
    assertEquals(Path.of("/config/containers/auth.json"), AuthFileEditor.loginFile(null, env, home));
    env.remove("XDG_CONFIG_HOME");
    assertEquals(
        home.resolve(".config/containers/auth.json"), AuthFileEditor.loginFile(null, env, home));
  }

  @Test
  void loginFileRefusesARuntimeDirThatDoesNotExist() {
    Path missing = tmp.resolve("no-such-run-dir");

    ImageException e =
        assertThrows(
            ImageException.class,
            () ->
                AuthFileEditor.loginFile(
                    null, Map.of("XDG_RUNTIME_DIR", missing.toString()), tmp.resolve("home")));

    assertTrue(e.getMessage().contains("\"" + missing + "\""), e.getMessage());
    assertTrue(e.getMessage().contains("XDG_RUNTIME_DIR"), e.getMessage());
  }
}
