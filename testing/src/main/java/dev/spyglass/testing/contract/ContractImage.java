package dev.spyglass.testing.contract;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.RawManifest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** An image the contract writes: a config and a layer blob, and the OCI manifest naming them. */
final class ContractImage {
  final byte[] config;
  final byte[] layer;

  ContractImage(int sequence, byte[] layer) {
    this.config =
        ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"n\":" + sequence + "}")
            .getBytes(StandardCharsets.UTF_8);
    this.layer = layer;
  }

  Descriptor configDescriptor() {
    return Descriptor.of(MediaType.OCI_CONFIG, Digest.sha256(config), config.length);
  }

  Descriptor layerDescriptor() {
    return Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(layer), layer.length);
  }

  void putBlobs(ImageDestination destination) throws ImageException {
    destination.putBlob(configDescriptor(), new ByteArrayInputStream(config));
    destination.putBlob(layerDescriptor(), new ByteArrayInputStream(layer));
  }

  RawManifest manifest() {
    String json =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + MediaType.OCI_MANIFEST
            + "\",\"config\":"
            + json(configDescriptor())
            + ",\"layers\":["
            + json(layerDescriptor())
            + "]}";
    return raw(MediaType.OCI_MANIFEST, json);
  }

  /** An OCI index pointing at {@code image} for linux/amd64. */
  static RawManifest index(RawManifest image) {
    String json =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + MediaType.OCI_INDEX
            + "\",\"manifests\":[{\"mediaType\":\""
            + MediaType.OCI_MANIFEST
            + "\",\"digest\":\""
            + image.digest()
            + "\",\"size\":"
            + image.size()
            + ",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}";
    return raw(MediaType.OCI_INDEX, json);
  }

  private static String json(Descriptor d) {
    return "{\"mediaType\":\"" + d.mediaType() + "\",\"digest\":\"" + d.digest() + "\",\"size\":" + d.size() + "}";
  }

  private static RawManifest raw(String mediaType, String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return new RawManifest(bytes, mediaType, Digest.sha256(bytes));
  }
}
