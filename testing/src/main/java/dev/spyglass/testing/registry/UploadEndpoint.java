package dev.spyglass.testing.registry;

import static dev.spyglass.testing.registry.Responses.error;

import dev.spyglass.api.Digest;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * {@code /v2/NAME/blobs/uploads/}: {@code POST} mounts ({@code ?mount=&from=}), finishes at once
 * ({@code ?digest=}) or opens an upload; {@code PATCH} appends, {@code PUT ?digest=} appends and
 * finishes, {@code DELETE} cancels. Every answer of an upload carries an absolute {@code Location}
 * with a new {@code _state}; a request naming a stale one gets 404 {@code BLOB_UPLOAD_INVALID}.
 */
final class UploadEndpoint {
  private final RegistryStore store;
  private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
  private final AtomicInteger uploadIds = new AtomicInteger();
  private final List<String> cancelledUploads = new CopyOnWriteArrayList<>();

  UploadEndpoint(RegistryStore store) {
    this.store = store;
  }

  private static final class Upload {
    final String repository;
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int state;

    Upload(String repository) {
      this.repository = repository;
    }
  }

  /** The ids of uploads cancelled with {@code DELETE}. */
  List<String> cancelledUploads() {
    return List.copyOf(cancelledUploads);
  }

  /** The number of uploads begun and neither finished nor cancelled. */
  int openUploads() {
    return uploads.size();
  }

  MockResponse answer(RecordedRequest request, HttpUrl url, String repository, String id) {
    String method = request.getMethod();
    byte[] body = request.getBody().clone().readByteArray();
    if (id.isEmpty()) {
      if (!method.equals("POST")) {
        return error(405, "UNSUPPORTED", "method not allowed");
      }
      String mount = url.queryParameter("mount");
      String from = url.queryParameter("from");
      if (mount != null && from != null && Digest.isValid(mount)) {
        byte[] there = store.repository(from).blobs.get(Digest.parse(mount));
        if (there != null) {
          store.repository(repository).blobs.put(Digest.parse(mount), there);
          return new MockResponse()
              .setResponseCode(201)
              .setHeader("Location", "/v2/" + repository + "/blobs/" + mount)
              .setHeader("Docker-Content-Digest", mount);
        }
      }
      String digest = url.queryParameter("digest");
      if (digest != null) {
        return finish(repository, body, digest);
      }
      String newId = "u" + uploadIds.incrementAndGet();
      uploads.put(newId, new Upload(repository));
      return next(url, repository, newId, 202);
    }
    Upload upload = uploads.get(id);
    if (upload == null || !upload.repository.equals(repository)) {
      return error(404, "BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry");
    }
    if (!String.valueOf(upload.state).equals(url.queryParameter("_state"))) {
      return error(404, "BLOB_UPLOAD_INVALID", "blob upload invalid");
    }
    switch (method) {
      case "PATCH" -> {
        upload.bytes.writeBytes(body);
        return next(url, repository, id, 202)
            .setHeader("Range", "0-" + Math.max(0, upload.bytes.size() - 1));
      }
      case "PUT" -> {
        upload.bytes.writeBytes(body);
        String digest = url.queryParameter("digest");
        MockResponse finished =
            finish(repository, upload.bytes.toByteArray(), digest == null ? "" : digest);
        if (finished.getStatus().contains(" 201 ")) {
          uploads.remove(id);
        }
        return finished;
      }
      case "DELETE" -> {
        uploads.remove(id);
        cancelledUploads.add(id);
        return new MockResponse().setResponseCode(204);
      }
      default -> {
        return error(405, "UNSUPPORTED", "method not allowed");
      }
    }
  }

  private MockResponse finish(String repository, byte[] bytes, String digestText) {
    if (!Digest.isValid(digestText)) {
      return error(400, "DIGEST_INVALID", "invalid digest");
    }
    Digest digest = Digest.parse(digestText);
    if (!digest.matches(bytes)) {
      return error(400, "DIGEST_INVALID", "provided digest did not match uploaded content");
    }
    store.repository(repository).blobs.put(digest, bytes);
    return new MockResponse()
        .setResponseCode(201)
        .setHeader("Location", "/v2/" + repository + "/blobs/" + digest)
        .setHeader("Docker-Content-Digest", digest);
  }

  /** A new {@code _state} for upload {@code id}, in an absolute {@code Location}. */
  private MockResponse next(HttpUrl url, String repository, String id, int status) {
    Upload upload = uploads.get(id);
    upload.state++;
    HttpUrl location =
        url.newBuilder()
            .encodedPath("/v2/" + repository + "/blobs/uploads/" + id)
            .query(null)
            .addQueryParameter("_state", String.valueOf(upload.state))
            .build();
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Location", location)
        .setHeader("Docker-Upload-UUID", id)
        .setHeader("Range", "0-0");
  }
}
