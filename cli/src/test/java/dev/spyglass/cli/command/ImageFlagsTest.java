package dev.spyglass.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Credentials;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageFlagsTest {

  @Test
  void splitsUserAndPasswordAtTheFirstColon() {
    assertEquals(
        new Credentials("alice", "pa:ss"), ImageFlags.parseCreds("alice:pa:ss", what -> "unused"));
  }

  @Test
  void asksForAMissingPassword() {
    assertEquals(
        new Credentials("alice", "typed for --creds alice"),
        ImageFlags.parseCreds("alice", what -> "typed for " + what));
  }

  @Test
  void refusesAMissingUserName() {
    assertThrows(UsageException.class, () -> ImageFlags.parseCreds(":secret", what -> ""));
  }

  @Test
  void usernameAndPasswordFlagsGiveCredentials() {
    ImageFlags flags = new ImageFlags();
    flags.username = "bob";
    flags.password = "pw";
    assertEquals(Optional.of(new Credentials("bob", "pw")), flags.credentials());
  }

  @Test
  void withoutATerminalAMissingPasswordIsAUsageError() {
    ImageFlags flags = new ImageFlags();
    flags.creds = "alice";
    UsageException e = assertThrows(UsageException.class, flags::credentials);
    assertTrue(e.getMessage().contains("no terminal"), e.getMessage());
  }

  @Test
  void credsAndUsernameTogetherAreAUsageError() {
    ImageFlags flags = new ImageFlags();
    flags.creds = "a:b";
    flags.username = "c";
    assertThrows(UsageException.class, flags::credentials);
  }

  @Test
  void passwordWithoutUsernameIsAUsageError() {
    ImageFlags flags = new ImageFlags();
    flags.password = "x";
    assertThrows(UsageException.class, flags::credentials);
  }
}
