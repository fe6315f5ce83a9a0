package dev.spyglass.transport.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RemoteTextTest {

  @Test
  void makesRemoteTextOneCleanLine() {
    assertEquals("a b c", RemoteText.clean("  a\r\n\tb\u001b[31m c\u0000 "));
    assertEquals("x y", RemoteText.clean("x\u200by"));
  }

  @Test
  void cutsLongTextWithAnEllipsis() {
    String cut = RemoteText.clean("é".repeat(1000));

    assertEquals(RemoteText.MAX_CHARS + 3, cut.length());
    assertTrue(cut.endsWith("..."));
  }

  @Test
  void neverSplitsASurrogatePair() {
    String cut = RemoteText.clean("a" + "\uD83D\uDE00".repeat(200));

    assertTrue(cut.endsWith("\uDE00...") || cut.endsWith("a..."), cut);
    assertTrue(!Character.isHighSurrogate(cut.charAt(cut.length() - 4)), cut);
  }
}
