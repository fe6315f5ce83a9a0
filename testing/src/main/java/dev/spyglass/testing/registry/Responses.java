package dev.spyglass.testing.registry;

import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;

/** How the mock registry reads request URLs and writes answers, as distribution does. */
final class Responses {
  /** A repository path: the name, the kind of thing asked for, and the rest. */
  static final Pattern PATH = Pattern.compile("^/v2/(.+)/(manifests|blobs|tags)/(.*)$");

  private Responses() {}

  /**
   * The URL as the client addressed it: MockWebServer names the host by the socket's address
   * (e.g. {@code localhost}), the client by the {@code Host} header; a {@code Location} or realm
   * on another host name would be another registry to it.
   */
  static HttpUrl asAddressed(RecordedRequest request) {
    HttpUrl url = request.getRequestUrl();
    String host = request.getHeader("Host");
    if (host == null) {
      host = request.getHeader(":authority"); // HTTP/2
    }
    if (host == null) {
      // Without either, a loopback server (MockRegistry listens on 127.0.0.1) keeps the address.
      return url.host().equals("localhost") ? url.newBuilder().host("127.0.0.1").build() : url;
    }
    HttpUrl parsed = HttpUrl.parse(url.scheme() + "://" + host + "/");
    return parsed == null ? url : url.newBuilder().host(parsed.host()).port(parsed.port()).build();
  }

  static MockResponse body(MockResponse response, byte[] bytes, boolean head) {
    if (head) {
      // MockWebServer sends no body for HEAD; the length is what a registry reports.
      return response.setHeader("Content-Length", bytes.length);
    }
    return response.setBody(new Buffer().write(bytes));
  }

  static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  /** A registry error body, as distribution writes it. */
  static MockResponse error(int status, String code, String message) {
    return json(
        status,
        "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"detail\":null}]}");
  }
}
