package dev.spyglass.testing;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.DigestVerifyingInputStream;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.RawManifest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Writes into a {@link MemoryImage} as the api asks of a destination: a blob is verified against
 * its descriptor and becomes visible only then, a manifest only once checked against its digest
 * (with the options' formats). Records each call on the image and takes its injected failures and
 * delays. Thread safe; closing counts and never fails.
 */
public final class MemoryImageDestination implements ImageDestination {
  private final MemoryReference reference;
  private final MemoryImage image;
  private final ImageOptions options;

  MemoryImageDestination(MemoryReference reference, MemoryImage image, ImageOptions options) {
    this.reference = reference;
    this.image = image;
    this.options = options;
  }

  @Override
  public MemoryReference reference() {
    return reference;
  }

  /** What {@link MemoryImage#accept} set; empty (any) by default. */
  @Override
  public List<String> supportedManifestMediaTypes() {
    return image.accepted();
  }

  /** Whether the blob is stored, with the descriptor's size when it gives one. */
  @Override
  public boolean hasBlob(Descriptor blob) {
    byte[] bytes = image.storedBlob(blob.digest());
    return bytes != null && (blob.size() < 0 || bytes.length == blob.size());
  }

  /** True when the image was told the blob is {@link MemoryImage#mountable}. */
  @Override
  public boolean mountBlob(Descriptor blob, ImageReference from) {
    return image.mount(blob.digest(), from);
  }

  @Override
  public void putBlob(Descriptor blob, InputStream content) throws ImageException {
    image.putAttempts.incrementAndGet();
    int now = image.inFlight.incrementAndGet();
    image.maxInFlight.accumulateAndGet(now, Math::max);
    try {
      ImageException failure = image.nextPutFailure();
      if (failure != null) {
        throw failure;
      }
      Thread.sleep(image.putDelay().toMillis());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      DigestVerifyingInputStream.of(content, blob).transferTo(out);
      image.stored(blob.digest(), out.toByteArray());
    } catch (ImageException e) {
      throw e;
    } catch (IOException e) {
      throw new ImageException(
          "putting blob \"" + blob.digest() + "\" into \"" + reference.describe() + "\" failed: "
              + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageException("putting blob \"" + blob.digest() + "\" was interrupted", e);
    } finally {
      image.inFlight.decrementAndGet();
    }
  }

  @Override
  public void putManifest(RawManifest manifest, Digest instance) throws ImageException {
    check(manifest, instance);
    image.storedInstance(manifest);
  }

  @Override
  public void putManifest(RawManifest manifest) throws ImageException {
    check(manifest, manifest.digest());
    image.storedTop(manifest);
  }

  private void check(RawManifest manifest, Digest expected) throws ImageException {
    Digest actual = options.formats().digest(manifest.bytes(), manifest.mediaType());
    if (!actual.equals(expected) || !manifest.digest().equals(expected)) {
      throw new DigestMismatchException(
          "manifest for \"" + reference.describe() + "\"", expected, actual);
    }
  }

  @Override
  public void close() {
    image.closes.incrementAndGet();
  }

  @Override
  public String toString() {
    return "MemoryImageDestination[" + reference.describe() + "]";
  }
}
