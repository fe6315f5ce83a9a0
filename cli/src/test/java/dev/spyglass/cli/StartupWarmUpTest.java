package dev.spyglass.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StartupWarmUpTest {
  @Test
  void startsForCommandsThatMayReachARegistry() {
    for (String command : List.of("inspect", "list-tags", "login", "copy", "sync", "layers", "delete")) {
      assertTrue(StartupWarmUp.startFor(List.of(command)), command);
    }
  }

  @Test
  void doesNotStartForLocalCommandsOrWhenNoneIsNamed() {
    for (String command : List.of("manifest-digest", "logout", "transports")) {
      assertFalse(StartupWarmUp.startFor(List.of(command)), command);
    }
    assertFalse(StartupWarmUp.startFor(List.of("inspect", "copy")), "several: help or a typo");
  }
}
