package dev.spyglass.transport.docker.internal;

import dev.spyglass.api.ImageException;
import okhttp3.ResponseBody;

/**
 * The API version check, {@code GET /v2/}, answering the registry's challenge once with the scope
 * of no repository: what {@code login} does before it stores credentials. Blocks on the network.
 */
public final class ApiVersionCheck {
  private ApiVersionCheck() {}

  /** Passes when the registry lets the client in; only the status matters. */
  public static void run(RegistryClient client) throws ImageException {
    String registry = client.registry();
    RequestSubject subject =
        new RequestSubject(registry, "", Endpoint.API_ROOT, registry + "/v2/");
    AuthScope scope = AuthScope.REGISTRY;
    try (ResponseBody body = client.execute(subject, scope, api -> api.apiRoot(scope)).body()) {
      // Only the status matters; the body (usually "{}") is not read.
    }
  }
}
