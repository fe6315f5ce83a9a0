package dev.spyglass.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HomeDirectoryTest {
  @Test
  void homeVariableWinsOverUserHome() {
    assertEquals(
        Path.of("/elsewhere"), HomeDirectory.of(Map.of("HOME", "/elsewhere"), "/home/passwd"));
  }

  @Test
  void userHomeWhenHomeIsUnset() {
    assertEquals(Path.of("/home/passwd"), HomeDirectory.of(Map.of(), "/home/passwd"));
  }

  @Test
  void userHomeWhenHomeIsEmpty() {
    assertEquals(Path.of("/home/passwd"), HomeDirectory.of(Map.of("HOME", ""), "/home/passwd"));
  }
}
