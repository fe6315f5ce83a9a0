package dev.spyglass.cli.command;

import dev.spyglass.api.Credentials;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ManifestFormats;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;

/** The flags that say how to reach one image's registry, with skopeo's names. */
final class ImageFlags {
  boolean tlsVerify = true;
  @Nullable Path certDir;
  @Nullable String creds;
  @Nullable String username;
  @Nullable String password;
  @Nullable Path authFile;

  /** Adds the flags to {@code spec}, bound to this object's fields. */
  void addTo(CommandSpec spec) {
    spec.addOption(
        Binding.trueByDefault(() -> tlsVerify, v -> tlsVerify = v, "--tls-verify")
            .description("Verify TLS certificates (default true); false also allows plain HTTP.")
            .build());
    spec.addOption(
        Binding.option(Path.class, () -> certDir, v -> certDir = v, "--cert-dir")
            .paramLabel("DIR")
            .description("Extra CA certificates (*.crt) and client keys.")
            .build());
    spec.addOption(
        Binding.option(String.class, () -> creds, v -> creds = v, "--creds")
            .paramLabel("USER[:PASSWORD]")
            .description(
                "Credentials for the registry; without a password, it is asked for on the"
                    + " terminal.")
            .build());
    spec.addOption(
        Binding.option(String.class, () -> username, v -> username = v, "--username")
            .paramLabel("USER")
            .description("User name for the registry.")
            .build());
    spec.addOption(
        Binding.option(String.class, () -> password, v -> password = v, "--password")
            .paramLabel("PASSWORD")
            .description("Password for the registry (with --username).")
            .build());
    spec.addOption(
        Binding.option(Path.class, () -> authFile, v -> authFile = v, "--authfile")
            .paramLabel("FILE")
            .description("Auth file to read credentials from.")
            .build());
  }

  ImageOptions toOptions(ManifestFormats formats) {
    ImageOptions.Builder b = ImageOptions.builder().tlsVerify(tlsVerify).formats(formats);
    if (certDir != null) {
      b.certDir(certDir);
    }
    if (authFile != null) {
      b.authFile(authFile);
    }
    credentials().ifPresent(b::credentials);
    return b.build();
  }

  /** The credentials the flags give, asking for a missing password on the terminal. */
  java.util.Optional<Credentials> credentials() {
    if (creds != null && (username != null || password != null)) {
      throw new UsageException("--creds cannot be used with --username or --password");
    }
    if (creds != null) {
      return java.util.Optional.of(parseCreds(creds, TerminalPassword::ask));
    }
    if (password != null && username == null) {
      throw new UsageException("--password needs --username");
    }
    if (username != null) {
      return java.util.Optional.of(
          new Credentials(
              username, password != null ? password : TerminalPassword.ask("--username " + username)));
    }
    return java.util.Optional.empty();
  }

  /** Parses {@code USER[:PASSWORD]}; a missing password comes from {@code ask}. */
  static Credentials parseCreds(String text, java.util.function.Function<String, String> ask) {
    return parseCreds("--creds", text, ask);
  }

  /** As {@link #parseCreds(String, java.util.function.Function)}, for the flag {@code flag}. */
  static Credentials parseCreds(
      String flag, String text, java.util.function.Function<String, String> ask) {
    int colon = text.indexOf(':');
    if (colon == 0 || text.isEmpty()) {
      throw new UsageException(flag + " needs a user name before the colon");
    }
    return colon < 0
        ? new Credentials(text, ask.apply(flag + " " + text))
        : new Credentials(text.substring(0, colon), text.substring(colon + 1));
  }
}
