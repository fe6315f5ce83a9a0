package dev.spyglass.testing.registry;

import static dev.spyglass.testing.registry.Responses.body;
import static dev.spyglass.testing.registry.Responses.error;

import dev.spyglass.api.Digest;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/** {@code GET}/{@code HEAD /v2/NAME/blobs/DIGEST}: the blob, or 404 {@code BLOB_UNKNOWN}. */
final class BlobEndpoint {
  private final RegistryStore store;

  BlobEndpoint(RegistryStore store) {
    this.store = store;
  }

  MockResponse answer(RecordedRequest request, String repository, String reference) {
    if (!Digest.isValid(reference)) {
      return error(400, "DIGEST_INVALID", "invalid digest");
    }
    Digest digest = Digest.parse(reference);
    byte[] bytes = store.repository(repository).blobs.get(digest);
    if (bytes == null) {
      return error(404, "BLOB_UNKNOWN", "blob unknown to registry");
    }
    MockResponse response =
        new MockResponse()
            .setHeader("Content-Type", "application/octet-stream")
            .setHeader("Docker-Content-Digest", digest);
    return body(response, bytes, request.getMethod().equals("HEAD"));
  }
}
