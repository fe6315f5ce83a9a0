package dev.spyglass.transport.docker;

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

/** Manifest formats for tests, so that this module depends on no manifest module. */
final class TestFormats {
  /** Ends the payload of a {@link #SIGNED} test manifest; what follows is its "signature". */
  static final String SIGNATURE_MARK = "\n#signature:";

  private TestFormats() {}

  /** Plain JSON formats for the schema2/OCI/list types, and a signed one for schema1. */
  static ManifestFormats all() {
    return ManifestFormats.of(List.of(new PlainFormat(), new SignedFormat()));
  }

  /** A manifest of {@code mediaType} whose bytes say so. */
  static byte[] manifest(String mediaType, String extra) {
    return ("{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",\"extra\":\"" + extra + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A signed test manifest: payload, then a signature that changes on every call. */
  static byte[] signed(String payload, String signature) {
    return (payload + SIGNATURE_MARK + signature).getBytes(StandardCharsets.UTF_8);
  }

  /** Parses the media types of schema2, OCI and lists; recognises them by their mediaType field. */
  static final class PlainFormat implements ManifestFormat {
    private static final Pattern MEDIA_TYPE = Pattern.compile("\"mediaType\":\"([^\"]+)\"");

    @Override
    public Set<String> mediaTypes() {
      return new LinkedHashSet<>(
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
    public Optional<String> guessMediaType(byte[] bytes) {
      Matcher m = MEDIA_TYPE.matcher(new String(bytes, StandardCharsets.UTF_8));
      return m.find() && mediaTypes().contains(m.group(1))
          ? Optional.of(m.group(1))
          : Optional.empty();
    }
  }

  /** Signed schema1 stand-in: the digest covers the payload only, as for a JWS. */
  static final class SignedFormat implements ManifestFormat {
    @Override
    public Set<String> mediaTypes() {
      return Set.of(MediaType.DOCKER_SCHEMA1_SIGNED);
    }

    @Override
    public Manifest parse(byte[] bytes, String mediaType) {
      return () -> mediaType;
    }

    @Override
    public Digest digest(byte[] bytes, String mediaType) {
      return Digest.sha256(payload(bytes));
    }

    static byte[] payload(byte[] bytes) {
      String text = new String(bytes, StandardCharsets.UTF_8);
      int mark = text.indexOf(SIGNATURE_MARK);
      return mark < 0
          ? bytes
          : Arrays.copyOf(bytes, text.substring(0, mark).getBytes(StandardCharsets.UTF_8).length);
    }
  }
}
