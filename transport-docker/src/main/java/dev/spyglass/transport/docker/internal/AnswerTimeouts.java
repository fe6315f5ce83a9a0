package dev.spyglass.transport.docker.internal;

import java.io.IOException;
import java.net.SocketTimeoutException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Tells a server that was reached but did not answer in time from one that could not be reached:
 * as a network interceptor it runs on an established connection (TLS included), so a socket
 * timeout it sees is a request the server took and never answered. It rethrows that timeout as a
 * {@link NoAnswer}, still a {@link SocketTimeoutException}, so OkHttp treats it as before.
 */
final class AnswerTimeouts implements Interceptor {

  @Override
  public Response intercept(Chain chain) throws IOException {
    try {
      return chain.proceed(chain.request());
    } catch (SocketTimeoutException e) {
      throw e instanceof NoAnswer ? e : new NoAnswer(e, chain.readTimeoutMillis());
    }
  }

  /** A request sent on an established connection that got no answer in time. */
  static final class NoAnswer extends SocketTimeoutException {
    private static final long serialVersionUID = 1L;
    private final int timeoutMillis;

    NoAnswer(SocketTimeoutException cause, int timeoutMillis) {
      super(cause.getMessage());
      initCause(cause);
      this.timeoutMillis = timeoutMillis;
    }

    /** How long the server was waited for: {@code 60 s}, {@code 200 ms}. */
    String timeout() {
      return timeoutMillis % 1000 == 0 ? timeoutMillis / 1000 + " s" : timeoutMillis + " ms";
    }
  }
}
