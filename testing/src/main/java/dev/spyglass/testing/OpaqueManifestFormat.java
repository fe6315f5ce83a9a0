package dev.spyglass.testing;

import dev.spyglass.api.Digest;
import dev.spyglass.api.Manifest;
import dev.spyglass.api.ManifestFormat;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Manifest formats that take the bytes as they are, for tests of transports (which move manifests
 * and never look inside): {@link #plain()} claims the Docker schema2, manifest-list and OCI types,
 * parses any bytes into a manifest that only knows its media type, and recognises bytes by their
 * {@code "mediaType":"..."} field; {@link #signed()} stands for signed schema1, whose digest covers
 * the payload before {@link #SIGNATURE_MARK} only, as a JWS digest does. Stateless, thread safe.
 */
public final class OpaqueManifestFormat implements ManifestFormat {
  /** Ends the payload of a {@link #signed()} test manifest; what follows is its "signature". */
  public static final String SIGNATURE_MARK = "\n#signature:";

  private static final Pattern MEDIA_TYPE = Pattern.compile("\"mediaType\"\\s*:\\s*\"([^\"]+)\"");

  private final boolean signed;

  private OpaqueManifestFormat(boolean signed) {
    this.signed = signed;
  }

  /** The schema2, manifest-list, OCI manifest and OCI index types. */
  public static OpaqueManifestFormat plain() {
    return new OpaqueManifestFormat(false);
  }

  /** Signed schema1 stand-in. */
  public static OpaqueManifestFormat signed() {
    return new OpaqueManifestFormat(true);
  }

  /** {@link #plain()} then {@link #signed()}. */
  public static ManifestFormats all() {
    return ManifestFormats.of(List.of(plain(), signed()));
  }

  /** A manifest of {@code mediaType} whose bytes say so, made distinct by {@code extra}. */
  public static byte[] manifest(String mediaType, String extra) {
    return ("{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",\"extra\":\"" + extra + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A signed test manifest: {@code payload}, the mark, then {@code signature}. */
  public static byte[] signed(String payload, String signature) {
    return (payload + SIGNATURE_MARK + signature).getBytes(StandardCharsets.UTF_8);
  }

  /** The bytes a {@link #signed()} manifest's digest covers. */
  public static byte[] payload(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    int mark = text.indexOf(SIGNATURE_MARK);
    return mark < 0
        ? bytes
        : Arrays.copyOf(bytes, text.substring(0, mark).getBytes(StandardCharsets.UTF_8).length);
  }

  @Override
  public Set<String> mediaTypes() {
    return signed
        ? Set.of(MediaType.DOCKER_SCHEMA1_SIGNED)
        : new LinkedHashSet<>(
            List.of(
                MediaType.DOCKER_SCHEMA2,
                MediaType.DOCKER_MANIFEST_LIST,
                MediaType.OCI_MANIFEST,
                MediaType.OCI_INDEX));
  }

  @Override
  public Manifest parse(byte[] bytes, String mediaType) {
    return () -> mediaType;
  }

  @Override
  public Digest digest(byte[] bytes, String mediaType) {
    return Digest.sha256(signed ? payload(bytes) : bytes);
  }

  @Override
  public Optional<String> guessMediaType(byte[] bytes) {
    if (signed) {
      return Optional.empty();
    }
    Matcher m = MEDIA_TYPE.matcher(new String(bytes, StandardCharsets.UTF_8));
    return m.find() && mediaTypes().contains(m.group(1))
        ? Optional.of(m.group(1))
        : Optional.empty();
  }
}
