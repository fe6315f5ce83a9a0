package dev.spyglass.transport.docker.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Names Spyglass in every request, {@code User-Agent: spyglass/VERSION}, as registries' operators
 * and rate limiters expect (OkHttp would send {@code okhttp/4.12.0}). The version is this module's,
 * which the build gives every module of Spyglass and {@code spyglass --version} prints.
 */
final class UserAgent implements Interceptor {
  private final String value;

  UserAgent(String value) {
    this.value = value;
  }

  /** {@code spyglass/VERSION}: the module's version, else the jar's, else "development". */
  static String standard() {
    Module module = UserAgent.class.getModule();
    String version =
        module.getDescriptor() != null && module.getDescriptor().rawVersion().isPresent()
            ? module.getDescriptor().rawVersion().get()
            : UserAgent.class.getPackage().getImplementationVersion();
    return "spyglass/" + (version == null ? "development" : version);
  }

  String value() {
    return value;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    return chain.proceed(chain.request().newBuilder().header("User-Agent", value).build());
  }
}
