package dev.spyglass.testing.contract;

import static dev.spyglass.testing.contract.ContractFixture.descriptor;
import static dev.spyglass.testing.contract.ContractFixture.put;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract's check of concurrency: several {@code putBlob} at once on one destination, of
 * distinct blobs and of the same one, all land. Part of {@link TransportContract}; a transport
 * extends that class.
 */
public sealed interface ConcurrencyChecks permits TransportContract {

  @Test
  default void severalPutBlobAtOnceAllLand() throws Exception {
    ContractFixture f = ContractFixture.of(this);
    ImageReference reference = f.newReference();
    int distinct = 8;
    int sameTwice = 3;
    List<byte[]> contents = new ArrayList<>();
    for (int i = 0; i < distinct; i++) {
      contents.add(f.bytes(20_000 + i));
    }
    byte[] shared = f.bytes(30_000);
    ExecutorService executor = Executors.newFixedThreadPool(distinct + sameTwice);
    CountDownLatch start = new CountDownLatch(1);
    try (ImageDestination destination = f.open(reference)) {
      List<Future<?>> puts = new ArrayList<>();
      for (byte[] content : contents) {
        puts.add(executor.submit(() -> put(destination, content, start)));
      }
      for (int i = 0; i < sameTwice; i++) {
        puts.add(executor.submit(() -> put(destination, shared, start)));
      }
      start.countDown();
      for (Future<?> put : puts) {
        put.get(60, TimeUnit.SECONDS);
      }
      for (byte[] content : contents) {
        assertTrue(destination.hasBlob(descriptor(content, true)));
      }
      assertTrue(destination.hasBlob(descriptor(shared, true)));
      contents.add(shared);
      f.finishImage(destination, contents.toArray(byte[][]::new));
    } finally {
      executor.shutdownNow();
    }
    for (byte[] content : contents) {
      assertArrayEquals(content, f.readBlob(reference, descriptor(content, true)));
    }
  }
}
