package dev.spyglass.cli.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShardTest {

  private static List<String> repositories(int n) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add("registry.example:5000/team" + (i % 7) + "/app" + i);
    }
    return names;
  }

  @Test
  void everyRepositoryBelongsToExactlyOneShare() {
    int count = 5;
    Map<Integer, Integer> sizes = new HashMap<>();
    for (String repository : repositories(1000)) {
      int owners = 0;
      for (int k = 0; k < count; k++) {
        if (new Shard(k, count).owns(repository)) {
          owners++;
          sizes.merge(k, 1, Integer::sum);
        }
      }
      assertEquals(1, owners, repository);
    }
    // Shares are balanced within a wide margin (a hash, not a partition by hand).
    sizes.values().forEach(size -> assertTrue(size > 140 && size < 260, sizes.toString()));
  }

  @Test
  void aRepositoryKeepsItsShareWhateverElseIsSynced() {
    // The share is a function of the name alone: asked twice, in any company, it is the same.
    for (String repository : repositories(50)) {
      assertEquals(Shard.shareOf(repository, 8), Shard.shareOf(repository, 8));
    }
    assertEquals(
        Shard.shareOf("docker.io/library/busybox", 4),
        Shard.shareOf(new String("docker.io/library/busybox"), 4));
  }

  @Test
  void oneShareOfOneOwnsEverything() {
    repositories(20).forEach(r -> assertTrue(Shard.ALL.owns(r)));
  }

  @Test
  void parsesKOverN() {
    assertEquals(new Shard(2, 4), Shard.parse("2/4"));
    assertEquals("2/4", Shard.parse("2/4").toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"4/4", "-1/4", "1/0", "a/2", "1", "/2", "1/", "1/2/3"})
  void refusesWhatIsNotKOverN(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Shard.parse(text));
    assertFalse(e.getMessage().isBlank());
  }
}
