package dev.spyglass.transport.docker.internal;

import dev.spyglass.api.BoundedInput;
import dev.spyglass.api.Digest;
import dev.spyglass.api.DigestMismatchException;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.Quote;
import dev.spyglass.api.RawManifest;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * Turns a manifest response into a verified {@link RawManifest}: bounded to {@link
 * BoundedInput#MAX_MANIFEST_BYTES} (refused by {@code Content-Length} before reading), media type
 * from {@code Content-Type} (guessed from the bytes when that is generic), canonical digest from
 * the formats, checked against the digest asked for or the registry's {@code
 * Docker-Content-Digest}.
 */
public final class ManifestReader {
  private static final Set<String> GENERIC_TYPES =
      Set.of(
          "", "application/octet-stream", "binary/octet-stream", "text/plain", "application/json");
  private static final String UNKNOWN_TYPE = "application/octet-stream";

  private final ManifestFormats formats;
  private final @Nullable String accept;

  public ManifestReader(ManifestFormats formats) {
    this.formats = formats;
    this.accept = formats.mediaTypes().isEmpty() ? null : String.join(", ", formats.mediaTypes());
  }

  /** The {@code Accept} header value: every media type some format parses, or null for none. */
  public @Nullable String accept() {
    return accept;
  }

  /**
   * Reads and closes {@code response}.
   *
   * @param expected the digest the manifest was asked for by, or null when asked for by tag
   * @param what the manifest in messages, e.g. {@code manifest "localhost:5000/app:1.0"}
   */
  public RawManifest read(
      RegistryResponse<ResponseBody> response, @Nullable Digest expected, String what, String host)
      throws ImageException {
    byte[] bytes = body(response, what, host);
    Headers headers = response.headers();
    String mediaType = mediaType(headers.get("Content-Type"), bytes);
    Digest digest = formats.digest(bytes, mediaType);
    if (expected != null) {
      return new RawManifest(bytes, mediaType, check(what, expected, digest, bytes));
    }
    String header = headers.get("Docker-Content-Digest");
    if (header != null) {
      Digest announced;
      try {
        announced = Digest.parse(header.trim());
      } catch (IllegalArgumentException e) {
        throw new ImageException(
            "registry \""
                + host
                + "\" sent "
                + what
                + " with an invalid Docker-Content-Digest "
                + Quote.of(header));
      }
      check(what + " (per its Docker-Content-Digest)", announced, digest, bytes);
    }
    return new RawManifest(bytes, mediaType, digest);
  }

  /**
   * The digest a {@code HEAD} of a manifest reports in {@code Docker-Content-Digest}; empty when
   * the header is missing or the manifest is Docker schema1 (signed afresh on every read, so its
   * digest cannot be compared), per {@code Content-Type}.
   *
   * @param what the manifest in messages
   * @throws ImageException when the header is not a digest
   */
  public static Optional<Digest> headDigest(Headers headers, String what, String host)
      throws ImageException {
    String type = MediaType.normalize(Optional.ofNullable(headers.get("Content-Type")).orElse(""));
    if (type.equals(MediaType.DOCKER_SCHEMA1) || type.equals(MediaType.DOCKER_SCHEMA1_SIGNED)) {
      return Optional.empty();
    }
    String header = headers.get("Docker-Content-Digest");
    if (header == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Digest.parse(header.trim()));
    } catch (IllegalArgumentException e) {
      throw new ImageException(
          "registry \""
              + host
              + "\" answered HEAD of "
              + what
              + " with an invalid Docker-Content-Digest "
              + Quote.of(header));
    }
  }

  private static byte[] body(RegistryResponse<ResponseBody> response, String what, String host)
      throws ImageException {
    try (ResponseBody body = response.body()) {
      if (body == null) {
        return new byte[0];
      }
      long declared = body.contentLength();
      if (declared > BoundedInput.MAX_MANIFEST_BYTES) {
        throw new InvalidManifestException(
            InvalidManifestException.TOO_LARGE,
            what
                + " is "
                + declared
                + " bytes, more than the limit of "
                + BoundedInput.MAX_MANIFEST_BYTES
                + " bytes");
      }
      return BoundedInput.readAtMost(body.byteStream(), BoundedInput.MAX_MANIFEST_BYTES, what);
    } catch (IOException e) {
      throw ConnectionFailures.whileReading(host, "GET " + what, e);
    }
  }

  private String mediaType(@Nullable String contentType, byte[] bytes) {
    String normalized = contentType == null ? "" : MediaType.normalize(contentType);
    if (!GENERIC_TYPES.contains(normalized)) {
      return normalized;
    }
    return formats.guessMediaType(bytes).orElse(normalized.isEmpty() ? UNKNOWN_TYPE : normalized);
  }

  /**
   * Checks the canonical digest against {@code expected}; when they use different algorithms the
   * bytes are hashed with the expected one. Returns the digest the manifest is known by.
   */
  private static Digest check(String what, Digest expected, Digest canonical, byte[] bytes)
      throws DigestMismatchException {
    Digest actual =
        expected.algorithm().equals(canonical.algorithm()) ? canonical : expected.recompute(bytes);
    if (!actual.equals(expected)) {
      throw new DigestMismatchException(what, expected, actual);
    }
    return expected;
  }
}
