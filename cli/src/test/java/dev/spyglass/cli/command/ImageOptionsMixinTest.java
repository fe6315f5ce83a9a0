package dev.spyglass.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Credentials;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageOptionsMixinTest {

  @Test
  void splitsUserAndPasswordAtTheFirstColon() {
    assertEquals(
        new Credentials("alice", "pa:ss"), ImageOptionsMixin.parseCreds("alice:pa:ss", what -> "unused"));
  }

  @Test
  void asksForAMissingPassword() {
    assertEquals(
        new Credentials("alice", "typed for --creds alice"),
        ImageOptionsMixin.parseCreds("alice", what -> "typed for " + what));
  }

  @Test
  void refusesAMissingUserName() {
    assertThrows(UsageException.class, () -> ImageOptionsMixin.parseCreds(":secret", what -> ""));
  }

  @Test
  void usernameAndPasswordFlagsGiveCredentials() {
    ImageOptionsMixin flags = new ImageOptionsMixin();
    flags.username = "bob";
    flags.password = "pw";
    assertEquals(Optional.of(new Credentials("bob", "pw")), flags.credentials());
  }

  @Test
  void withoutATerminalAMissingPasswordIsAUsageError() {
    ImageOptionsMixin flags = new ImageOptionsMixin();
    flags.creds = "alice";
    UsageException e = assertThrows(UsageException.class, flags::credentials);
    assertTrue(e.getMessage().contains("no terminal"), e.getMessage());
  }

  @Test
  void credsAndUsernameTogetherAreAUsageError() {
    ImageOptionsMixin flags = new ImageOptionsMixin();
    flags.creds = "a:b";
    flags.username = "c";
    assertThrows(UsageException.class, flags::credentials);
  }

  @Test
  void passwordWithoutUsernameIsAUsageError() {
    ImageOptionsMixin flags = new ImageOptionsMixin();
    flags.password = "x";
    assertThrows(UsageException.class, flags::credentials);
  }
}
