package dev.spyglass.transport.docker.internal;

import okhttp3.Headers;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a {@link RegistryCall}: for a 2xx, its body (open, the caller closes it; none for a
 * {@code HEAD}, 204 or 205); otherwise the error's body, already read.
 */
public final class RegistryResponse<T> {
  private final Response raw;
  private final @Nullable T body;
  private final @Nullable ResponseBody errorBody;

  private RegistryResponse(Response raw, @Nullable T body, @Nullable ResponseBody errorBody) {
    this.raw = raw;
    this.body = body;
    this.errorBody = errorBody;
  }

  static <T> RegistryResponse<T> success(Response raw, @Nullable T body) {
    return new RegistryResponse<>(raw, body, null);
  }

  static <T> RegistryResponse<T> error(Response raw, ResponseBody errorBody) {
    return new RegistryResponse<>(raw, null, errorBody);
  }

  public int code() {
    return raw.code();
  }

  public boolean isSuccessful() {
    return raw.isSuccessful();
  }

  public Headers headers() {
    return raw.headers();
  }

  /** The body of a successful answer; null for an error, a {@code HEAD}, 204 and 205. */
  public @Nullable T body() {
    return body;
  }

  /** The body of an error answer, read; null for a success. */
  public @Nullable ResponseBody errorBody() {
    return errorBody;
  }

  /** OkHttp's response: its request (as finally sent), protocol and message; not its body. */
  public Response raw() {
    return raw;
  }
}
