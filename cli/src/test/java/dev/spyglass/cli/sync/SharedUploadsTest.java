package dev.spyglass.cli.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.RawManifest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedUploadsTest {
  private static final byte[] BYTES = "shared layer".getBytes(StandardCharsets.UTF_8);
  private static final Descriptor BLOB =
      Descriptor.of("application/octet-stream", Digest.sha256(BYTES), BYTES.length);

  /** A destination that counts uploads and takes a while over each. */
  private static final class Counting implements ImageDestination {
    final AtomicInteger puts = new AtomicInteger();
    final AtomicInteger concurrent = new AtomicInteger();
    final AtomicInteger maxConcurrent = new AtomicInteger();

    @Override
    public ImageReference reference() {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<String> supportedManifestMediaTypes() {
      return List.of();
    }

    @Override
    public boolean hasBlob(Descriptor blob) {
      return false;
    }

    @Override
    public void putBlob(Descriptor blob, InputStream content) {
      int now = concurrent.incrementAndGet();
      maxConcurrent.accumulateAndGet(now, Math::max);
      try {
        content.readAllBytes();
        Thread.sleep(50);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      } finally {
        concurrent.decrementAndGet();
      }
      puts.incrementAndGet();
    }

    @Override
    public void putManifest(RawManifest manifest, Digest instance) {}

    @Override
    public void putManifest(RawManifest manifest) {}

    @Override
    public void close() {}
  }

  @Test
  void imagesOfOneRepositorySendASharedBlobOnceAndNeverTwiceAtOnce() throws Exception {
    SharedUploads uploads = new SharedUploads();
    Counting a = new Counting();
    Counting b = new Counting();
    ImageDestination first = uploads.wrap("reg/app", a);
    ImageDestination second = uploads.wrap("reg/app", b);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done =
        List.of(
            pool.submit(
                () -> {
                  start.await();
                  first.putBlob(BLOB, new ByteArrayInputStream(BYTES));
                  return null;
                }),
            pool.submit(
                () -> {
                  start.await();
                  second.putBlob(BLOB, new ByteArrayInputStream(BYTES));
                  return null;
                }));
    start.countDown();
    for (Future<?> f : done) {
      f.get(5, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertEquals(1, a.puts.get() + b.puts.get());
    assertTrue(first.hasBlob(BLOB));
    assertTrue(second.hasBlob(BLOB));
  }

  @Test
  void anotherRepositorySendsItsOwnCopy() throws Exception {
    SharedUploads uploads = new SharedUploads();
    Counting a = new Counting();
    Counting b = new Counting();
    uploads.wrap("reg/app", a).putBlob(BLOB, new ByteArrayInputStream(BYTES));
    uploads.wrap("reg/other", b).putBlob(BLOB, new ByteArrayInputStream(BYTES));
    assertEquals(1, a.puts.get());
    assertEquals(1, b.puts.get());
  }
}
