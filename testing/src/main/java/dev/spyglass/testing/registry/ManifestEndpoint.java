package dev.spyglass.testing.registry;

import static dev.spyglass.testing.registry.Responses.body;
import static dev.spyglass.testing.registry.Responses.error;

import dev.spyglass.api.Digest;
import dev.spyglass.testing.registry.RegistryDispatcher.StoredManifest;
import dev.spyglass.testing.registry.RegistryStore.Repository;
import java.util.Optional;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * {@code /v2/NAME/manifests/TAG|DIGEST}: {@code GET}/{@code HEAD} serve, {@code PUT} stores under
 * the SHA-256 of the body, {@code DELETE} by digest removes the manifest and its tags.
 */
final class ManifestEndpoint {
  private final RegistryStore store;

  ManifestEndpoint(RegistryStore store) {
    this.store = store;
  }

  MockResponse answer(RecordedRequest request, String repository, String reference) {
    Repository repo = store.repository(repository);
    String method = request.getMethod();
    if (method.equals("PUT")) {
      byte[] body = request.getBody().clone().readByteArray();
      Digest digest = Digest.sha256(body);
      if (Digest.isValid(reference) && !Digest.parse(reference).equals(digest)) {
        return error(400, "DIGEST_INVALID", "provided digest did not match uploaded content");
      }
      String type = Optional.ofNullable(request.getHeader("Content-Type")).orElse("");
      repo.manifests.put(digest, new StoredManifest(body, type));
      if (!Digest.isValid(reference)) {
        repo.tags.put(reference, digest);
      }
      return new MockResponse()
          .setResponseCode(201)
          .setHeader("Location", "/v2/" + repository + "/manifests/" + digest)
          .setHeader("Docker-Content-Digest", digest);
    }
    Digest digest =
        Digest.isValid(reference) ? Digest.parse(reference) : repo.tags.get(reference);
    StoredManifest manifest = digest == null ? null : repo.manifests.get(digest);
    if (digest == null || manifest == null) {
      return error(404, "MANIFEST_UNKNOWN", "manifest unknown");
    }
    if (method.equals("DELETE")) {
      if (!Digest.isValid(reference)) {
        return error(400, "UNSUPPORTED", "delete by tag is not supported");
      }
      repo.manifests.remove(digest);
      repo.tags.values().removeIf(digest::equals);
      return new MockResponse().setResponseCode(202);
    }
    MockResponse response =
        new MockResponse()
            .setHeader("Content-Type", manifest.mediaType())
            .setHeader("Docker-Content-Digest", digest);
    return body(response, manifest.bytes(), method.equals("HEAD"));
  }
}
