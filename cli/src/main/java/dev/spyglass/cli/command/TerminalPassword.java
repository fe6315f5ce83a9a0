package dev.spyglass.cli.command;

import java.io.Console;

/** Asks for a password on the terminal, without echo; fails when there is no terminal. */
final class TerminalPassword {
  private TerminalPassword() {}

  /**
   * @param forWhat the flag the password belongs to, for the prompt and the error
   * @throws UsageException when stdin/stdout are not a terminal
   */
  static String ask(String forWhat) {
    Console console = System.console();
    if (console == null) {
      throw new UsageException(
          forWhat + " has no password and there is no terminal to ask for one; give USER:PASSWORD");
    }
    char[] typed = console.readPassword("Password: ");
    if (typed == null) {
      throw new UsageException("no password was typed for " + forWhat);
    }
    return new String(typed);
  }
}
