package dev.spyglass.transport.archive.internal.json;

import com.google.gson.annotations.SerializedName;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One image of a {@code docker save} {@code manifest.json}. */
public final class ManifestItemJson {
  @SerializedName(value = "Config", alternate = "config")
  public @Nullable String config;

  @SerializedName(value = "RepoTags", alternate = "repoTags")
  public @Nullable List<String> repoTags;

  @SerializedName(value = "Layers", alternate = "layers")
  public @Nullable List<String> layers;
}
