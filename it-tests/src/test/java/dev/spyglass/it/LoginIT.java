package dev.spyglass.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.spyglass.cli.ExitCode;
import dev.spyglass.cli.Main;
import dev.spyglass.it.TestImages.PushedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code spyglass login} and {@code logout} against a real registry that wants htpasswd Basic
 * credentials: what the auth file holds afterwards, and that {@code inspect} then works (or fails)
 * with that file alone.
 */
class LoginIT {
  private static final String USER = "spyglass";
  private static final String PASSWORD = "login: pa55 word";
  private static final String WRONG_PASSWORD = "wr0ng-login-pa55";
  private static final String OTHER_ENTRY =
      "{\"auth\": \"b3RoZXI6c2VjcmV0\", \"email\": \"kept@example\"}";

  private static RegistryProcess registry;
  private static PushedImage image;
  private static RegistryProcess tlsRegistry;

  @BeforeAll
  static void start() throws Exception {
    registry = RegistryProcess.basicAuth(USER, PASSWORD);
    image = TestImages.pushSchema2(registry.pusher(), "private/app", List.of("1.0"));
    tlsRegistry = RegistryProcess.tlsWithBasicAuth(USER, PASSWORD);
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
    if (tlsRegistry != null) {
      tlsRegistry.close();
    }
  }

