package dev.spyglass.cli.sync;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestVerifyingInputStream;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageReference;
import dev.spyglass.api.RawManifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes the images of one sync that go to the same registry repository send each blob once: an
 * upload or mount of a blob waits for one of the same blob into the same repository in flight, and
 * is not repeated once it succeeded. Besides saving the bytes, this keeps a real registry
 * (distribution 2.8) from failing a manifest with {@code DIGEST_INVALID} while another upload of
 * one of its blobs rewrites the blob's link file in that repository, which tags of one repository
 * copied at once otherwise hit. Thread safe.
 */
final class SharedUploads {
  private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
  private final Set<String> stored = ConcurrentHashMap.newKeySet();

  /** {@code destination}, writing to {@code repository}, with its blob uploads shared. */
  ImageDestination wrap(String repository, ImageDestination destination) {
    return new Shared(repository, destination);
  }

  private final class Shared implements ImageDestination {
    private final String repository;
    private final ImageDestination delegate;

    Shared(String repository, ImageDestination delegate) {
      this.repository = repository;
      this.delegate = delegate;
    }

    private String key(Descriptor blob) {
      return repository + "@" + blob.digest();
    }

    @Override
    public ImageReference reference() {
      return delegate.reference();
    }

    @Override
    public List<String> supportedManifestMediaTypes() {
      return delegate.supportedManifestMediaTypes();
    }

    @Override
    public Optional<Digest> manifestDigest() throws ImageException {
      return delegate.manifestDigest();
    }

    /** Waits for an upload of the blob to the repository in flight, then asks. */
    @Override
    public boolean hasBlob(Descriptor blob) throws ImageException {
      String key = key(blob);
      ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
      lock.lock();
      try {
        return stored.contains(key) || delegate.hasBlob(blob);
      } finally {
        lock.unlock();
      }
    }

    @Override
    public boolean mountBlob(Descriptor blob, ImageReference from) throws ImageException {
      String key = key(blob);
      ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
      lock.lock();
      try {
        if (stored.contains(key)) {
          return true;
        }
        boolean mounted = delegate.mountBlob(blob, from);
        if (mounted) {
          stored.add(key);
        }
        return mounted;
      } finally {
        lock.unlock();
      }
    }

    /**
     * Sends the blob unless another image of the sync stored it meanwhile; then the content is only
     * read to its end (which checks it), as the contract asks.
     */
    @Override
    public void putBlob(Descriptor blob, InputStream content) throws ImageException {
      String key = key(blob);
      ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
      lock.lock();
      try {
        if (stored.contains(key)) {
          drain(blob, content);
          return;
        }
        delegate.putBlob(blob, content);
        stored.add(key);
      } finally {
        lock.unlock();
      }
    }

    private void drain(Descriptor blob, InputStream content) throws ImageException {
      try {
        DigestVerifyingInputStream.of(content, blob).transferTo(OutputStream.nullOutputStream());
      } catch (ImageException e) {
        throw e;
      } catch (IOException e) {
        throw new ImageException(
            "reading blob \"" + blob.digest() + "\" failed: " + e.getMessage(), e);
      }
    }

    @Override
    public void putManifest(RawManifest manifest, Digest instance) throws ImageException {
      delegate.putManifest(manifest, instance);
    }

    @Override
    public void putManifest(RawManifest manifest) throws ImageException {
      delegate.putManifest(manifest);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
