package dev.spyglass.example.blobdir;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.DigestVerifyingInputStream;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.RawManifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads the image of a {@code blobdir:} directory; every read is verified. Thread safe. */
final class BlobDirImageSource implements ImageSource {
  private static final int MAX_MANIFEST = 4 << 20;

  private final BlobDirReference reference;

  private BlobDirImageSource(BlobDirReference reference) {
    this.reference = reference;
  }

  static BlobDirImageSource open(BlobDirReference reference) throws ImageException {
    if (!Files.isDirectory(reference.path())) {
      throw new NotFoundException("image", reference.describe(), "no such directory");
    }
    return new BlobDirImageSource(reference);
  }

  @Override
  public BlobDirReference reference() {
    return reference;
  }

  @Override
  public RawManifest manifest() throws ImageException {
    List<String> image;
    try {
      image = Files.readAllLines(reference.path().resolve(BlobDirReference.IMAGE), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new NotFoundException("image", reference.describe(), "the directory holds no image");
    } catch (IOException e) {
      throw new ImageException("reading \"" + reference.describe() + "\" failed: " + e.getMessage(), e);
    }
    if (image.size() != 2 || !Digest.isValid(image.get(1))) {
      throw new ImageException("\"" + reference.path().resolve(BlobDirReference.IMAGE) + "\" is damaged");
    }
    Digest digest = Digest.parse(image.get(1));
    return new RawManifest(read(digest), image.get(0), digest);
  }

  @Override
  public RawManifest manifest(Digest digest) throws ImageException {
    byte[] bytes = read(digest);
    String mediaType;
    try {
      mediaType = Files.readString(reference.mediaType(digest), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new NotFoundException("manifest", reference.describe() + "@" + digest, "no media type stored");
    }
    return new RawManifest(bytes, mediaType, digest);
  }

  @Override
  public InputStream blob(Descriptor blob) throws ImageException {
    try {
      return DigestVerifyingInputStream.of(Files.newInputStream(reference.blob(blob.digest())), blob);
    } catch (NoSuchFileException e) {
      throw new NotFoundException("blob", reference.describe() + "@" + blob.digest(), "");
    } catch (IOException e) {
      throw new ImageException("reading blob \"" + blob.digest() + "\" failed: " + e.getMessage(), e);
    }
  }

  /** A directory lists no tags. */
  @Override
  public List<String> tags() {
    return List.of();
  }

  @Override
  public void close() {}

  /** A manifest stored by digest, bounded and checked against the digest. */
  private byte[] read(Digest digest) throws ImageException {
    Path file = reference.blob(digest);
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_MANIFEST + 1);
    } catch (NoSuchFileException e) {
      throw new NotFoundException("manifest", reference.describe() + "@" + digest, "");
    } catch (IOException e) {
      throw new ImageException("reading manifest \"" + digest + "\" failed: " + e.getMessage(), e);
    }
    if (bytes.length > MAX_MANIFEST) {
      throw new ImageException("manifest \"" + digest + "\" is larger than 4 MiB");
    }
    Digest actual = digest.recompute(bytes);
    if (!actual.equals(digest)) {
      throw new DigestMismatchException("manifest \"" + reference.describe() + "@" + digest + "\"", digest, actual);
    }
    return bytes;
  }
}
