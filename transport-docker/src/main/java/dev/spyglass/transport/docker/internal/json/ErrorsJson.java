package dev.spyglass.transport.docker.internal.json;

import com.google.gson.JsonElement;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The registry error body: {@code {"errors":[{"code":"...","message":"..."}]}}. */
public record ErrorsJson(@Nullable List<@Nullable ErrorJson> errors) {

  /**
   * One entry of {@code errors}; {@code detail} is any JSON (distribution puts the digest of a
   * missing blob there for {@code MANIFEST_BLOB_UNKNOWN}).
   */
  public record ErrorJson(
      @Nullable String code, @Nullable String message, @Nullable JsonElement detail) {}
}
