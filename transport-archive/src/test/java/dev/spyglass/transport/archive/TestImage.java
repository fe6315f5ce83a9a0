package dev.spyglass.transport.archive;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.RawManifest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * A small image built in memory: uncompressed layer tars, their gzip forms, a config naming them.
 */
record TestImage(List<byte[]> layers, List<byte[]> gzipLayers, byte[] config) {

  static TestImage of(String seed, int layerCount) {
    List<byte[]> layers = new ArrayList<>();
    List<byte[]> gzipped = new ArrayList<>();
    StringBuilder diffIds = new StringBuilder();
    for (int i = 0; i < layerCount; i++) {
      byte[] layer =
          new TarBuilder().file(seed + "-" + i + ".txt", seed + " layer " + i + "\n").build();
      layers.add(layer);
      gzipped.add(gzip(layer));
      diffIds.append(i > 0 ? "," : "").append('"').append(Digest.sha256(layer)).append('"');
    }
    String config =
        "{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"2024-01-02T03:04:05Z\","
            + "\"config\":{\"Env\":[\"SEED="
            + seed
            + "\"],\"Labels\":{\"a\":\"<b>&\"}},"
            + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":["
            + diffIds
            + "]}}";
    return new TestImage(layers, gzipped, config.getBytes(StandardCharsets.UTF_8));
  }

  Digest configDigest() {
    return Digest.sha256(config);
  }

  Descriptor configDescriptor() {
    return Descriptor.of(MediaType.DOCKER_CONFIG, configDigest(), config.length);
  }

  Descriptor gzipDescriptor(int i) {
    return Descriptor.of(
        MediaType.DOCKER_LAYER_GZIP, Digest.sha256(gzipLayers.get(i)), gzipLayers.get(i).length);
  }

  Digest diffId(int i) {
    return Digest.sha256(layers.get(i));
  }

  /**
   * A registry-style schema2 manifest of the gzip layers, pretty-printed as a registry keeps it.
   */
  RawManifest schema2() {
    StringBuilder json =
        new StringBuilder("{\n   \"schemaVersion\": 2,\n   \"mediaType\": \"")
            .append(MediaType.DOCKER_SCHEMA2)
            .append("\",\n   \"config\": ")
            .append(descriptor(configDescriptor()))
            .append(",\n   \"layers\": [");
    for (int i = 0; i < layers.size(); i++) {
      json.append(i > 0 ? "," : "").append(descriptor(gzipDescriptor(i)));
    }
    byte[] bytes = json.append("]\n}").toString().getBytes(StandardCharsets.UTF_8);
    return new RawManifest(bytes, MediaType.DOCKER_SCHEMA2, Digest.sha256(bytes));
  }

  private static String descriptor(Descriptor d) {
    return "{\"mediaType\": \""
        + d.mediaType()
        + "\", \"size\": "
        + d.size()
        + ", \"digest\": \""
        + d.digest()
        + "\"}";
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
