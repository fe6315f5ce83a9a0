package dev.spyglass.manifest.schema1;

import dev.spyglass.api.ConvertedImage;
import dev.spyglass.api.Descriptor;
import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageConfig;
import dev.spyglass.api.ImageManifest;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.MediaType;
import dev.spyglass.manifest.schema1.internal.Conversion;
import dev.spyglass.manifest.schema1.internal.OciConfig;
import dev.spyglass.manifest.schema1.internal.V1Image;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed, validated Docker schema1 manifest, after the layer-chain fix-up: consecutive history
 * entries with one v1 id are collapsed to one, in {@link #fsLayers()} and {@link #history()} alike,
 * so both lists have the same length and are in manifest order (newest first). Immutable and thread
 * safe; built by {@link Schema1Format#parse}.
 */
public final class Schema1Manifest implements ImageManifest {
  private final String mediaType;
  private final String name;
  private final String tag;
  private final String architecture;
  private final List<Digest> fsLayers;
  private final List<HistoryEntry> history;
  private final boolean signed;

  Schema1Manifest(
      String mediaType,
      String name,
      String tag,
      String architecture,
      List<Digest> fsLayers,
      List<HistoryEntry> history,
      boolean signed) {
    this.mediaType = Objects.requireNonNull(mediaType, "mediaType");
    this.name = Objects.requireNonNull(name, "name");
    this.tag = Objects.requireNonNull(tag, "tag");
    this.architecture = Objects.requireNonNull(architecture, "architecture");
    this.fsLayers = List.copyOf(fsLayers);
    this.history = List.copyOf(history);
    this.signed = signed;
    if (this.fsLayers.isEmpty() || this.fsLayers.size() != this.history.size()) {
      throw new IllegalArgumentException(
          "schema1 manifest needs as many history entries as fsLayers, at least one");
    }
  }

  @Override
  public String mediaType() {
    return mediaType;
  }

  /** The repository name recorded in the manifest ({@code ""} when absent). */
  public String name() {
    return name;
  }

  /** The tag recorded in the manifest; empty when it has none. */
  @Override
  public Optional<String> tag() {
    return tag.isEmpty() ? Optional.empty() : Optional.of(tag);
  }

  /** The architecture recorded in the manifest ({@code ""} when absent). */
  public String architecture() {
    return architecture;
  }

  /** The layer digests in manifest order (top layer first), after fix-up. */
  public List<Digest> fsLayers() {
    return fsLayers;
  }

  /** The history entries in manifest order (newest first), after fix-up. */
  public List<HistoryEntry> history() {
    return history;
  }

  /**
   * Whether the manifest carried a {@code signatures} member (checked by {@link
   * Schema1Signatures}).
   */
  public boolean signed() {
    return signed;
  }

  /**
   * The layers base first, as skopeo lists them: each {@link MediaType#DOCKER_LAYER_GZIP} with size
   * -1 (schema1 records neither). Empty layers ({@code throwaway} entries) are included.
   */
  @Override
  public List<Descriptor> layers() {
    List<Descriptor> layers = new ArrayList<>(fsLayers.size());
    for (Digest digest : fsLayers) {
      layers.add(Descriptor.of(MediaType.DOCKER_LAYER_GZIP, digest, -1));
    }
    Collections.reverse(layers);
    return List.copyOf(layers);
  }

  /** Always empty: schema1 embeds its config in {@code history}. */
  @Override
  public Optional<Descriptor> configDescriptor() {
    return Optional.empty();
  }

  /**
   * Decodes the newest {@code v1Compatibility}; {@code configBlob} is ignored. As in skopeo, a
   * missing {@code created} is Go's zero time {@code 0001-01-01T00:00:00Z}, not null.
   *
   * @throws InvalidManifestException rule {@code bad-config} when a field has a type Go could not
   *     decode
   */
  @Override
  public ImageConfig decodeConfig(byte[] configBlob) throws InvalidManifestException {
    return V1Image.decode(history.get(0));
  }

  /**
   * The OCI config skopeo derives from the history ({@code skopeo inspect --config}); {@code
   * configBlob} is ignored. {@code rootfs.diff_ids} holds one {@code ""} per non-empty layer, since
   * diff ids are known only once layers are downloaded, exactly as skopeo prints them.
   *
   * @throws InvalidManifestException rule {@code bad-config} when a field has a type Go could not
   *     decode
   */
  @Override
  public String ociConfigJson(byte[] configBlob) throws InvalidManifestException {
    return OciConfig.json(history);
  }

  /** True: a schema1 config is built from the history and the copied layers' diff ids. */
  @Override
  public boolean convertsAfterLayers() {
    return true;
  }

  /**
   * Converts to Docker schema2 or OCI as skopeo 1.9 does: the config from the history, with {@code
   * rootfs.diff_ids} from {@code diffIds} (those of {@code throwaway} entries left out, their
   * history items marked {@code empty_layer}); the manifest lists the layers of {@code
   * copiedLayers} that are not throwaway, with their sizes.
   *
   * @throws IllegalArgumentException when {@code copiedLayers} or {@code diffIds} do not have one
   *     entry per layer, or a copied layer has no size
   * @throws InvalidManifestException rule {@code unsupported-conversion} for another target type,
   *     or to schema2 for an image made by Docker before 1.8.3; {@code bad-config} when the history
   *     holds a type Go could not decode
   */
  @Override
  public ConvertedImage convertTo(
      String mediaType, List<Descriptor> copiedLayers, List<Digest> diffIds)
      throws InvalidManifestException {
    return Conversion.convert(history, mediaType, copiedLayers, diffIds);
  }

  @Override
  public String toString() {
    return "Schema1Manifest["
        + (name.isEmpty() ? "?" : name)
        + (tag.isEmpty() ? "" : ":" + tag)
        + ", "
        + fsLayers.size()
        + " layers"
        + (signed ? ", signed" : "")
        + "]";
  }
}
