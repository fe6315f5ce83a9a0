package dev.spyglass.transport.docker.internal;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.JsonElement;
import dev.spyglass.api.AuthenticationException;
import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.NotFoundException;
import dev.spyglass.api.Quote;
import dev.spyglass.api.UnexpectedStatusException;
import dev.spyglass.transport.docker.internal.json.ErrorsJson;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Translates a registry's error response into the api exception it means: by status first, then by
 * the registry's {@code errors[0].code}. Bodies need not be JSON; remote text is cleaned and cut
 * before it enters a message.
 */
public final class ResponseErrors {
  private static final Gson GSON = new Gson();

  private ResponseErrors() {}

  /**
   * @param body the (already bounded) error body, possibly empty or not JSON
   * @param credentialsSent whether the request carried credentials (or a token obtained with them)
   */
  public static ImageException translate(
      RequestSubject subject, int status, String body, boolean credentialsSent) {
    return translate(subject, status, body, credentialsSent, null);
  }

  /**
   * @param insufficientScope when the 401's challenge said {@code error="insufficient_scope"}, the
   *     scope it asked for (possibly empty), else null: with credentials, they were accepted but
   *     give no access, and the scope says to what (e.g. {@code repository:app:pull,push})
   */
  public static ImageException translate(
      RequestSubject subject,
      int status,
      String body,
      boolean credentialsSent,
      @Nullable String insufficientScope) {
    RegistryError error = RegistryError.parse(body);
    AuthenticationException.Reason refusal =
        !credentialsSent
            ? AuthenticationException.Reason.REQUIRED
            : insufficientScope != null || status == 403
                ? AuthenticationException.Reason.DENIED
                : AuthenticationException.Reason.REFUSED;
    return switch (status) {
      case 401 ->
          new AuthenticationException(
              subject.registry(),
              subject.repository(),
              status,
              refusal,
              insufficientScope == null
                  ? error.describe()
                  : "insufficient_scope"
                      + (insufficientScope.isEmpty()
                          ? ""
                          : " for " + Quote.excerpt(insufficientScope)));
      case 403 ->
          new AuthenticationException(
              subject.registry(),
              subject.repository(),
              status,
              refusal,
              error.describe().isEmpty() ? "access denied" : error.describe());
      case 404 -> notFound(subject, error);
      case 400 -> badRequest(subject, status, error);
      default ->
          new UnexpectedStatusException(
              subject.describe() + " from registry \"" + subject.registry() + "\"",
              status,
              error.code(),
              error.message());
    };
  }

  /**
   * A manifest naming a blob the repository lacks becomes {@link NotFoundException} (kind {@code
   * blob}, the first missing digest when the registry named it); a manifest the registry refuses
   * ({@code MANIFEST_INVALID}, {@code MANIFEST_UNVERIFIED}) becomes {@link InvalidManifestException}
   * with rule {@code refused-by-registry}; other codes keep status and code.
   */
  private static ImageException badRequest(
      RequestSubject subject, int status, RegistryError error) {
    return switch (error.code()) {
      case "MANIFEST_BLOB_UNKNOWN" ->
          new NotFoundException(
              "blob",
              subject.repositoryName() + (error.detail().isEmpty() ? "" : "@" + error.detail()),
              "named by manifest \""
                  + subject.reference()
                  + "\" in "
                  + subject.describe()
                  + "; "
                  + error.describe());
      case "MANIFEST_INVALID", "MANIFEST_UNVERIFIED" ->
          new InvalidManifestException(
              "refused-by-registry",
              subject.describe()
                  + " failed: registry \""
                  + subject.registry()
                  + "\" refused the manifest (HTTP "
                  + status
                  + ", "
                  + error.describe()
                  + ")");
      default ->
          new UnexpectedStatusException(
              subject.describe() + " from registry \"" + subject.registry() + "\"",
              status,
              error.code(),
              error.message());
    };
  }

  private static NotFoundException notFound(RequestSubject subject, RegistryError error) {
    boolean repository = subject.endpoint() == Endpoint.TAGS || error.code().equals("NAME_UNKNOWN");
    return repository
        ? new NotFoundException("repository", subject.repositoryName(), error.describe())
        : new NotFoundException(subject.endpoint().noun(), subject.reference(), error.describe());
  }

  /** The first registry error of a body, or the body's text when it is not a registry error. */
  record RegistryError(String code, String message, String detail) {

    RegistryError(String code, String message) {
      this(code, message, "");
    }

    static RegistryError parse(String body) {
      String trimmed = body.strip();
      if (trimmed.startsWith("{")) {
        try {
          ErrorsJson json = GSON.fromJson(trimmed, ErrorsJson.class);
          if (json != null && json.errors() != null && !json.errors().isEmpty()) {
            ErrorsJson.ErrorJson first = json.errors().get(0);
            if (first != null) {
              String code = first.code() == null ? "" : first.code();
              return new RegistryError(
                  Quote.excerpt(code).toUpperCase(Locale.ROOT),
                  first.message() == null ? "" : Quote.excerpt(first.message()),
                  digestDetail(first.detail()));
            }
          }
        } catch (JsonParseException | IllegalStateException e) {
          // Not a registry error body: quote it as text below.
        }
      }
      return new RegistryError("", Quote.excerpt(body));
    }

    /** The detail when it is a valid digest (safe to quote), else empty. */
    private static String digestDetail(@Nullable JsonElement detail) {
      if (detail == null || !detail.isJsonPrimitive() || !detail.getAsJsonPrimitive().isString()) {
        return "";
      }
      String text = detail.getAsString().strip();
      return Digest.isValid(text) ? text : "";
    }

    /** {@code CODE: message}, the message alone, the code alone, or empty. */
    String describe() {
      if (code.isEmpty()) {
        return message;
      }
      return message.isEmpty() ? code : code + ": " + message;
    }
  }
}
