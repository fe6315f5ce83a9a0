package dev.spyglass.transport.layout;

import static dev.spyglass.transport.layout.TestImage.OPTIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentLayoutWriteTest {
  @TempDir Path tmp;

  @Test
  void twoCopiesIntoOneLayoutKeepBothIndexEntries() throws Exception {
    Path layout = tmp.resolve("layout");
    OciTransport transport = new OciTransport();
    int rounds = 20;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < rounds; round++) {
        CyclicBarrier together = new CyclicBarrier(2);
        List<Future<?>> done = new ArrayList<>();
        for (String side : List.of("left", "right")) {
          String name = side + "-" + round;
          TestImage image = TestImage.of(name);
          Callable<Void> copy =
              () -> {
                try (ImageDestination dest = transport.parseReference(layout + ":" + name).newImageDestination(OPTIONS)) {
                  image.putBlobs(dest);
                  together.await(10, TimeUnit.SECONDS);
                  dest.putManifest(image.manifest());
                }
                return null;
              };
          done.add(pool.submit(copy));
        }
        for (Future<?> f : done) {
          f.get(30, TimeUnit.SECONDS);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    List<String> names = OciTransportTest.refNames(layout);
    assertEquals(2 * rounds, names.size(), names.toString());
    Set<String> expected = new HashSet<>();
    for (int round = 0; round < rounds; round++) {
      expected.add("left-" + round);
      expected.add("right-" + round);
    }
    assertEquals(expected, new HashSet<>(names));
    try (ImageSource source = transport.parseReference(layout + ":right-7").newImageSource(OPTIONS)) {
      assertEquals(TestImage.of("right-7").manifest(), source.manifest());
    }
  }
}
