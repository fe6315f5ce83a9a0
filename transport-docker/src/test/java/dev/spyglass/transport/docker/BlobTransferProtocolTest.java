package dev.spyglass.transport.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spyglass.transport.docker.internal.AuthScope;
import dev.spyglass.transport.docker.internal.ClientFactory;
import dev.spyglass.transport.docker.internal.RegistryApi;
import dev.spyglass.transport.docker.internal.RegistryCall;
import dev.spyglass.transport.docker.internal.RegistryResponse;
import dev.spyglass.transport.docker.internal.TlsSettings;
import java.nio.file.Path;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.RequestBody;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over TLS a registry answers in HTTP/2; {@link RegistryApi} keeps the small requests on it, small
 * blobs included, and moves large blobs (or blobs of unknown size) over HTTP/1.1, where each
 * transfer's thread decrypts its own bytes and TCP bounds what waits unread.
 */
class BlobTransferProtocolTest {
  private static final String DIGEST = "sha256:" + "a".repeat(64);
  private static final AuthScope SCOPE = AuthScope.push("team/app");

  @TempDir Path dir;

  @Test
  void blobContentsGoOverHttp11AndTheRestOverHttp2() throws Exception {
    ClientFactory clients = new ClientFactory(System.getLogger("test"));
    TlsSettings tls = new TlsSettings(true, TestTls.certDir(dir));
    OkHttpClient client = clients.forScheme("https", tls);

    try (MockWebServer server = TestTls.https()) {
      for (int i = 0; i < 9; i++) {
        server.enqueue(new MockResponse().setBody("{}"));
      }
      HttpUrl base = server.url("/");
      HttpUrl upload = server.url("/v2/team/app/blobs/uploads/1");
      MediaType octets = MediaType.get("application/octet-stream");
      RequestBody small = RequestBody.create("config", octets);
      RequestBody large = RequestBody.create(new byte[(int) RegistryApi.LARGE], octets);
      RequestBody unknown = streamed(octets);
      RegistryApi api = new RegistryApi(client, base);

      assertEquals(Protocol.HTTP_2, protocol(api.manifest("team/app", "1.0", null, SCOPE)));
      assertEquals(Protocol.HTTP_2, protocol(api.blob("team/app", DIGEST, 235, SCOPE)));
      assertEquals(
          Protocol.HTTP_1_1, protocol(api.blob("team/app", DIGEST, RegistryApi.LARGE, SCOPE)));
      assertEquals(
          Protocol.HTTP_1_1, protocol(api.blobRange("team/app", DIGEST, "bytes=2-", SCOPE)));
      assertEquals(Protocol.HTTP_2, protocol(api.startUpload("team/app", SCOPE)));
      assertEquals(Protocol.HTTP_1_1, protocol(api.uploadChunk(upload, null, unknown, SCOPE)));
      assertEquals(Protocol.HTTP_2, protocol(api.finishUpload(upload, small, SCOPE)));
      assertEquals(Protocol.HTTP_1_1, protocol(api.finishUpload(upload, large, SCOPE)));
    } finally {
      clients.closeIdleConnections(); // ends the HTTP/2 connection's reader thread
    }
  }

  /** A body of unknown length, as a streamed upload's. */
  private static RequestBody streamed(MediaType type) {
    return new RequestBody() {
      @Override
      public MediaType contentType() {
        return type;
      }

      @Override
      public void writeTo(okio.BufferedSink sink) throws java.io.IOException {
        sink.writeUtf8("layer");
      }
    };
  }

  private static Protocol protocol(RegistryCall<?> call) throws Exception {
    RegistryResponse<?> response = call.execute();
    response.raw().close();
    return response.raw().protocol();
  }
}
