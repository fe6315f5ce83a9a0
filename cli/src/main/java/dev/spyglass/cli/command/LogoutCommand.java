package dev.spyglass.cli.command;

import dev.spyglass.api.HomeDirectory;
import dev.spyglass.api.ImageException;
import dev.spyglass.auth.AuthFileEditor;
import dev.spyglass.cli.ExitCode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code spyglass logout REGISTRY | --all}, as {@code skopeo logout}: removes the registry's
 * credentials from the auth file (every key naming it: {@code host}, {@code https://host/v1/}, the
 * Docker Hub aliases) and prints {@code Removed login credentials for REGISTRY}; with {@code --all},
 * empties {@code auths}. A registry with no credentials there is a failure ({@code not logged
 * into}), as in skopeo; so is an auth file named by {@code --authfile} or {@code
 * REGISTRY_AUTH_FILE} that does not exist. Never contacts the registry.
 */
final class LogoutCommand implements Callable<Integer> {
  static final String NAME = "logout";

  private final PrintStream out;
  private final PrintStream err;

  @Nullable Path authFile;
  boolean all;
  @Nullable Boolean tlsVerify;
  @Nullable String registryText;

  /** picocli's model of this command, bound to its fields. */
  CommandSpec spec() {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(this).name(NAME);
    spec.usageMessage()
        .description("Log out of a container registry: remove its stored credentials.");
    spec.addOption(
        Binding.option(Path.class, () -> authFile, v -> authFile = v, "--authfile")
            .paramLabel("FILE")
            .description(
                "Auth file to edit (default: $REGISTRY_AUTH_FILE, else"
                    + " $${XDG_RUNTIME_DIR}/containers/auth.json, else"
                    + " $${XDG_CONFIG_HOME:-~/.config}/containers/auth.json).")
            .build());
    spec.addOption(
        Binding.option(boolean.class, () -> all, v -> all = v, "-a", "--all")
            .description("Remove the credentials of every registry in the auth file.")
            .build());
    spec.addOption(
        Binding.option(Boolean.class, () -> tlsVerify, v -> tlsVerify = v, "--tls-verify")
            .arity("0..1")
            .paramLabel("BOOL")
            .description(
                "Accepted for compatibility with skopeo; logout does not contact the registry.")
            .build());
    spec.addPositional(
        Binding.positional("0", "0..1", String.class, () -> registryText, v -> registryText = v)
            .paramLabel("REGISTRY")
            .description("HOST[:PORT] of the registry, e.g. registry.example:5000 or docker.io.")
            .build());
    HelpOptions.addTo(spec);
    return spec;
  }

  LogoutCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws ImageException {
    if (all && registryText != null) {
      throw new UsageException("--all takes no registry");
    }
    if (!all && registryText == null) {
      throw new UsageException("give the registry to log out of, or --all");
    }
    String registry = all ? "" : RegistryArgument.parse(registryText);
    boolean named = authFile != null || !isEmpty(System.getenv("REGISTRY_AUTH_FILE"));
    AuthFileEditor file =
        new AuthFileEditor(
            AuthFileEditor.loginFile(
                authFile, System.getenv(), HomeDirectory.current()));
    if (named && !file.exists()) {
      throw new ImageException("auth file \"" + file.file() + "\" does not exist");
    }
    if (all) {
      file.removeAll();
      out.println("Removed login credentials for all registries");
      out.flush();
      return ExitCode.OK;
    }
    List<String> removed = file.remove(registry);
    Optional<String> helper = file.credentialHelper(registry);
    if (helper.isPresent()) {
      err.println(
          "spyglass: warning: credential helper \"docker-credential-"
              + helper.get()
              + "\" may still hold credentials for \""
              + registry
              + "\"; logout removes only those in the auth file");
    }
    if (removed.isEmpty()) {
      throw LoginCommand.notLoggedIn(registry, file);
    }
    out.println("Removed login credentials for " + registry);
    out.flush();
    return ExitCode.OK;
  }

  private static boolean isEmpty(@Nullable String s) {
    return s == null || s.isBlank();
  }
}
