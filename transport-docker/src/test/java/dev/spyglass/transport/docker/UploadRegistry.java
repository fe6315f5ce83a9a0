package dev.spyglass.transport.docker;

import dev.spyglass.api.Digest;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;

/**
 * Blob uploads as distribution does them, on one MockWebServer: every upload response carries a
 * new {@code _state} in its (absolute) {@code Location}, a request naming a stale state gets 404
 * {@code BLOB_UPLOAD_INVALID}, a {@code PUT} whose bytes do not match {@code ?digest=} gets 400
 * {@code DIGEST_INVALID}. Stored blobs answer {@code HEAD}.
 */
final class UploadRegistry extends Dispatcher {
  final Map<Digest, byte[]> blobs = new ConcurrentHashMap<>();
  final List<String> cancelled = new CopyOnWriteArrayList<>();
  private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final MockWebServer server;

  private static final class Upload {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int state;
  }

  UploadRegistry(MockWebServer server) {
    this.server = server;
    server.setDispatcher(this);
  }

  @Override
  public synchronized MockResponse dispatch(RecordedRequest request) {
    HttpUrl url = request.getRequestUrl();
    String path = url.encodedPath();
    String method = request.getMethod();
    if (method.equals("POST") && path.endsWith("/blobs/uploads/")) {
      String mount = url.queryParameter("mount");
      if (mount != null && blobs.containsKey(Digest.parse(mount))) {
        return new MockResponse().setResponseCode(201).setHeader("Docker-Content-Digest", mount);
      }
      String id = "u" + ids.incrementAndGet();
      uploads.put(id, new Upload());
      return next(path + id, id, 202);
    }
    if (method.equals("HEAD") && path.contains("/blobs/sha256:")) {
      byte[] blob = blobs.get(Digest.parse(path.substring(path.lastIndexOf('/') + 1)));
      return blob == null
          ? new MockResponse().setResponseCode(404)
          : new MockResponse()
              .setHeader("Content-Length", blob.length)
              .setHeader("Docker-Content-Digest", Digest.sha256(blob));
    }
    if (path.contains("/blobs/uploads/")) {
      String id = path.substring(path.lastIndexOf('/') + 1);
      Upload upload = uploads.get(id);
      if (upload == null) {
        return error(404, "BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry");
      }
      if (!String.valueOf(upload.state).equals(url.queryParameter("_state"))) {
        return error(404, "BLOB_UPLOAD_INVALID", "blob upload invalid");
      }
      byte[] body = request.getBody().clone().readByteArray();
      switch (method) {
        case "PATCH" -> {
          upload.bytes.writeBytes(body);
          return next(path, id, 202).setHeader("Range", "0-" + (upload.bytes.size() - 1));
        }
        case "PUT" -> {
          upload.bytes.writeBytes(body);
          byte[] all = upload.bytes.toByteArray();
          Digest digest = Digest.parse(url.queryParameter("digest"));
          if (!digest.matches(all)) {
            return error(400, "DIGEST_INVALID", "provided digest did not match uploaded content");
          }
          uploads.remove(id);
          blobs.put(digest, all);
          return new MockResponse()
              .setResponseCode(201)
              .setHeader("Location", "/v2/blobs/" + digest)
              .setHeader("Docker-Content-Digest", digest);
        }
        case "DELETE" -> {
          uploads.remove(id);
          cancelled.add(id);
          return new MockResponse().setResponseCode(204);
        }
        default -> {
          return new MockResponse().setResponseCode(405);
        }
      }
    }
    return new MockResponse().setResponseCode(404);
  }

  /** A new {@code _state} for upload {@code id}, in an absolute Location. */
  private MockResponse next(String uploadPath, String id, int status) {
    Upload upload = uploads.get(id);
    upload.state++;
    HttpUrl location =
        server
            .url(uploadPath)
            .newBuilder()
            .host("127.0.0.1")
            .addQueryParameter("_state", "" + upload.state)
            .build();
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Location", location)
        .setHeader("Docker-Upload-UUID", id)
        .setHeader("Range", "0-0");
  }

  static MockResponse error(int status, String code, String message) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(
            new Buffer()
                .writeUtf8(
                    "{\"errors\":[{\"code\":\""
                        + code
                        + "\",\"message\":\""
                        + message
                        + "\",\"detail\":null}]}"));
  }
}
