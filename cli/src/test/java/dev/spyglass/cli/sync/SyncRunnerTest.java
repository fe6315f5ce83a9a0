package dev.spyglass.cli.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.RawManifest;
import dev.spyglass.api.Transport;
import dev.spyglass.api.Transports;
import dev.spyglass.cli.progress.SyncProgress;
import dev.spyglass.cli.sync.SyncRunner.Outcome;
import dev.spyglass.cli.sync.SyncRunner.Status;
import dev.spyglass.image.ImageCopier;
import dev.spyglass.testing.MemoryImage;
import dev.spyglass.testing.MemoryTransport;
import dev.spyglass.testing.TextManifestFormat;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link SyncRunner} over in-memory images: the checks of {@link SyncRunner#CHECKS_AT_ONCE} images
 * run at once whatever {@code jobs} is, while no more than {@code jobs} copies do, and a failure
 * without {@code keepGoing} stops the copies not yet begun.
 */
class SyncRunnerTest {
  private static final String IMAGE = "application/x-image";
  private static final ManifestFormats FORMATS =
      new TextManifestFormat(Set.of(IMAGE), Set.of(), Set.of()).formats();
  private static final ImageOptions OPTIONS = ImageOptions.builder().formats(FORMATS).build();
  private static final int IMAGES = SyncRunner.CHECKS_AT_ONCE;

  private final MemoryTransport sources = new MemoryTransport();
  /** Named {@code docker}, as a registry destination is: its images are {@code //mirror/appN}. */
  private final MemoryTransport mirror = new MemoryTransport("docker");
  /** Every source's digest check waits here until all of them are checking. */
  private final CyclicBarrier allChecking = new CyclicBarrier(IMAGES);
  private final AtomicInteger copying = new AtomicInteger();
  private final AtomicInteger mostCopying = new AtomicInteger();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void checksEveryImageAtOnceButCopiesOnlyJobsAtOnce() throws Exception {
    List<Outcome> outcomes = runner(1, false).run(groups(false));

    assertEquals(Map.of(Status.COPIED, (long) IMAGES), count(outcomes), stderr());
    assertEquals(1, mostCopying.get(), "copies at once with --jobs 1");
    for (int i = 1; i <= IMAGES; i++) {
      assertEquals(
          sources.image("src/app" + i).manifest(), mirror.image("//mirror/app" + i).manifest());
    }
  }

  @Test
  void aFailedCopyStopsTheCopiesWaitingForTheirTurn() throws Exception {
    List<Outcome> outcomes = runner(1, false).run(groups(true));

    Map<Status, Long> expected = Map.of(Status.FAILED, 1L, Status.NOT_STARTED, IMAGES - 1L);
    assertEquals(expected, count(outcomes), stderr());
    assertEquals(1, stderr().lines().count(), "one line, for the image that failed: " + stderr());
  }

  @Test
  void withKeepGoingEveryCopyIsTried() throws Exception {
    List<Outcome> outcomes = runner(2, true).run(groups(true));

    assertEquals(Map.of(Status.FAILED, (long) IMAGES), count(outcomes), stderr());
    assertEquals(2, mostCopying.get(), "copies at once with --jobs 2");
  }

  private SyncRunner runner(int jobs, boolean keepGoing) {
    Transports transports = Transports.of(List.<Transport>of(mirror));
    return new SyncRunner(
        ImageCopier.builder(FORMATS).retryDelay(Duration.ZERO).build(),
        new SyncNames(transports, SyncKind.DOCKER, "mirror", false, ""),
        SyncKind.DOCKER,
        OPTIONS,
        jobs,
        keepGoing,
        false,
        new SyncProgress(new PrintStream(err, true, StandardCharsets.UTF_8), false),
        null,
        out -> () -> {});
  }

  /** One group of {@link #IMAGES} images of a config and a layer; {@code failing}: all unreadable. */
  private List<SyncGroup> groups(boolean failing) {
    List<SyncImage> images = new ArrayList<>();
    for (int i = 1; i <= IMAGES; i++) {
      MemoryImage image = sources.image("src/app" + i);
      Digest config = image.addBlob("{\"architecture\":\"amd64\"}");
      image.setManifest(TextManifestFormat.image(IMAGE, config, image.addBlob("layer " + i)));
      images.add(
          new SyncImage("src/app" + i, new Gated(image.reference(), failing), OPTIONS, "app" + i));
    }
    return List.of(new SyncGroup("src", images));
  }

  private static Map<Status, Long> count(List<Outcome> outcomes) {
    return outcomes.stream().collect(Collectors.groupingBy(Outcome::status, Collectors.counting()));
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /**
   * A source whose digest check waits for every image's, and whose manifest read (the start of a
   * copy) is counted while it takes 50 ms, then fails when {@code failing}.
   */
  private final class Gated implements ImageReference {
    private final ImageReference memory;
    private final boolean failing;

    Gated(ImageReference memory, boolean failing) {
      this.memory = memory;
      this.failing = failing;
    }

    @Override
    public Transport transport() {
      return memory.transport();
    }

    @Override
    public String stringWithinTransport() {
      return memory.stringWithinTransport();
    }

    @Override
    public ImageSource newImageSource(ImageOptions options) throws ImageException {
      ImageSource in = memory.newImageSource(options);
      return new ImageSource() {
        @Override
        public ImageReference reference() {
          return Gated.this;
        }

        @Override
        public Optional<Digest> manifestDigest() throws ImageException {
          try {
            allChecking.await(10, TimeUnit.SECONDS);
          } catch (Exception e) {
            throw new ImageException("the checks did not run at once: " + e, e);
          }
          return in.manifestDigest();
        }

        @Override
        public RawManifest manifest() throws ImageException {
          mostCopying.accumulateAndGet(copying.incrementAndGet(), Math::max);
          try {
            Thread.sleep(50);
            if (failing) {
              throw new ImageException("unreadable");
            }
            return in.manifest();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageException("interrupted", e);
          } finally {
            copying.decrementAndGet();
          }
        }

        @Override
        public RawManifest manifest(Digest digest) throws ImageException {
          return in.manifest(digest);
        }

        @Override
        public InputStream blob(Descriptor blob) throws ImageException {
          return in.blob(blob);
        }

        @Override
        public void close() {
          in.close();
        }
      };
    }
  }
}
