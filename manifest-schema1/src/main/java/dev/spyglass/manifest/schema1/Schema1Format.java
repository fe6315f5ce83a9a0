package dev.spyglass.manifest.schema1;

import dev.spyglass.api.Digest;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.ManifestFormat;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.Quote;
import dev.spyglass.gojson.GoValue;
import dev.spyglass.manifest.schema1.internal.FieldReader;
import dev.spyglass.manifest.schema1.internal.JsonDocuments;
import dev.spyglass.manifest.schema1.internal.JwsPayload;
import dev.spyglass.manifest.schema1.internal.LayerChain;
import dev.spyglass.manifest.schema1.internal.ManifestContent;
import dev.spyglass.manifest.schema1.internal.ManifestFields;

import java.util.Optional;
import java.util.Set;

/**
 * The Docker schema1 manifest format ({@value MediaType#DOCKER_SCHEMA1} and {@value
 * MediaType#DOCKER_SCHEMA1_SIGNED}). Stateless and thread safe; found by {@link
 * java.util.ServiceLoader}.
 *
 * <p>Whether a manifest is signed is decided by its bytes, not by the media type it came with: a
 * JSON object with a {@code signatures} member is a libtrust pretty JWS.
 */
public final class Schema1Format implements ManifestFormat {
  private static final Set<String> MEDIA_TYPES =
      Set.of(MediaType.DOCKER_SCHEMA1, MediaType.DOCKER_SCHEMA1_SIGNED);

  public Schema1Format() {}

  @Override
  public Set<String> mediaTypes() {
    return MEDIA_TYPES;
  }

  /**
   * Parses and validates a schema1 manifest and fixes up its layer chain (see {@link
   * Schema1Manifest}).
   *
   * <p>A signed manifest's fields are read from its JWS payload, the bytes its digest covers, so
   * that nothing outside the signed range is believed. Rules, checked in this order: {@code
   * bad-json} (not JSON, or a member of the wrong type), {@code unsupported-version} ({@code
   * schemaVersion} is not 1), {@code length-mismatch}, {@code empty}, {@code invalid-digest},
   * {@code bad-json} (a {@code v1Compatibility} that is not a JSON object), {@code invalid-id},
   * {@code base-has-parent}, {@code duplicate-id}, {@code parent-mismatch}, and last the envelope
   * of a signed manifest ({@code jws-envelope}, {@code jws-format-length}, {@code jws-conflict}).
   * Signatures themselves are not verified here: see {@link Schema1Signatures}.
   *
   * @throws InvalidManifestException naming the rule, the entry index and the offending values
   */
  @Override
  public Schema1Manifest parse(byte[] bytes, String mediaType) throws InvalidManifestException {
    String type = MediaType.normalize(mediaType);
    if (!MEDIA_TYPES.contains(type)) {
      throw new InvalidManifestException(
          InvalidManifestException.UNSUPPORTED_MEDIA_TYPE,
          "media type " + Quote.of(mediaType) + " is not a Docker schema1 manifest type");
    }
    ManifestContent content = ManifestContent.read(bytes);
    ManifestFields fields = ManifestFields.read(content.document());
    if (fields.schemaVersion() != 1) {
      throw new InvalidManifestException(
          "unsupported-version",
          "manifest schemaVersion " + fields.schemaVersion() + " is not 1, so it is not schema1");
    }
    LayerChain chain = LayerChain.fixUp(fields.blobSums(), fields.v1Compatibility());
    content.requireIntactEnvelope();
    return new Schema1Manifest(
        type,
        fields.name(),
        fields.tag(),
        fields.architecture(),
        chain.blobSums(),
        chain.history(),
        content.signed());
  }

  /**
   * The canonical digest: for a JSON object with a {@code signatures} member, the SHA-256 of its
   * JWS payload (what the registry reports and images are pulled by); otherwise the SHA-256 of the
   * bytes.
   *
   * @throws InvalidManifestException rule {@code jws-envelope}, {@code jws-format-length} or {@code
   *     jws-conflict} when the signature envelope is broken
   */
  @Override
  public Digest digest(byte[] bytes, String mediaType) throws InvalidManifestException {
    Optional<GoValue.Obj> document = JsonDocuments.tryObject(bytes);
    if (document.isEmpty()) {
      return Digest.sha256(bytes);
    }
    return JwsPayload.read(bytes, document.get())
        .map(JwsPayload::digest)
        .orElseGet(() -> Digest.sha256(bytes));
  }

  /**
   * Recognises schema1 as containers/image does: a JSON object with {@code "schemaVersion": 1} and
   * no other format's {@code mediaType}; signed ({@code +prettyjws}) when it has non-null {@code
   * signatures}.
   */
  @Override
  public Optional<String> guessMediaType(byte[] bytes) {
    Optional<GoValue.Obj> document = JsonDocuments.tryObject(bytes);
    if (document.isEmpty()) {
      return Optional.empty();
    }
    Optional<GoValue> version = FieldReader.member(document.get(), "schemaVersion");
    Optional<String> declared =
        FieldReader.member(document.get(), "mediaType").flatMap(FieldReader::primitiveText);
    boolean schemaVersion1 =
        version.orElse(GoValue.NULL) instanceof GoValue.Num number && number.literal().equals("1");
    boolean otherType =
        declared.isPresent() && !declared.get().isEmpty() && !MEDIA_TYPES.contains(declared.get());
    if (!schemaVersion1 || otherType) {
      return Optional.empty();
    }
    GoValue signatures = document.get().get("signatures").orElse(GoValue.NULL);
    return Optional.of(
        signatures instanceof GoValue.Null
            ? MediaType.DOCKER_SCHEMA1
            : MediaType.DOCKER_SCHEMA1_SIGNED);
  }
}
