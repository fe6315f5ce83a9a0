package dev.spyglass.testing.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.RawManifest;
import dev.spyglass.api.Transport;
import dev.spyglass.testing.MemoryImage;
import dev.spyglass.testing.MemoryReference;
import dev.spyglass.testing.MemoryTransport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.opentest4j.TestAbortedException;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract's checks can fail: the kit's in-memory transport with one flaw each fails exactly
 * the checks that look for that flaw, and passes the others. Every check of the contract fails for
 * at least one flaw.
 */
class ContractCanFailTest {

  enum Flaw {
    /** Stores whatever a put reads, unverified (what it read before a failure too). */
    UNVERIFIED_PUT(
        "aBlobWhoseBytesDoNotMatchItsDigestIsRefusedAndNothingStored",
        "aBlobOfAnotherSizeThanDeclaredIsRefusedAndNothingStored",
        "aBlobWhoseStreamFailsIsNotStored"),
    /** A blob is there as soon as its put began (failed puts included). */
    VISIBLE_WHILE_PUT(
        "aBlobIsNotVisibleWhileItsPutRuns",
        "aBlobOfAnotherSizeThanDeclaredIsRefusedAndNothingStored",
        "aBlobWhoseBytesDoNotMatchItsDigestIsRefusedAndNothingStored",
        "aBlobWhoseStreamFailsIsNotStored"),
    /** A put whose stream fails keeps what it read. */
    KEEPS_PARTIAL_PUT("aBlobWhoseStreamFailsIsNotStored"),
    /** Puts only one blob at a time and fails the others. */
    ONE_PUT_AT_A_TIME("severalPutBlobAtOnceAllLand"),
    /** A source serves blobs unchecked. */
    UNVERIFIED_SOURCE(
        "aSourceRefusesABlobCorruptedInStore", "aSourceRefusesABlobOfAnotherSizeThanDescribed"),
    /** A source serves manifests by digest unchecked. */
    UNVERIFIED_MANIFEST_BY_DIGEST("aManifestReadByDigestIsCheckedAgainstIt"),
    /** An image's manifest put by digest also becomes the manifest of the reference. */
    INSTANCE_IS_TOP(
        "anIndexAndTheImageItPointsAtRoundTripByDigest",
        "closingAnUnfinishedDestinationLeavesNoImage"),
    /** The first blob put makes a manifest visible. */
    MANIFEST_BEFORE_PUT_MANIFEST(
        "noManifestIsVisibleBeforePutManifest",
        "anIndexAndTheImageItPointsAtRoundTripByDigest",
        "closingAnUnfinishedDestinationLeavesNoImage",
        "aManifestWhoseDigestDoesNotMatchItsBytesIsRefused"),
    /** Stores a manifest without checking its digest. */
    TRUSTS_MANIFEST_DIGEST("aManifestWhoseDigestDoesNotMatchItsBytesIsRefused"),
    /** Closing a destination replaces the image's manifest by another. */
    CLOSE_FORGETS(
        "closingAFinishedDestinationKeepsTheImage",
        "theManifestOfTheReferenceRoundTrips",
        "anIndexAndTheImageItPointsAtRoundTripByDigest",
        "closingAnUnfinishedDestinationLeavesNoImage",
        "aManifestWhoseDigestDoesNotMatchItsBytesIsRefused"),
    /** Closing twice throws. */
    SECOND_CLOSE_THROWS("closeNeverFailsTwiceIncluded"),
    /** Serves blobs with their last byte dropped. */
    TRUNCATES(
        "blobsRoundTripByteForByte",
        "aSourceRefusesABlobOfAnotherSizeThanDescribed",
        "aSourceRefusesABlobCorruptedInStore",
        "aBlobIsNotVisibleWhileItsPutRuns",
        "aBlobWhoseStreamFailsIsNotStored",
        "severalPutBlobAtOnceAllLand",
        "closingAFinishedDestinationKeepsTheImage",
        "theManifestOfTheReferenceRoundTrips"),
    /** Refuses empty blobs. */
    REFUSES_EMPTY_BLOBS("anEmptyBlobRoundTrips"),
    /** Describes its references without the transport name. */
    BAD_DESCRIBE("describeIsTheTransportNameAndTheReference");

    final Set<String> failing;

    Flaw(String... failing) {
      this.failing = new TreeSet<>(List.of(failing));
    }
  }

  /** The checks skipped for a transport that declares it holds no index. */
  private static final Set<String> INDEX_CHECKS =
      Set.of(
          "anIndexAndTheImageItPointsAtRoundTripByDigest",
          "aManifestReadByDigestIsCheckedAgainstIt");

  @Test
  void theMemoryTransportWithoutAFlawPassesEveryCheck() throws Exception {
    Outcome outcome = run(null, true);
    assertEquals(Set.of(), outcome.failed());
    assertEquals(Set.of(), outcome.skipped());
  }

