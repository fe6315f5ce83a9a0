package dev.spyglass.testing.contract;

import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageDestination;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.MediaType;
import dev.spyglass.api.RawManifest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An image the contract writes through a destination and reads back: a manifest, the config and
 * the layers it names. {@link TransportContract#image} makes one of the layers a check gives;
 * {@link #oci} is the default, and {@link #of} takes any manifest, such as a Docker schema2 one for
 * a transport that stores nothing else. Immutable; the byte arrays are copied in and out.
 */
public final class ContractImage {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final RawManifest manifest;
  private final Descriptor configDescriptor;
  private final byte[] config;
  private final List<Descriptor> layerDescriptors;
  private final List<byte[]> layers;

  private ContractImage(
      RawManifest manifest,
      String configMediaType,
      byte[] config,
      String layerMediaType,
      List<byte[]> layers) {
    this.manifest = manifest;
    this.config = config.clone();
    this.configDescriptor = Descriptor.of(configMediaType, Digest.sha256(config), config.length);
    List<byte[]> copies = new ArrayList<>();
    List<Descriptor> descriptors = new ArrayList<>();
    for (byte[] layer : layers) {
      copies.add(layer.clone());
      descriptors.add(Descriptor.of(layerMediaType, Digest.sha256(layer), layer.length));
    }
    this.layers = List.copyOf(copies);
    this.layerDescriptors = List.copyOf(descriptors);
  }

  /**
   * An image of {@code manifest}, whose config and layers (in the manifest's order) are {@code
   * config} and {@code layers}, each described by its media type, SHA-256 digest and size. The
   * manifest is taken as it is: it should name these blobs, with these descriptors.
   */
  public static ContractImage of(
      RawManifest manifest,
      String configMediaType,
      byte[] config,
      String layerMediaType,
      List<byte[]> layers) {
    return new ContractImage(manifest, configMediaType, config, layerMediaType, layers);
  }

  /**
   * The contract's default image: an OCI image manifest of {@code layers} and of a config {@code
   * {"architecture":"amd64","os":"linux","n":N}}, N counting the images made, without {@code
   * rootfs}.
   */
  public static ContractImage oci(List<byte[]> layers) {
    byte[] config =
        ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"n\":" + SEQUENCE.incrementAndGet() + "}")
            .getBytes(StandardCharsets.UTF_8);
    StringBuilder json =
        new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"")
            .append(MediaType.OCI_MANIFEST)
            .append("\",\"config\":")
            .append(json(Descriptor.of(MediaType.OCI_CONFIG, Digest.sha256(config), config.length)))
            .append(",\"layers\":[");
    for (int i = 0; i < layers.size(); i++) {
      byte[] layer = layers.get(i);
      json.append(i > 0 ? "," : "")
          .append(
              json(Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(layer), layer.length)));
    }
    RawManifest manifest = raw(MediaType.OCI_MANIFEST, json.append("]}").toString());
    return of(manifest, MediaType.OCI_CONFIG, config, MediaType.OCI_LAYER_GZIP, layers);
  }

  /** The image's manifest. */
  public RawManifest manifest() {
    return manifest;
  }

  /** The config's bytes. */
  public byte[] config() {
    return config.clone();
  }

  /** The config's descriptor. */
  public Descriptor configDescriptor() {
    return configDescriptor;
  }

  /** The layers' bytes, in the manifest's order. */
  public List<byte[]> layers() {
    List<byte[]> copies = new ArrayList<>();
    for (byte[] layer : layers) {
      copies.add(layer.clone());
    }
    return copies;
  }

  /** The layers' descriptors, in the manifest's order. */
  public List<Descriptor> layerDescriptors() {
    return layerDescriptors;
  }

  /** Puts the config and each layer the destination does not have yet. */
  void putBlobs(ImageDestination destination) throws ImageException {
    destination.putBlob(configDescriptor, new ByteArrayInputStream(config));
    for (int i = 0; i < layers.size(); i++) {
      if (!destination.hasBlob(layerDescriptors.get(i))) {
        destination.putBlob(layerDescriptors.get(i), new ByteArrayInputStream(layers.get(i)));
      }
    }
  }

  /**
   * An index pointing at this image for linux/amd64: a Docker manifest list for a Docker schema2
   * image, an OCI index otherwise.
   */
  RawManifest index() {
    boolean docker = MediaType.normalize(manifest.mediaType()).equals(MediaType.DOCKER_SCHEMA2);
    String type = docker ? MediaType.DOCKER_MANIFEST_LIST : MediaType.OCI_INDEX;
    String json =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + type
            + "\",\"manifests\":[{\"mediaType\":\""
            + manifest.mediaType()
            + "\",\"digest\":\""
            + manifest.digest()
            + "\",\"size\":"
            + manifest.size()
            + ",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}";
    return raw(type, json);
  }

  private static String json(Descriptor d) {
    return "{\"mediaType\":\""
        + d.mediaType()
        + "\",\"digest\":\""
        + d.digest()
        + "\",\"size\":"
        + d.size()
        + "}";
  }

  private static RawManifest raw(String mediaType, String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return new RawManifest(bytes, mediaType, Digest.sha256(bytes));
  }
}
