package dev.spyglass.transport.docker.internal;

import dev.spyglass.api.Quote;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Logs every request line with its headers and every response status with its headers at DEBUG, as
 * they go over the wire (redirects and retries included), with secrets {@linkplain Redaction
 * redacted}. Never logs a body.
 */
final class WireLog implements Interceptor {
  private final System.Logger log;

  WireLog(System.Logger log) {
    this.log = log;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!log.isLoggable(Level.DEBUG)) {
      return chain.proceed(request);
    }
    String line = request.method() + " " + Redaction.text(request.url().toString());
    log.log(Level.DEBUG, "--> " + line + headers(request.headers(), false));
    long start = System.nanoTime();
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException e) {
      log.log(Level.DEBUG, "<-- " + line + " failed: " + ConnectionFailures.describe(e));
      throw e;
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    log.log(
        Level.DEBUG,
        "<-- "
            + response.code()
            + " "
            + line
            + " ("
            + millis
            + " ms, "
            + response.protocol()
            + ")"
            + headers(response.headers(), true));
    return response;
  }

  /** One line per header, redacted; remote values are also cleaned and cut. */
  private static String headers(Headers headers, boolean remote) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < headers.size(); i++) {
      String value = Redaction.header(headers.name(i), headers.value(i));
      out.append("\n    ")
          .append(remote ? Quote.excerpt(headers.name(i)) : headers.name(i))
          .append(": ")
          .append(remote ? Quote.excerpt(value) : value);
    }
    return out.toString();
  }
}