  @Test
  void aTransportWithoutIndexesSkipsTheIndexChecksOnly() throws Exception {
    Outcome outcome = run(null, false);
    assertEquals(Set.of(), outcome.failed());
    assertEquals(INDEX_CHECKS, outcome.skipped());
  }

  /**
   * Without indexes, a flaw fails the same checks but the skipped ones; closing an unfinished
   * destination then puts no manifest by digest, so an instance made the top one cannot show.
   */
  @ParameterizedTest
  @EnumSource(Flaw.class)
  void eachFlawFailsTheSameChecksWithoutIndexes(Flaw flaw) throws Exception {
    Set<String> expected = new TreeSet<>(flaw.failing);
    expected.removeAll(INDEX_CHECKS);
    if (flaw == Flaw.INSTANCE_IS_TOP) {
      expected.remove("closingAnUnfinishedDestinationLeavesNoImage");
    }
    assertEquals(expected, run(flaw, false).failed());
  }

  @Test
  void everyCheckFailsForSomeFlaw() {
    Set<String> checks = new TreeSet<>();
    for (Method check : checks()) {
      if (check.isAnnotationPresent(Test.class) || check.isAnnotationPresent(ParameterizedTest.class)) {
        checks.add(check.getName());
      }
    }
    Set<String> covered = new TreeSet<>();
    for (Flaw flaw : Flaw.values()) {
      covered.addAll(flaw.failing);
    }
    assertEquals(checks, covered);
  }

  @ParameterizedTest
  @EnumSource(Flaw.class)
  void eachFlawFailsTheChecksForIt(Flaw flaw) throws Exception {
    assertEquals(flaw.failing, run(flaw, true).failed());
  }

  /** The contract's checks: the tests of the interfaces it implements, one per promise. */
  private static List<Method> checks() {
    List<Method> checks = new ArrayList<>();
    for (Method method : TransportContract.class.getMethods()) {
      if (method.isAnnotationPresent(Test.class)
          || method.isAnnotationPresent(ParameterizedTest.class)) {
        checks.add(method);
      }
    }
    return checks;
  }

  /** The names of the contract's checks that failed, and of those skipped. */
  private record Outcome(Set<String> failed, Set<String> skipped) {}

  /** Runs the contract's checks on the flawed transport, holding indexes or not. */
  private static Outcome run(Flaw flaw, boolean holdsIndexes) throws Exception {
    Set<String> failed = new TreeSet<>();
    Set<String> skipped = new TreeSet<>();
    for (Method check : checks()) {
      if (!check.isAnnotationPresent(Test.class)
          && !check.isAnnotationPresent(ParameterizedTest.class)) {
        continue;
      }
      List<Object> arguments = new ArrayList<>();
      Class<?>[] types = check.getParameterTypes();
      if (types.length == 0) {
        arguments.add(null);
      } else if (types[0] == boolean.class) {
        arguments.addAll(List.of(true, false));
      } else {
        arguments.addAll(List.of(999L, 1001L));
      }
      for (Object argument : arguments) {
        Flawed contract = new Flawed(flaw, holdsIndexes);
        try {
          if (argument == null) {
            check.invoke(contract);
          } else {
            check.invoke(contract, argument);
          }
        } catch (InvocationTargetException e) {
          if (e.getCause() instanceof TestAbortedException) {
            skipped.add(check.getName());
          } else {
            failed.add(check.getName());
          }
        }
      }
    }
    return new Outcome(failed, skipped);
  }

  private static final class Flawed extends TransportContract {
    private final MemoryTransport memory = new MemoryTransport();
    private final Transport transport;
    private final Flaw flaw;
    private final boolean holdsIndexes;
    private final AtomicInteger names = new AtomicInteger();

    Flawed(Flaw flaw, boolean holdsIndexes) {
      this.flaw = flaw;
      this.holdsIndexes = holdsIndexes;
      this.transport =
          new Transport() {
            @Override
            public String name() {
              return memory.name();
            }

            @Override
            public ImageReference parseReference(String reference) {
              return new Reference(this, memory.parseReference(reference));
            }
          };
    }

    boolean has(Flaw f) {
      return flaw == f;
    }

    @Override
    protected boolean holdsIndexes() {
      return holdsIndexes;
    }

    @Override
    protected ImageReference newReference() {
      return transport.parseReference("image-" + names.incrementAndGet());
    }

    @Override
    protected void tamper(ImageReference reference, Digest digest, byte[] bytes) {
      ((Reference) reference).memory.image().tamper(digest, bytes);
    }

    private final class Reference implements ImageReference {
      final Transport transport;
      final MemoryReference memory;

      Reference(Transport transport, MemoryReference memory) {
        this.transport = transport;
        this.memory = memory;
      }

      @Override
      public Transport transport() {
        return transport;
      }

      @Override
      public String stringWithinTransport() {
        return memory.stringWithinTransport();
      }

