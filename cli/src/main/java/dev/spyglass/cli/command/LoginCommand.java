package dev.spyglass.cli.command;

import dev.spyglass.api.AuthenticationException;
import dev.spyglass.api.Credentials;
import dev.spyglass.api.HomeDirectory;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.auth.AuthFileEditor;
import dev.spyglass.cli.ExitCode;
import dev.spyglass.transport.docker.DockerTransport;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code spyglass login REGISTRY}, as {@code skopeo login}: checks the user name and password
 * against the registry ({@code GET /v2/}, Basic or Bearer) and only then stores them in the auth
 * file ({@code auths[REGISTRY] = {"auth": base64(user:password)}}, every other entry and field
 * kept), printing {@code Login Succeeded!}. A missing user name or password is asked for on the
 * terminal; {@code --password-stdin} reads it from standard input. Without user name and password,
 * credentials already stored for the registry are checked first, as skopeo does. The password is
 * never printed or logged.
 */
final class LoginCommand implements Callable<Integer> {
  static final String NAME = "login";

  /** The most {@code --password-stdin} reads, as Go's line scanner allows. */
  static final int MAX_STDIN_BYTES = 64 * 1024;

  private final ManifestFormats formats;
  private final PrintStream out;
  private final PrintStream err;
  private final InputStream in;

  @Nullable Path authFile;
  @Nullable Path certDir;
  boolean tlsVerify = true;
  @Nullable String username;
  @Nullable String password;
  boolean passwordStdin;
  boolean getLogin;
  boolean verbose;
  String registryText = "";

  /** picocli's model of this command, bound to its fields. */
  CommandSpec spec() {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(this).name(NAME);
    spec.usageMessage()
        .description("Log in to a container registry: check the credentials, then store them.");
    spec.addOption(
        Binding.option(Path.class, () -> authFile, v -> authFile = v, "--authfile")
            .paramLabel("FILE")
            .description(
                "Auth file to write (default: $REGISTRY_AUTH_FILE, else"
                    + " $${XDG_RUNTIME_DIR}/containers/auth.json, else"
                    + " $${XDG_CONFIG_HOME:-~/.config}/containers/auth.json).")
            .build());
    spec.addOption(
        Binding.option(Path.class, () -> certDir, v -> certDir = v, "--cert-dir")
            .paramLabel("DIR")
            .description("Extra CA certificates (*.crt) and client keys for the registry.")
            .build());
    spec.addOption(
        Binding.trueByDefault(() -> tlsVerify, v -> tlsVerify = v, "--tls-verify")
            .description("Verify TLS certificates (default true); false also allows plain HTTP.")
            .build());
    spec.addOption(
        Binding.option(String.class, () -> username, v -> username = v, "-u", "--username")
            .paramLabel("USER")
            .description("User name (asked for on the terminal when missing).")
            .build());
    spec.addOption(
        Binding.option(String.class, () -> password, v -> password = v, "-p", "--password")
            .paramLabel("PASSWORD")
            .description("Password (asked for on the terminal when missing).")
            .build());
    spec.addOption(
        Binding.option(
                boolean.class, () -> passwordStdin, v -> passwordStdin = v, "--password-stdin")
            .description("Read the password from standard input.")
            .build());
    spec.addOption(
        Binding.option(boolean.class, () -> getLogin, v -> getLogin = v, "--get-login")
            .description("Print the user name stored for the registry, and do nothing else.")
            .build());
    spec.addOption(
        Binding.option(boolean.class, () -> verbose, v -> verbose = v, "-v", "--verbose")
            .description("Also print the auth file written.")
            .build());
    spec.addPositional(
        Binding.positional("0", "1", String.class, () -> registryText, v -> registryText = v)
            .paramLabel("REGISTRY")
            .description("HOST[:PORT] of the registry, e.g. registry.example:5000 or docker.io.")
            .build());
    HelpOptions.addTo(spec);
    return spec;
  }

  LoginCommand(
      ManifestFormats formats,
      PrintStream out,
      PrintStream err,
      InputStream in) {
    this.formats = formats;
    this.out = out;
    this.err = err;
    this.in = in;
  }

