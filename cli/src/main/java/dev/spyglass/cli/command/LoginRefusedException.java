package dev.spyglass.cli.command;

import dev.spyglass.api.AuthenticationException;
import dev.spyglass.api.ImageException;
import dev.spyglass.cli.ExitCode;

/**
 * Reports that {@code login} was refused: the registry (or its token server) did not accept the
 * user name and password. Exit code {@link ExitCode#AUTHENTICATION}; the cause has the details.
 */
public final class LoginRefusedException extends ImageException {
  private static final long serialVersionUID = 1L;

  LoginRefusedException(String registry, AuthenticationException cause) {
    super(
        "could not log in to \""
            + registry
            + "\": "
            + (cause.credentialsSent()
                ? "invalid user name or password (HTTP " + cause.status() + ")"
                : cause.getMessage()),
        cause);
  }
}
