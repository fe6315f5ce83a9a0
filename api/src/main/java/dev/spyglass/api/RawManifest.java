package dev.spyglass.api;

import java.util.Objects;

/**
 * A manifest as served: its exact bytes, the media type it was served as, and its canonical digest
 * (for signed schema1, the digest of the JWS payload; otherwise of the bytes).
 *
 * <p>Transports build it only after checking the digest against the one the image was named by, when
 * it was named by digest. {@link #bytes()} returns a copy.
 */
public record RawManifest(byte[] bytes, String mediaType, Digest digest) {

  public RawManifest {
    bytes = bytes.clone();
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(digest, "digest");
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The byte count, without copying. */
  public int size() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawManifest other
        && java.util.Arrays.equals(bytes, other.bytes)
        && mediaType.equals(other.mediaType)
        && digest.equals(other.digest);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(bytes) * 31 + digest.hashCode();
  }

  @Override
  public String toString() {
    return "RawManifest[" + mediaType + ", " + digest + ", " + bytes.length + " bytes]";
  }
}