  /** One run of {@code spyglass} with {@code stdin} as standard input. */
  private static Cli.Result spyglass(InputStream stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(stdin, o, e, args);
    }
    return new Cli.Result(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  private static Cli.Result spyglass(String... args) {
    return spyglass(InputStream.nullInputStream(), args);
  }

  /** An auth file with another registry's entry and a top-level field spyglass does not know. */
  private static Path preexistingFile(String folder) throws Exception {
    Path file = registry.newFolder(folder).resolve("auth.json");
    Files.writeString(
        file,
        "{\"auths\": {\"other.example\": "
            + OTHER_ENTRY
            + "}, \"HttpHeaders\": {\"User-Agent\": \"kept\"}}");
    return file;
  }

  private Cli.Result login(Path file, String password) {
    return spyglass(
        "login",
        "--tls-verify=false",
        "--authfile",
        file.toString(),
        "-u",
        USER,
        "-p",
        password,
        registry.hostPort());
  }

  private Cli.Result inspect(Path file) {
    return spyglass(
        "inspect",
        "--tls-verify=false",
        "--authfile",
        file.toString(),
        image.byTag(registry.hostPort(), "1.0"));
  }

  private static void assertNoPassword(Cli.Result result) {
    for (String secret : List.of(PASSWORD, WRONG_PASSWORD, auth(PASSWORD))) {
      assertFalse(result.out().contains(secret), result::toString);
      assertFalse(result.stderr().contains(secret), result::toString);
    }
  }

  private static String auth(String password) {
    return Base64.getEncoder()
        .encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void loginStoresTheCredentialsAndInspectThenUsesThemAlone() throws Exception {
    Path file = preexistingFile("login-ok");

    Cli.Result login = login(file, PASSWORD);

    assertEquals(ExitCode.OK, login.exitCode(), login::toString);
    assertEquals("Login Succeeded!\n", login.out());
    assertNoPassword(login);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    JsonObject json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    JsonObject auths = json.getAsJsonObject("auths");
    assertEquals(JsonParser.parseString(OTHER_ENTRY), auths.get("other.example"));
    assertEquals(
        JsonParser.parseString("{\"User-Agent\": \"kept\"}"), json.get("HttpHeaders"));
    assertEquals(
        JsonParser.parseString("{\"auth\": \"" + auth(PASSWORD) + "\"}"),
        auths.get(registry.hostPort()));
    assertEquals(List.of("auth.json"), List.of(file.getParent().toFile().list()));

    Cli.Result inspect = inspect(file);
    assertEquals(ExitCode.OK, inspect.exitCode(), inspect::toString);
    assertEquals(
        image.digest("1.0").toString(),
        JsonParser.parseString(inspect.out()).getAsJsonObject().get("Digest").getAsString());

    // The file is skopeo's format too.
    Skopeo.run(
        List.of(
            "inspect",
            "--tls-verify=false",
            "--authfile",
            file.toString(),
            image.byTag(registry.hostPort(), "1.0")));
  }

  @Test
  void wrongPasswordExitsWithAuthenticationAndWritesNothing() throws Exception {
    Path file = preexistingFile("login-wrong");
    byte[] before = Files.readAllBytes(file);

    Cli.Result login = login(file, WRONG_PASSWORD);

    assertEquals(ExitCode.AUTHENTICATION, login.exitCode(), login::toString);
    assertEquals("", login.out());
    assertEquals(1, login.stderr().strip().lines().count(), login.stderr());
    assertTrue(
        login.stderr().contains("\"" + registry.hostPort() + "\": invalid user name or password"),
        login.stderr());
    assertTrue(login.stderr().contains("check the user name and password"), login.stderr());
    assertNoPassword(login);
    assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(file));
    Path fresh = registry.newFolder("login-wrong-new").resolve("auth.json");
    assertEquals(ExitCode.AUTHENTICATION, login(fresh, WRONG_PASSWORD).exitCode());
    assertFalse(Files.exists(fresh));
  }

  @Test
  void logoutRemovesTheEntryAndInspectThenNeedsCredentials() throws Exception {
    Path file = preexistingFile("logout");
    assertEquals(ExitCode.OK, login(file, PASSWORD).exitCode());

    Cli.Result logout =
        spyglass("logout", "--authfile", file.toString(), registry.hostPort());

    assertEquals(ExitCode.OK, logout.exitCode(), logout::toString);
    assertEquals("Removed login credentials for " + registry.hostPort() + "\n", logout.out());
    JsonObject auths =
        JsonParser.parseString(Files.readString(file)).getAsJsonObject().getAsJsonObject("auths");
    assertEquals(List.of("other.example"), List.copyOf(auths.keySet()));
    Cli.Result inspect = inspect(file);
    assertEquals(ExitCode.AUTHENTICATION, inspect.exitCode(), inspect::toString);
    assertTrue(
        inspect.stderr().contains("run 'spyglass login " + registry.hostPort() + "'"),
        inspect.stderr());

    Cli.Result again = spyglass("logout", "--authfile", file.toString(), registry.hostPort());
    assertEquals(ExitCode.FAILURE, again.exitCode(), again::toString);
    assertTrue(again.stderr().contains("not logged into \"" + registry.hostPort() + "\""));
  }

  @Test
  void passwordStdinLogsIn() throws Exception {
    Path file = registry.newFolder("stdin").resolve("nested").resolve("auth.json");

    Cli.Result login =
        spyglass(
            new ByteArrayInputStream((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8)),
            "login",
            "--tls-verify=false",
            "--authfile",
            file.toString(),
            "--username",
            USER,
            "--password-stdin",
            "http://" + registry.hostPort());

    assertEquals(ExitCode.OK, login.exitCode(), login::toString);
    assertEquals("Login Succeeded!\n", login.out());
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    assertEquals(ExitCode.OK, inspect(file).exitCode());
    Cli.Result user =
        spyglass("login", "--authfile", file.toString(), "--get-login", registry.hostPort());
    assertEquals(USER + "\n", user.out(), user::toString);
  }

  @Test
  void loginWithoutCredentialsChecksTheStoredOnes() throws Exception {
    Path file = registry.newFolder("existing").resolve("auth.json");
    assertEquals(ExitCode.OK, login(file, PASSWORD).exitCode());

    Cli.Result again =
        spyglass(
            "login", "--tls-verify=false", "--authfile", file.toString(), registry.hostPort());

    assertEquals(ExitCode.OK, again.exitCode(), again::toString);
    assertEquals(
        "Existing credentials are valid. Already logged in to " + registry.hostPort() + "\n",
        again.out());
  }

  @Test
  void loginOverVerifiedTlsTrustsTheCertDirectory() throws Exception {
    Path certs = tlsRegistry.newFolder("certs");
    Files.copy(tlsRegistry.caCertificate(), certs.resolve("ca.crt"));
    Path file = tlsRegistry.newFolder("tls-login").resolve("auth.json");

    Cli.Result untrusted =
        spyglass(
            "login",
            "--authfile",
            file.toString(),
            "-u",
            USER,
            "-p",
            PASSWORD,
            tlsRegistry.hostPort());
    assertEquals(ExitCode.TLS, untrusted.exitCode(), untrusted::toString);
    assertFalse(Files.exists(file));

    Cli.Result trusted =
        spyglass(
            "login",
            "--cert-dir",
            certs.toString(),
            "--authfile",
            file.toString(),
            "-u",
            USER,
            "-p",
            PASSWORD,
            tlsRegistry.hostPort());
    assertEquals(ExitCode.OK, trusted.exitCode(), trusted::toString);
    assertTrue(Files.readString(file).contains(tlsRegistry.hostPort()));
  }

  @Test
  void unreachableRegistryExitsWithUnreachable() throws Exception {
    Path file = registry.newFolder("unreachable").resolve("auth.json");

    Cli.Result login =
        spyglass(
            "login",
            "--tls-verify=false",
            "--authfile",
            file.toString(),
            "-u",
            USER,
            "-p",
            PASSWORD,
            "127.0.0.1:9");

    assertEquals(ExitCode.UNREACHABLE, login.exitCode(), login::toString);
    assertFalse(Files.exists(file));
  }
}
