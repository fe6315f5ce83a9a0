package dev.spyglass.image;

import dev.spyglass.api.Digest;
import java.util.Objects;

/**
 * What an {@link ImageCopier} did: the digest and media type of the manifest written last (the one
 * the destination reference names), how many image manifests were written ({@code images}: one, or
 * a list's instances), and per distinct blob whether it was sent ({@code blobsCopied}, {@code
 * bytesCopied} in all), already there ({@code blobsSkipped}) or mounted ({@code blobsMounted}).
 */
public record CopyResult(
    Digest manifestDigest,
    String manifestMediaType,
    int images,
    int blobsCopied,
    int blobsSkipped,
    int blobsMounted,
    long bytesCopied) {

  public CopyResult {
    Objects.requireNonNull(manifestDigest, "manifestDigest");
    Objects.requireNonNull(manifestMediaType, "manifestMediaType");
  }
}
