package dev.spyglass.transport.docker.internal;

import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One request of {@link RegistryApi}, sent with {@link #execute}. A successful answer keeps its
 * body open for the caller ({@code ResponseBody}), or closes it ({@code Void}: a {@code HEAD});
 * an error's body is read into memory, where {@link ErrorBodyLimit} bounds it.
 */
public final class RegistryCall<T> {
  private final OkHttpClient client;
  private final Request request;
  private final boolean keepsBody;

  private RegistryCall(OkHttpClient client, Request request, boolean keepsBody) {
    this.client = client;
    this.request = request;
    this.keepsBody = keepsBody;
  }

  static RegistryCall<ResponseBody> streamed(OkHttpClient client, Request request) {
    return new RegistryCall<>(client, request, true);
  }

  static RegistryCall<Void> bodiless(OkHttpClient client, Request request) {
    return new RegistryCall<>(client, request, false);
  }

  public Request request() {
    return request;
  }

  @SuppressWarnings("unchecked") // T is ResponseBody exactly when keepsBody
  public RegistryResponse<T> execute() throws IOException {
    Response raw = client.newCall(request).execute();
    ResponseBody body = raw.body();
    if (!raw.isSuccessful()) {
      try (body) {
        return RegistryResponse.error(raw, ResponseBody.create(body.bytes(), body.contentType()));
      }
    }
    if (!keepsBody || raw.code() == 204 || raw.code() == 205) {
      body.close();
      return RegistryResponse.success(raw, null);
    }
    return RegistryResponse.success(raw, (T) body);
  }
}
