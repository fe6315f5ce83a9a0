package dev.spyglass.transport.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.RequestBody;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
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
    HeldCertificate ca =
        new HeldCertificate.Builder().certificateAuthority(0).commonName("Test CA").build();
    HeldCertificate certificate =
        new HeldCertificate.Builder()
            .signedBy(ca)
            .commonName("127.0.0.1")
            .addSubjectAlternativeName("127.0.0.1")
            .addSubjectAlternativeName("localhost")
            .build();
    Files.writeString(dir.resolve("ca.crt"), ca.certificatePem());
    ClientFactory clients = new ClientFactory(System.getLogger("test"));
    OkHttpClient client = clients.forScheme("https", new TlsSettings(true, dir));

    try (MockWebServer server = new MockWebServer()) {
      server.useHttps(
          new HandshakeCertificates.Builder().heldCertificate(certificate).build().sslSocketFactory(),
          false);
      server.start(InetAddress.getByName("127.0.0.1"), 0);
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
