package dev.spyglass.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Digest;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedFixturesTest {

  @Test
  void readsEveryRowOfTheIndexAndEachFileMatchesItsHash() {
    List<SharedFixtures.Row> rows = SharedFixtures.index();
    assertTrue(rows.size() >= 75, "rows: " + rows.size());
    for (SharedFixtures.Row row : rows) {
      assertTrue(Files.isRegularFile(SharedFixtures.dir().resolve(row.path())), row.path());
      assertEquals(
          row.get("file_sha256"), Digest.sha256(SharedFixtures.read(row.path())).hex(), row.path());
    }
    assertEquals(rows.stream().map(SharedFixtures.Row::path).toList(), SharedFixtures.paths());
  }

  @Test
  void anUnknownColumnIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> SharedFixtures.index().get(0).get("no_such"));
    assertTrue(e.getMessage().contains("\"no_such\""), e.getMessage());
  }
}