      @Override
      public String describe() {
        return has(Flaw.BAD_DESCRIBE) ? stringWithinTransport() : ImageReference.super.describe();
      }

      @Override
      public ImageSource newImageSource(ImageOptions options) throws ImageException {
        ImageSource source = memory.newImageSource(options);
        MemoryImage image = memory.image();
        return new ImageSource() {
          @Override
          public ImageReference reference() {
            return Reference.this;
          }

          @Override
          public RawManifest manifest() throws ImageException {
            return source.manifest();
          }

          @Override
          public RawManifest manifest(Digest digest) throws ImageException {
            if (has(Flaw.UNVERIFIED_MANIFEST_BY_DIGEST)) {
              return image.manifest(digest).orElseThrow(() -> new ImageException("none"));
            }
            return source.manifest(digest);
          }

          @Override
          public InputStream blob(Descriptor blob) throws ImageException {
            if (has(Flaw.UNVERIFIED_SOURCE)) {
              return new ByteArrayInputStream(image.blob(blob.digest()).orElseThrow(() -> new ImageException("none")));
            }
            if (has(Flaw.TRUNCATES)) {
              byte[] bytes = image.blob(blob.digest()).orElseThrow(() -> new ImageException("none"));
              return new ByteArrayInputStream(bytes, 0, Math.max(0, bytes.length - 1));
            }
            return source.blob(blob);
          }

          @Override
          public void close() {
            source.close();
          }
        };
      }

      @Override
      public ImageDestination newImageDestination(ImageOptions options) throws ImageException {
        ImageDestination destination = memory.newImageDestination(options);
        MemoryImage image = memory.image();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger closes = new AtomicInteger();
        Set<Digest> begun = java.util.concurrent.ConcurrentHashMap.newKeySet();
        return new ImageDestination() {
          @Override
          public ImageReference reference() {
            return Reference.this;
          }

          @Override
          public List<String> supportedManifestMediaTypes() {
            return destination.supportedManifestMediaTypes();
          }

          @Override
          public boolean hasBlob(Descriptor blob) throws ImageException {
            return (has(Flaw.VISIBLE_WHILE_PUT) && begun.contains(blob.digest()))
                || destination.hasBlob(blob);
          }

          @Override
          public void putBlob(Descriptor blob, InputStream content) throws ImageException {
            begun.add(blob.digest());
            if (has(Flaw.REFUSES_EMPTY_BLOBS) && blob.size() == 0) {
              throw new ImageException("empty");
            }
            if (has(Flaw.ONE_PUT_AT_A_TIME)) {
              try {
                if (inFlight.incrementAndGet() > 1) {
                  throw new ImageException("busy");
                }
                Thread.sleep(50);
              } catch (InterruptedException e) {
                throw new ImageException("interrupted");
              } finally {
                inFlight.decrementAndGet();
              }
            }
            if (has(Flaw.UNVERIFIED_PUT) || has(Flaw.KEEPS_PARTIAL_PUT)) {
              java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
              byte[] buffer = new byte[1024];
              try {
                for (int n; (n = content.read(buffer)) > 0; ) {
                  read.write(buffer, 0, n);
                }
              } catch (IOException e) {
                image.tamper(blob.digest(), read.toByteArray());
                throw new ImageException("read failed", e);
              }
              if (has(Flaw.UNVERIFIED_PUT)) {
                image.tamper(blob.digest(), read.toByteArray());
                return;
              }
              content = new ByteArrayInputStream(read.toByteArray());
            }
            destination.putBlob(blob, content);
            if (has(Flaw.MANIFEST_BEFORE_PUT_MANIFEST) && image.manifest().isEmpty()) {
              image.setManifest(new RawManifest(new byte[] {'{', '}'}, "application/json", Digest.sha256(new byte[] {'{', '}'})));
            }
          }

          @Override
          public void putManifest(RawManifest manifest, Digest instance) throws ImageException {
            if (!holdsIndexes) {
              throw new ImageException("holds no index");
            }
            if (has(Flaw.TRUSTS_MANIFEST_DIGEST)) {
              image.addManifest(manifest);
              return;
            }
            destination.putManifest(manifest, instance);
            if (has(Flaw.INSTANCE_IS_TOP)) {
              image.setManifest(manifest);
            }
          }

          @Override
          public void putManifest(RawManifest manifest) throws ImageException {
            if (has(Flaw.TRUSTS_MANIFEST_DIGEST)) {
              image.setManifest(manifest);
              return;
            }
            destination.putManifest(manifest);
          }

          @Override
          public void close() {
            if (closes.incrementAndGet() > 1 && has(Flaw.SECOND_CLOSE_THROWS)) {
              throw new IllegalStateException("closed already");
            }
            if (has(Flaw.CLOSE_FORGETS)) {
              image.setManifest(new RawManifest(new byte[] {'x'}, "application/x-gone", Digest.sha256(new byte[] {'x'})));
            }
            destination.close();
          }
        };
      }
    }
  }
}
