package dev.spyglass.transport.docker.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Replaces the body of every unsuccessful response by at most its first {@link #MAX_BYTES} bytes,
 * so that no error body ({@link RegistryCall} reads an error's body whole) is ever read beyond that.
 */
final class ErrorBodyLimit implements Interceptor {
  static final int MAX_BYTES = 64 * 1024;

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    ResponseBody body = response.body();
    if (response.isSuccessful() || body == null) {
      return response;
    }
    Buffer kept = new Buffer();
    try (body) {
      BufferedSource source = body.source();
      while (kept.size() < MAX_BYTES) {
        if (source.read(kept, MAX_BYTES - kept.size()) < 0) {
          break;
        }
      }
    } catch (IOException e) {
      // Keep what arrived: the status says what failed, the body only adds detail.
    }
    return response
        .newBuilder()
        .body(ResponseBody.create(kept.readByteArray(), body.contentType()))
        .build();
  }
}
