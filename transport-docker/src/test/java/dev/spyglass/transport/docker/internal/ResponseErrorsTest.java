package dev.spyglass.transport.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.spyglass.api.AuthenticationException;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.UnexpectedStatusException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResponseErrorsTest {
  private static final String NOT_FOUND = "{\"errors\":[{\"code\":\"%s\",\"message\":\"m\"}]}";

  static Stream<Arguments> responses() {
    // endpoint, status, body, expected type, expected message
    return Stream.of(
        Arguments.of(
            Endpoint.MANIFEST,
            401,
            "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}",
            AuthenticationException.class,
            "registry \"r:5000\" requires authentication for repository \"app\" (HTTP 401,"
                + " UNAUTHORIZED: authentication required)"),
        Arguments.of(
            Endpoint.MANIFEST,
            403,
            "",
            AuthenticationException.class,
            "registry \"r:5000\" requires authentication for repository \"app\" (HTTP 403, access"
                + " denied)"),
        Arguments.of(
            Endpoint.MANIFEST,
            404,
            NOT_FOUND.formatted("MANIFEST_UNKNOWN"),
            NotFoundException.class,
            "manifest \"r:5000/app:1\" not found (MANIFEST_UNKNOWN: m)"),
        Arguments.of(
            Endpoint.MANIFEST,
            404,
            NOT_FOUND.formatted("NAME_UNKNOWN"),
            NotFoundException.class,
            "repository \"r:5000/app\" not found (NAME_UNKNOWN: m)"),
        Arguments.of(
            Endpoint.BLOB,
            404,
            NOT_FOUND.formatted("BLOB_UNKNOWN"),
            NotFoundException.class,
            "blob \"r:5000/app:1\" not found (BLOB_UNKNOWN: m)"),
        Arguments.of(
            Endpoint.BLOB, 404, "", NotFoundException.class, "blob \"r:5000/app:1\" not found"),
        Arguments.of(
            Endpoint.TAGS,
            404,
            "404 page not found",
            NotFoundException.class,
            "repository \"r:5000/app\" not found (404 page not found)"),
        Arguments.of(
            Endpoint.MANIFEST,
            429,
            "{\"errors\":[{\"code\":\"toomanyrequests\",\"message\":\"slow down\"}]}",
            UnexpectedStatusException.class,
            "GET manifest \"r:5000/app:1\" from registry \"r:5000\" failed with HTTP 429"
                + " TOOMANYREQUESTS: slow down"),
        Arguments.of(
            Endpoint.TAGS,
            500,
            "{\"errors\":[null]}",
            UnexpectedStatusException.class,
            "GET tags of \"r:5000/app:1\" from registry \"r:5000\" failed with HTTP 500:"
                + " {\"errors\":[null]}"),
        Arguments.of(
            Endpoint.MANIFEST,
            502,
            "{not json",
            UnexpectedStatusException.class,
            "GET manifest \"r:5000/app:1\" from registry \"r:5000\" failed with HTTP 502: {not"
                + " json"));
  }

  @ParameterizedTest
  @MethodSource("responses")
  void translatesByStatusThenRegistryCode(
      Endpoint endpoint,
      int status,
      String body,
      Class<? extends ImageException> type,
      String message) {
    ImageException e =
        ResponseErrors.translate(
            new RequestSubject("r:5000", "app", endpoint, "r:5000/app:1"), status, body, false);

    assertInstanceOf(type, e);
    assertEquals(message, e.getMessage());
  }

  @Test
  void anInsufficientScopeNamesTheScopeTheChallengeAskedFor() {
    RequestSubject subject = new RequestSubject("r:5000", "app", Endpoint.BLOB_UPLOAD, "r:5000/app");
    ImageException named =
        ResponseErrors.translate(subject, 401, "", true, "repository:app:pull,push");
    ImageException unnamed = ResponseErrors.translate(subject, 401, "", true, "");

    assertInstanceOf(AuthenticationException.class, named);
    assertEquals(
        AuthenticationException.Reason.DENIED, ((AuthenticationException) named).reason());
    assertEquals(
        "registry \"r:5000\" denied the credentials access to repository \"app\" (HTTP 401,"
            + " insufficient_scope for repository:app:pull,push)",
        named.getMessage());
    assertEquals(
        "registry \"r:5000\" denied the credentials access to repository \"app\" (HTTP 401,"
            + " insufficient_scope)",
        unnamed.getMessage());
  }
}
