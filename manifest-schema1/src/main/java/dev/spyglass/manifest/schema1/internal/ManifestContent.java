package dev.spyglass.manifest.schema1.internal;

import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.gojson.GoValue;
import java.lang.System.Logger.Level;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the JSON a schema1 manifest's fields are read from.
 *
 * <ul>
 *   <li>Unsigned: the whole document.
 *   <li>Signed, with a payload that is a JSON object: the payload, never the bytes around it, so
 *       that members added after the signed range (moby's {@code extra_data_manifest}) are ignored
 *       and the fields are the ones the canonical digest covers.
 *   <li>Signed, with a payload that is not JSON (a manifest edited after signing; containers/image
 *       reads such files whole and never looks at the payload): the whole document, with a warning,
 *       since its fields are then not covered by the digest.
 *   <li>Signed, with a broken envelope: the whole document, so that content rules are reported
 *       first; {@link #requireIntactEnvelope()} then reports the envelope.
 * </ul>
 */
public final class ManifestContent {
  private static final System.Logger LOG = System.getLogger(ManifestContent.class.getName());

  private final GoValue.Obj document;
  private final boolean signed;
  private final @Nullable InvalidManifestException envelopeError;

  private ManifestContent(
      GoValue.Obj document, boolean signed, @Nullable InvalidManifestException envelopeError) {
    this.document = document;
    this.signed = signed;
    this.envelopeError = envelopeError;
  }

  /**
   * Reads {@code bytes}.
   *
   * @throws InvalidManifestException rule {@code bad-json} when they are not a JSON object
   */
  public static ManifestContent read(byte[] bytes) throws InvalidManifestException {
    GoValue.Obj outer = object(bytes);
    Optional<JwsPayload> payload;
    try {
      payload = JwsPayload.read(bytes, outer);
    } catch (InvalidManifestException e) {
      return new ManifestContent(outer, true, e);
    }
    if (payload.isEmpty()) {
      return new ManifestContent(outer, false, null);
    }
    Optional<GoValue.Obj> signedObject = JsonDocuments.tryObject(payload.get().bytes());
    if (signedObject.isEmpty()) {
      LOG.log(
          Level.WARNING,
          "schema1 manifest with payload digest {0}: the signed payload is not JSON (the manifest"
              + " was edited after signing); reading the whole document, whose fields the digest"
              + " does not cover",
          payload.get().digest());
    }
    return new ManifestContent(signedObject.orElse(outer), true, null);
  }

  /** The object to read the manifest's fields from. */
  public GoValue.Obj document() {
    return document;
  }

  /** Whether the manifest carries a {@code signatures} member. */
  public boolean signed() {
    return signed;
  }

  /** Throws the envelope's failure, if it has one. */
  public void requireIntactEnvelope() throws InvalidManifestException {
    if (envelopeError != null) {
      throw envelopeError;
    }
  }

  private static GoValue.Obj object(byte[] bytes) throws InvalidManifestException {
    GoValue element;
    try {
      element = JsonDocuments.parse(bytes);
    } catch (JsonDocuments.MalformedJson e) {
      throw new InvalidManifestException("bad-json", "manifest " + e.getMessage());
    }
    if (!(element instanceof GoValue.Obj object)) {
      throw new InvalidManifestException("bad-json", "manifest is not a JSON object");
    }
    return object;
  }
}
