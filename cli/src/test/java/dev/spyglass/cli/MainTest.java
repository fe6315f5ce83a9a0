package dev.spyglass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        args);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void invalidNameIsAUsageErrorQuotingTheName() {
    assertEquals(ExitCode.USAGE, run("inspect", "docker://UPPER/Case:tag"));
    assertOneLine(stderr());
    assertTrue(stderr().contains("\"//UPPER/Case:tag\""), stderr());
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void unknownTransportNamesTheKnownOnes() {
    assertEquals(ExitCode.USAGE, run("inspect", "ftp://example/app"));
    assertOneLine(stderr());
    assertTrue(stderr().contains("\"ftp\""), stderr());
    assertTrue(stderr().contains("docker"), stderr());
  }

  @Test
  void unknownFlagIsAUsageError() {
    assertEquals(ExitCode.USAGE, run("inspect", "--no-such-flag", "docker://a/b"));
    assertOneLine(stderr());
    assertTrue(stderr().contains("--no-such-flag"), stderr());
  }

  @Test
  void usageErrorsPointAtTheHelpOfTheCommandThatFailed() {
    assertEquals(ExitCode.USAGE, run("--no-such-flag"));
    assertTrue(stderr().endsWith("; see 'spyglass --help'\n"), stderr());
    err.reset();
    assertEquals(ExitCode.USAGE, run("inspect", "--no-such-flag", "docker://a/b"));
    assertTrue(stderr().endsWith("; see 'spyglass inspect --help'\n"), stderr());
  }

  @Test
  void mistypedCommandsAndOptionsGetASuggestion() {
    assertEquals(ExitCode.USAGE, run("insepct", "docker://a/b"));
    assertOneLine(stderr());
    assertTrue(stderr().contains("; did you mean 'inspect'? See 'spyglass --help'"), stderr());
    err.reset();
    assertEquals(ExitCode.USAGE, run("inspect", "--raww", "docker://a/b"));
    assertTrue(stderr().contains("did you mean '--raw'?"), stderr());
    err.reset();
    assertEquals(ExitCode.USAGE, run("frobnicate"));
    assertTrue(!stderr().contains("did you mean"), stderr());
  }

  @Test
  void subcommandsPrintTheVersionToo() {
    assertEquals(ExitCode.OK, run("--version"));
    String version = out.toString(StandardCharsets.UTF_8);
    assertTrue(version.startsWith("spyglass "), version);
    out.reset();
    assertEquals(ExitCode.OK, run("inspect", "--version"));
    assertEquals(version, out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void authFileHelpNamesTheVariablesItReads() {
    for (String command : new String[] {"login", "logout"}) {
      out.reset();
      assertEquals(ExitCode.OK, run(command, "--help"));
      String help = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
      assertTrue(help.contains("else ${XDG_RUNTIME_DIR}/containers/auth.json"), help);
      assertTrue(help.contains("${XDG_CONFIG_HOME:-~/.config}"), help);
    }
  }

  @Test
  void rawWithTwoImagesIsAUsageError() {
    assertEquals(ExitCode.USAGE, run("inspect", "--raw", "docker://a.example/b", "docker://a.example/c"));
    assertTrue(stderr().contains("--raw"), stderr());
  }

  @Test
  void unreachableRegistryHasItsOwnExitCodeAndNoStackTrace() {
    // Port 9 on loopback: nothing listens there.
    assertEquals(ExitCode.UNREACHABLE, run("inspect", "--tls-verify=false", "docker://127.0.0.1:9/app:1"));
    assertOneLine(stderr());
    assertTrue(stderr().contains("127.0.0.1:9"), stderr());
  }

  @Test
  void debugShowsTheStackTrace() {
    assertEquals(ExitCode.UNREACHABLE, run("--debug", "inspect", "--tls-verify=false", "docker://127.0.0.1:9/app:1"));
    assertTrue(stderr().contains("\tat "), stderr());
  }

  @Test
  void helpListsInspect() {
    assertEquals(ExitCode.OK, run("--help"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("inspect"));
  }

  private static void assertOneLine(String text) {
    assertFalse(text.isBlank(), "nothing on stderr");
    assertEquals(1, text.strip().lines().count(), text);
    assertFalse(text.contains("\tat "), text);
  }
}
