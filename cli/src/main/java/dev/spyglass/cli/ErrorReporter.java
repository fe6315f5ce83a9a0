package dev.spyglass.cli;

import dev.spyglass.api.AuthenticationException;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.InvalidReferenceException;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.ProxyAuthenticationException;
import dev.spyglass.api.Quote;
import dev.spyglass.api.RegistryUnreachableException;
import dev.spyglass.api.SizeMismatchException;
import dev.spyglass.api.TlsException;
import dev.spyglass.api.UnexpectedStatusException;
import dev.spyglass.api.UnknownTransportException;
import dev.spyglass.cli.command.ImageFailedException;
import dev.spyglass.cli.command.LoginRefusedException;
import dev.spyglass.cli.command.RemedyFlags;
import dev.spyglass.cli.command.UsageException;
import dev.spyglass.transport.docker.DeletesDisabledException;
import java.io.IOException;
import java.io.PrintStream;
import picocli.CommandLine;

/**
 * Turns a failure into one line on stderr (what failed, why, and what the user can do) and its exit
 * code. The stack trace is printed only under {@code --debug}. Libraries never add remedies: this
 * class does, from the exception type.
 */
final class ErrorReporter {
  /** For a 405 without a registry error code: the method itself is refused, as for any write. */
  private static final String TAKES_NO_WRITES =
      "; it takes no writes at all (distribution: storage.maintenance.readonly, or a pull-through"
          + " cache)";

  private final PrintStream err;

  ErrorReporter(PrintStream err) {
    this.err = err;
  }

  /** Reports a failure of a running command; the remedy names {@code command}'s flags. */
  int report(Exception e, boolean debug, Object command) {
    Throwable failure = e instanceof CommandLine.ExecutionException && e.getCause() != null ? e.getCause() : e;
    // A failure about one of several images: its message names the image, its cause says the rest.
    Throwable cause = failure instanceof ImageFailedException named ? named.failure() : failure;
    int code = exitCode(cause);
    err.println("spyglass: " + oneLine(failure) + remedy(cause, flags(cause, command)));
    if (debug) {
      failure.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /** Reports a command line picocli could not parse, with the usage hint. */
  int reportUsage(CommandLine.ParameterException e, String[] args) {
    String suggestion = Suggestions.forFailure(e);
    err.println(
        "spyglass: "
            + oneLine(e)
            + suggestion
            + (suggestion.isEmpty() ? "; see '" : " See '")
            + helpCommand(e.getCommandLine())
            + "'");
    err.flush();
    return ExitCode.USAGE;
  }

  static int exitCode(Throwable failure) {
    if (failure instanceof InvalidReferenceException
        || failure instanceof UnknownTransportException
        || failure instanceof UsageException) {
      return ExitCode.USAGE;
    } else if (failure instanceof NotFoundException) {
      return ExitCode.NOT_FOUND;
    } else if (failure instanceof AuthenticationException
        || failure instanceof ProxyAuthenticationException
        || failure instanceof LoginRefusedException) {
      return ExitCode.AUTHENTICATION;
    } else if (failure instanceof TlsException) {
      return ExitCode.TLS;
    } else if (failure instanceof RegistryUnreachableException) {
      return ExitCode.UNREACHABLE;
    } else if (failure instanceof InvalidManifestException
        || failure instanceof DigestMismatchException
        || failure instanceof SizeMismatchException) {
      return ExitCode.INVALID_CONTENT;
    }
    return ExitCode.FAILURE;
  }

  private static RemedyFlags flags(Throwable failure, Object command) {
    if (!(command instanceof RemedyFlags.PerRegistry perRegistry)) {
      return RemedyFlags.SINGLE;
    }
    if (failure instanceof AuthenticationException auth) {
      return perRegistry.remedyFlags(auth.registry());
    } else if (failure instanceof TlsException tls) {
      return perRegistry.remedyFlags(tls.registry());
    }
    return RemedyFlags.EITHER_SIDE;
  }

  private static String remedy(Throwable failure, RemedyFlags flags) {
    if (failure instanceof LoginRefusedException) {
      return "; check the user name and password, and try again";
    }
    if (failure instanceof ProxyAuthenticationException proxy) {
      return proxy.credentialsSent()
          ? "; check the user name and password in " + proxy.variable()
          : "; give the proxy's user name and password in "
              + proxy.variable()
              + " (http://USER:PASSWORD@HOST:PORT)";
    }
    if (failure instanceof AuthenticationException auth) {
      return switch (auth.reason()) {
        case REQUIRED ->
            "; give credentials with "
                + flags.creds()
                + " USER:PASSWORD or "
                + flags.authFile()
                + " FILE, or run 'spyglass login "
                + auth.registry()
                + "'";
        case REFUSED ->
            "; check the user name and password given with "
                + flags.creds()
                + " or stored in the auth file";
        case DENIED ->
            "; the credentials were accepted but give no access to it: ask for access, or use"
                + " other credentials";
      };
    } else if (failure instanceof DeletesDisabledException refused) {
      return refused.errorCode().equals("UNSUPPORTED")
          ? "; deletes must be enabled in the registry (distribution: storage.delete.enabled: true)"
          : TAKES_NO_WRITES;
    } else if (failure instanceof UnexpectedStatusException refused
        && refused.status() == 405
        && refused.errorCode().isEmpty()) {
      return TAKES_NO_WRITES;
    } else if (failure instanceof TlsException tls) {
      return tls.problem() == TlsException.Problem.CLIENT_CERTIFICATE
          ? "; put a client certificate and key it accepts (NAME.cert, NAME.key) in "
              + flags.certDir()
              + " DIR"
          : "; trust its CA with "
              + flags.certDir()
              + " DIR, or skip verification with "
              + flags.noVerify();
    } else if (failure instanceof RegistryUnreachableException) {
      return "; check the host name and port, and that the registry is running";
    } else if (failure instanceof UsageException || failure instanceof IllegalArgumentException) {
      return "; see 'spyglass --help'";
    } else if (failure instanceof ImageException || failure instanceof IOException) {
      return "";
    }
    return " (internal error; run with --debug for details)";
  }

  private static String oneLine(Throwable failure) {
    String message = failure.getMessage();
    if (message == null || message.isBlank()) {
      message = failure.getClass().getSimpleName();
    }
    return Quote.line(message);
  }

  /** {@code spyglass --help}, or {@code spyglass inspect --help} for a subcommand's usage. */
  private static String helpCommand(CommandLine cli) {
    StringBuilder path = new StringBuilder("--help");
    for (CommandLine c = cli; c != null && c.getParent() != null; c = c.getParent()) {
      path.insert(0, c.getCommandName() + " ");
    }
    return "spyglass " + path;
  }
}