  @Override
  public Integer call() throws ImageException {
    String registry = RegistryArgument.parse(registryText);
    AuthFileEditor file =
        new AuthFileEditor(
            AuthFileEditor.loginFile(
                authFile, System.getenv(), HomeDirectory.current()));
    if (getLogin) {
      Credentials stored =
          file.credentials(registry)
              .filter(c -> !c.isIdentityToken())
              .orElseThrow(() -> notLoggedIn(registry, file));
      out.println(stored.username());
      out.flush();
      return ExitCode.OK;
    }
    if (passwordStdin && password != null) {
      throw new UsageException("--password-stdin cannot be used with --password");
    }
    if (passwordStdin && isEmpty(username)) {
      throw new UsageException("--password-stdin needs --username");
    }
    Optional<String> helper = file.credentialHelper(registry);
    if (helper.isPresent()) {
      throw new ImageException(
          "auth file \""
              + file.file()
              + "\" keeps the credentials of \""
              + registry
              + "\" in credential helper \"docker-credential-"
              + helper.get()
              + "\", which spyglass cannot write to; give another file with --authfile");
    }
    String secret = passwordStdin ? readStdinPassword() : password;
    Optional<Credentials> stored = file.credentials(registry).filter(c -> !c.isIdentityToken());
    if (isEmpty(username) && isEmpty(secret) && stored.isPresent()) {
      err.println("Authenticating with existing credentials for " + registry);
      try {
        check(registry, stored.get());
        out.println("Existing credentials are valid. Already logged in to " + registry);
        out.flush();
        return ExitCode.OK;
      } catch (AuthenticationException e) {
        err.println("Existing credentials are invalid, please enter valid username and password");
      }
    }
    String user =
        isEmpty(username) ? askUser(stored.map(Credentials::username).orElse("")) : username;
    if (user.indexOf(':') >= 0) {
      throw new UsageException("user name \"" + user + "\" contains ':', which cannot be stored");
    }
    String pass = isEmpty(secret) ? askPassword() : secret;
    Credentials credentials = new Credentials(user, pass);
    try {
      check(registry, credentials);
    } catch (AuthenticationException e) {
      throw new LoginRefusedException(registry, e);
    }
    file.store(registry, credentials);
    if (verbose) {
      out.println("Used: " + file.file());
    }
    out.println("Login Succeeded!");
    out.flush();
    return ExitCode.OK;
  }

  private void check(String registry, Credentials credentials) throws ImageException {
    ImageOptions.Builder options =
        ImageOptions.builder().tlsVerify(tlsVerify).formats(formats).credentials(credentials);
    if (certDir != null) {
      options.certDir(certDir);
    }
    new DockerTransport().checkLogin(registry, options.build());
  }

  static ImageException notLoggedIn(String registry, AuthFileEditor file) {
    return new ImageException(
        "not logged into \""
            + registry
            + "\": auth file \""
            + file.file()
            + "\" has no credentials for it");
  }

  /**
   * The password on standard input: every line, joined without line ends (as skopeo reads it).
   *
   * @throws UsageException when there is none, or more than {@link #MAX_STDIN_BYTES}
   */
  private String readStdinPassword() {
    byte[] bytes;
    try {
      bytes = in.readNBytes(MAX_STDIN_BYTES + 1);
    } catch (IOException e) {
      throw new UsageException("--password-stdin could not read standard input: " + e.getMessage());
    }
    if (bytes.length > MAX_STDIN_BYTES) {
      throw new UsageException(
          "--password-stdin read more than " + MAX_STDIN_BYTES + " bytes from standard input");
    }
    StringBuilder joined = new StringBuilder();
    new String(bytes, StandardCharsets.UTF_8)
        .lines()
        .forEach(line -> joined.append(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line));
    if (joined.length() == 0) {
      throw new UsageException("--password-stdin found no password on standard input");
    }
    return joined.toString();
  }

  private static String askUser(String stored) {
    Console console = System.console();
    if (console == null) {
      throw new UsageException(
          "no user name was given and there is no terminal to ask for one; use --username");
    }
    String typed = console.readLine(stored.isEmpty() ? "Username: " : "Username (%s): ", stored);
    String user = typed == null ? "" : typed.strip();
    if (user.isEmpty()) {
      user = stored;
    }
    if (user.isEmpty()) {
      throw new UsageException("no user name was typed");
    }
    return user;
  }

  private static String askPassword() {
    Console console = System.console();
    if (console == null) {
      throw new UsageException(
          "no password was given and there is no terminal to ask for one; use --password-stdin");
    }
    char[] typed = console.readPassword("Password: ");
    if (typed == null || typed.length == 0) {
      throw new UsageException("no password was typed");
    }
    return new String(typed);
  }

  private static boolean isEmpty(@Nullable String s) {
    return s == null || s.isEmpty();
  }
}
