package dev.spyglass.transport.archive.internal.json;

import com.google.gson.annotations.SerializedName;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The part of an image config an archive needs: the layers' diff IDs. */
public final class ImageConfigJson {
  public @Nullable RootFs rootfs;

  /** {@code rootfs} of a config. */
  public static final class RootFs {
    @SerializedName("diff_ids")
    public @Nullable List<String> diffIds;
  }
}
