package dev.spyglass.transport.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RedactionTest {

  static Stream<Arguments> headers() {
    return Stream.of(
        Arguments.of("Authorization", "Bearer eyJhbGciOi.secret.sig", "Bearer <redacted>"),
        Arguments.of("authorization", "Basic YWxpY2U6cGFzcw==", "Basic <redacted>"),
        Arguments.of("Authorization", "opaque", "<redacted>"),
        Arguments.of("Proxy-Authorization", "Basic abc", "Basic <redacted>"),
        Arguments.of("Cookie", "session=abc", "<redacted>"),
        Arguments.of("Set-Cookie", "session=abc; Path=/", "<redacted>"),
        Arguments.of(
            "Www-Authenticate",
            "Bearer"
                + " realm=\"https://auth.example/token\",service=\"registry\",scope=\"repository:a:pull\",error=\"invalid_token\"",
            "Bearer"
                + " realm=\"https://auth.example/token\",service=\"registry\",scope=\"repository:a:pull\",error=\"invalid_token\""),
        Arguments.of(
            "WWW-Authenticate",
            "Bearer realm=\"r\",token=\"s3cr3t\"",
            "Bearer realm=\"r\",token=<redacted>"),
        Arguments.of(
            "WWW-Authenticate", "Negotiate YIIBhwYGKwYBBQUCoIIBezCCAXeg==", "Negotiate <redacted>"),
        Arguments.of(
            "Location",
            "https://up.example/v2/a/blobs/uploads/1?_state=abc.def&digest=sha256:1",
            "https://up.example/v2/a/blobs/uploads/1?_state=<redacted>&digest=sha256:1"),
        Arguments.of(
            "Location",
            "https://s3.example/b?X-Amz-Credential=AKIA&X-Amz-Signature=f00",
            "https://s3.example/b?X-Amz-Credential=<redacted>&X-Amz-Signature=<redacted>"),
        Arguments.of(
            "Location", "https://user:pass@host.example/x", "https://<redacted>@host.example/x"),
        Arguments.of("Content-Type", "application/json", "application/json"));
  }

  @ParameterizedTest
  @MethodSource("headers")
  void redactsSecretsFromHeaders(String name, String value, String expected) {
    assertEquals(expected, Redaction.header(name, value));
  }
}
