package dev.spyglass.manifest.schema1.internal;

import dev.spyglass.api.ConvertedImage;
import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.Quote;
import dev.spyglass.api.RawManifest;
import dev.spyglass.gojson.GoJson;
import dev.spyglass.manifest.schema1.HistoryEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Converts a schema1 image whose layers are copied into Docker schema2 or OCI, as containers/image's
 * {@code convertToManifestSchema2} (and, for OCI, its schema2-to-OCI step) does: the config built
 * from the history with the layers' diff ids, {@code throwaway} entries' layers left out of the
 * manifest (their history items marked {@code empty_layer}), the manifest written by Go's {@code
 * json.Marshal}.
 */
public final class Conversion {
  private Conversion() {}

  /**
   * Converts; {@code history} in manifest order (newest first), {@code copiedLayers} and {@code
   * diffIds} base first, one per history entry.
   *
   * @throws InvalidManifestException rule {@code unsupported-conversion} for another target type
   *     or a config that cannot be converted; {@code bad-config} for a history Go cannot decode
   */
  public static ConvertedImage convert(
      List<HistoryEntry> history,
      String mediaType,
      List<Descriptor> copiedLayers,
      List<Digest> diffIds)
      throws InvalidManifestException {
    int n = history.size();
    if (copiedLayers.size() != n || diffIds.size() != n) {
      throw new IllegalArgumentException(
          "schema1 image has "
              + n
              + " layers but "
              + copiedLayers.size()
              + " copied layers and "
              + diffIds.size()
              + " diff ids were given");
    }
    boolean oci = MediaType.normalize(mediaType).equals(MediaType.OCI_MANIFEST);
    if (!oci && !MediaType.normalize(mediaType).equals(MediaType.DOCKER_SCHEMA2)) {
      throw new InvalidManifestException(
          InvalidManifestException.UNSUPPORTED_CONVERSION,
          "converting a Docker schema1 manifest to "
              + Quote.of(mediaType)
              + " is not supported; it converts to "
              + MediaType.DOCKER_SCHEMA2
              + " and "
              + MediaType.OCI_MANIFEST);
    }
    byte[] config =
        (oci ? OciConfig.ociBlob(history, diffIds) : OciConfig.dockerBlob(history, diffIds))
            .getBytes(StandardCharsets.UTF_8);
    Descriptor configDescriptor =
        Descriptor.of(
            oci ? MediaType.OCI_CONFIG : MediaType.DOCKER_CONFIG,
            Digest.sha256(config),
            config.length);
    StringBuilder out = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":");
    GoJson.appendQuoted(out, oci ? MediaType.OCI_MANIFEST : MediaType.DOCKER_SCHEMA2);
    out.append(",\"config\":");
    descriptor(out, configDescriptor, oci);
    out.append(",\"layers\":[");
    boolean first = true;
    for (int v2 = 0; v2 < n; v2++) {
      int v1 = n - 1 - v2;
      FieldReader decoder = new FieldReader("bad-config", v1, "history[" + v1 + "].v1Compatibility");
      if (decoder.bool(V1Image.parse(history.get(v1), v1), "throwaway")) {
        continue;
      }
      Descriptor layer = copiedLayers.get(v2);
      if (layer.size() < 0) {
        throw new IllegalArgumentException(
            "copied layer \"" + layer.digest() + "\" has no size; a converted manifest needs it");
      }
      if (!first) {
        out.append(',');
      }
      first = false;
      descriptor(
          out,
          Descriptor.of(
              oci ? MediaType.OCI_LAYER_GZIP : MediaType.DOCKER_LAYER_GZIP,
              layer.digest(),
              layer.size()),
          oci);
    }
    out.append("]}");
    byte[] manifest = out.toString().getBytes(StandardCharsets.UTF_8);
    return new ConvertedImage(
        new RawManifest(
            manifest, oci ? MediaType.OCI_MANIFEST : MediaType.DOCKER_SCHEMA2, Digest.sha256(manifest)),
        configDescriptor,
        config);
  }

  /** A descriptor in the field order of image-spec's (OCI) or docker/distribution's (schema2). */
  private static void descriptor(StringBuilder out, Descriptor d, boolean oci) {
    out.append("{\"mediaType\":");
    GoJson.appendQuoted(out, d.mediaType());
    if (oci) {
      out.append(",\"digest\":\"").append(d.digest()).append("\",\"size\":").append(d.size());
    } else {
      out.append(",\"size\":").append(d.size()).append(",\"digest\":\"").append(d.digest());
      out.append('"');
    }
    out.append('}');
  }
}
