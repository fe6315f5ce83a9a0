package dev.spyglass.testing.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.Digest;
import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegistryDispatcherTest {
  private final MockRegistry registry = MockRegistry.start();
  private final OkHttpClient client = new OkHttpClient();

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void uploadsInChunksThenServesTheBlob() throws Exception {
    byte[] blob = "hello, registry".getBytes(StandardCharsets.UTF_8);
    Digest digest = Digest.sha256(blob);
    String location;
    try (Response r = call("POST", "/v2/ns/app/blobs/uploads/", new byte[0])) {
      assertEquals(202, r.code());
      location = r.header("Location");
    }
    try (Response r = call("PATCH", location, new byte[] {'h'})) {
      assertEquals(202, r.code());
      try (Response stale = call("PATCH", location, new byte[] {'x'})) {
        assertEquals(404, stale.code(), "a stale _state is refused");
      }
      location = r.header("Location");
    }
    try (Response r = call("PUT", location + "&digest=" + digest, java.util.Arrays.copyOfRange(blob, 1, blob.length))) {
      assertEquals(201, r.code());
      assertEquals(digest.toString(), r.header("Docker-Content-Digest"));
    }
    try (Response r = call("GET", "/v2/ns/app/blobs/" + digest, null)) {
      assertEquals("hello, registry", r.body().string());
    }
    try (Response r = call("GET", "/v2/other/blobs/" + digest, null)) {
      assertEquals(404, r.code(), "another repository does not have it");
    }
    assertEquals(0, registry.dispatcher().openUploads());
  }

  @Test
  void refusesAnUploadWhoseBytesDoNotMatchItsDigest() throws Exception {
    Digest digest = Digest.sha256(new byte[] {1});
    try (Response r = call("POST", "/v2/app/blobs/uploads/?digest=" + digest, new byte[] {2})) {
      assertEquals(400, r.code());
      assertTrue(r.body().string().contains("DIGEST_INVALID"));
    }
    assertTrue(registry.dispatcher().blob("app", digest).isEmpty());
  }

  @Test
  void storesManifestsByTagAndDigestAndListsTags() throws Exception {
    byte[] manifest = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);
    for (String tag : new String[] {"b", "a", "c"}) {
      try (Response r = call("PUT", "/v2/app/manifests/" + tag, manifest)) {
        assertEquals(201, r.code());
      }
    }
    try (Response r = call("HEAD", "/v2/app/manifests/a", null)) {
      assertEquals(Digest.sha256(manifest).toString(), r.header("Docker-Content-Digest"));
      assertEquals(String.valueOf(manifest.length), r.header("Content-Length"));
    }
    try (Response r = call("GET", "/v2/app/tags/list?n=2", null)) {
      assertEquals("{\"name\":\"app\",\"tags\":[\"b\",\"a\"]}", r.body().string());
      assertEquals("</v2/app/tags/list?n=2&last=a>; rel=\"next\"", r.header("Link"));
    }
    assertEquals(5, registry.dispatcher().requests().size());
  }

  @Test
  void challengesWithoutCredentials() throws Exception {
    registry.dispatcher().requireBasic("user", "pw");
    try (Response r = call("GET", "/v2/", null)) {
      assertEquals(401, r.code());
      assertEquals("Basic realm=\"mock-registry\"", r.header("WWW-Authenticate"));
    }
  }

  private Response call(String method, String path, byte[] body) throws Exception {
    String url = path.startsWith("http") ? path : registry.server().url(path).toString();
    RequestBody requestBody =
        body == null ? null : RequestBody.create(body, MediaType.get("application/octet-stream"));
    return client.newCall(new Request.Builder().url(url).method(method, requestBody).build()).execute();
  }
}
