package dev.spyglass.transport.layout;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageOptions;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.RawManifest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** A small, valid OCI image (one gzip layer, a config, a manifest), different per {@code seed}. */
record TestImage(byte[] layer, byte[] config, RawManifest manifest) {
  static final ImageOptions OPTIONS = ImageOptions.defaults();

  static TestImage of(String seed) {
    return of(seed, MediaType.OCI_MANIFEST, MediaType.OCI_CONFIG, MediaType.OCI_LAYER_GZIP);
  }

  /** The same image as a Docker schema2 manifest. */
  static TestImage docker(String seed) {
    return of(
        seed,
        MediaType.DOCKER_SCHEMA2,
        MediaType.DOCKER_CONFIG,
        MediaType.DOCKER_LAYER_GZIP);
  }

  private static TestImage of(String seed, String manifestType, String configType, String layerType) {
    byte[] tar = tarWithOneFile("hello-" + seed, ("content of " + seed + "\n").getBytes(StandardCharsets.UTF_8));
    byte[] layer = gzip(tar);
    byte[] config =
        ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":[\"SEED="
                + seed
                + "\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + Digest.sha256(tar)
                + "\"]}}")
            .getBytes(StandardCharsets.UTF_8);
    byte[] manifest =
        ("{\"schemaVersion\":2,\"mediaType\":\"" + manifestType + "\",\"config\":"
                + descriptorJson(configType, config)
                + ",\"layers\":["
                + descriptorJson(layerType, layer)
                + "]}")
            .getBytes(StandardCharsets.UTF_8);
    return new TestImage(
        layer, config, new RawManifest(manifest, manifestType, Digest.sha256(manifest)));
  }

  /** An OCI index of {@code images}, all linux/amd64 with distinct variants. */
  static RawManifest index(List<TestImage> images) {
    return list(images, MediaType.OCI_INDEX);
  }

  /** A Docker manifest list of {@code images} (Docker schema2 ones), as {@link #index}. */
  static RawManifest dockerList(List<TestImage> images) {
    return list(images, MediaType.DOCKER_MANIFEST_LIST);
  }

  private static RawManifest list(List<TestImage> images, String listType) {
    StringBuilder json =
        new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + listType + "\",\"manifests\":[");
    for (int i = 0; i < images.size(); i++) {
      RawManifest m = images.get(i).manifest();
      json.append(i == 0 ? "" : ",")
          .append("{\"mediaType\":\"")
          .append(m.mediaType())
          .append("\",\"digest\":\"")
          .append(m.digest())
          .append("\",\"size\":")
          .append(m.size())
          .append(",\"platform\":{\"architecture\":\"arm\",\"os\":\"linux\",\"variant\":\"v")
          .append(5 + i)
          .append("\"}}");
    }
    byte[] bytes = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    return new RawManifest(bytes, listType, Digest.sha256(bytes));
  }

  Descriptor layerDescriptor() {
    return Descriptor.of(
        docker() ? MediaType.DOCKER_LAYER_GZIP : MediaType.OCI_LAYER_GZIP,
        Digest.sha256(layer),
        layer.length);
  }

  Descriptor configDescriptor() {
    return Descriptor.of(
        docker() ? MediaType.DOCKER_CONFIG : MediaType.OCI_CONFIG,
        Digest.sha256(config),
        config.length);
  }

  private boolean docker() {
    return manifest.mediaType().equals(MediaType.DOCKER_SCHEMA2);
  }

  /** Puts the blobs, then the manifest as the one the reference names. */
  void writeTo(ImageDestination destination) throws ImageException {
    putBlobs(destination);
    destination.putManifest(manifest);
  }

  void putBlobs(ImageDestination destination) throws ImageException {
    destination.putBlob(layerDescriptor(), new ByteArrayInputStream(layer));
    destination.putBlob(configDescriptor(), new ByteArrayInputStream(config));
  }

  static byte[] readBlob(ImageSource source, Descriptor blob) throws IOException {
    try (InputStream in = source.blob(blob)) {
      return in.readAllBytes();
    }
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

  /** A POSIX ustar archive with one regular file. */
  static byte[] tarWithOneFile(String name, byte[] content) {
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, "0000644");
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format("%011o", content.length));
    put(header, 136, "00000000000");
    java.util.Arrays.fill(header, 148, 156, (byte) ' ');
    header[156] = '0';
    put(header, 257, "ustar");
    put(header, 263, "00");
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o", sum));
    header[154] = 0;
    header[155] = ' ';
    int padded = (content.length + 511) / 512 * 512;
    byte[] tar = new byte[512 + padded + 1024];
    System.arraycopy(header, 0, tar, 0, 512);
    System.arraycopy(content, 0, tar, 512, content.length);
    return tar;
  }

  private static void put(byte[] header, int offset, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }

  private static String descriptorJson(String mediaType, byte[] content) {
    return "{\"mediaType\":\""
        + mediaType
        + "\",\"digest\":\""
        + Digest.sha256(content)
        + "\",\"size\":"
        + content.length
        + "}";
  }
}
