package dev.spyglass.transport.docker.internal.json;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The registry error body: {@code {"errors":[{"code":"...","message":"..."}]}}. */
public record ErrorsJson(@Nullable List<@Nullable ErrorJson> errors) {

  /** One entry of {@code errors}; {@code detail} is ignored. */
  public record ErrorJson(@Nullable String code, @Nullable String message) {}
}
