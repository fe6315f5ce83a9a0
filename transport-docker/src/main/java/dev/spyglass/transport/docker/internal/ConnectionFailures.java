package dev.spyglass.transport.docker.internal;

import dev.spyglass.api.ImageException;
import dev.spyglass.api.Quote;
import dev.spyglass.api.RegistryUnreachableException;
import dev.spyglass.api.TlsException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.jspecify.annotations.Nullable;

/**
 * Translates I/O failures below HTTP (DNS, TCP, TLS) into api exceptions: {@link TlsException}
 * saying what was wrong with the certificate, {@link RegistryUnreachableException} when no
 * connection could be made, and a plain {@link ImageException} otherwise (a server that was reached
 * but did not answer in time among them). Our own {@link ImageException}s pass through.
 */
public final class ConnectionFailures {

  private ConnectionFailures() {}

  /**
   * @param host the host the request went to (for messages)
   * @param what the request, e.g. {@code GET manifest "app:1.0"}
   */
  public static ImageException translate(String host, String what, IOException e) {
    if (e instanceof ImageException image) {
      return image;
    }
    if (clientCertificateRefused(e)) {
      return new TlsException(
          host,
          "the registry requires a client certificate it accepts, and none was presented"
              + " (" + message(e) + ")",
          TlsException.Problem.CLIENT_CERTIFICATE,
          e);
    }
    if (isTls(e)) {
      return new TlsException(host, tlsReason(e), e);
    }
    if (e instanceof AnswerTimeouts.NoAnswer noAnswer) {
      return new ImageException(
          "timed out waiting for the answer to "
              + what
              + " from registry \""
              + host
              + "\" (none in "
              + noAnswer.timeout()
              + ")",
          e);
    }
    String unreachable = unreachableReason(e);
    if (unreachable != null) {
      return new RegistryUnreachableException(host, unreachable, e);
    }
    return new ImageException(what + " from \"" + host + "\" failed: " + describe(e), e);
  }

  /** Translates a failure while reading a response body, after the registry answered. */
  public static ImageException whileReading(String host, String what, IOException e) {
    if (e instanceof ImageException image) {
      return image;
    }
    return new ImageException(
        "reading the response to " + what + " from \"" + host + "\" failed: " + describe(e), e);
  }

  /** Whether {@code e} failed the TLS handshake (or found no TLS server). */
  public static boolean isTls(IOException e) {
    return e instanceof SSLException;
  }

  /**
   * Whether a failure happened before any HTTP answer, at the connection or TLS level, so that
   * plain HTTP may be tried instead of HTTPS when TLS verification is off. A request the server
   * took over HTTPS and never answered is not: it speaks TLS.
   */
  public static boolean isBelowHttp(IOException e) {
    return !(e instanceof ImageException)
        && !(e instanceof UnknownHostException)
        && !(e instanceof AnswerTimeouts.NoAnswer)
        && !speaksTls(e);
  }

  /**
   * Whether the server answered in TLS (it sent an alert): then it is a TLS server that refused
   * the handshake, and plain HTTP is no way around that.
   */
  private static boolean speaksTls(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException && message(t).startsWith("Received fatal alert")) {
        return true;
      }
    }
    return false;
  }

  /** Whether the server refused the handshake for want of an acceptable client certificate. */
  private static boolean clientCertificateRefused(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = message(t);
      if (t instanceof SSLException
          && (m.contains("bad_certificate") || m.contains("certificate_required"))) {
        return true;
      }
    }
    return false;
  }

  private static String tlsReason(IOException e) {
    if (e instanceof SSLPeerUnverifiedException) {
      return "the certificate is not valid for the host name";
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateExpiredException) {
        return "the certificate has expired";
      }
      if (t instanceof CertificateNotYetValidException) {
        return "the certificate is not yet valid";
      }
      if (t instanceof CertPathBuilderException) {
        return "the certificate is signed by an unknown authority";
      }
      if (t instanceof CertPathValidatorException validator) {
        if (validator.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
          return "the certificate has expired";
        }
        if (validator.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
          return "the certificate is not yet valid";
        }
        return "the certificate chain is invalid: " + message(validator);
      }
    }
    String message = message(e).toLowerCase(Locale.ROOT);
    if (message.contains("unrecognized ssl message") || message.contains("plaintext connection")) {
      return "the server does not speak TLS (is it plain HTTP?)";
    }
    if (message.contains("no subject alternative") || message.contains("not verified")) {
      return "the certificate is not valid for the host name";
    }
    return "the TLS handshake failed: " + message(e);
  }

  private static @Nullable String unreachableReason(IOException e) {
    if (e instanceof UnknownHostException) {
      return "the host name could not be resolved";
    }
    if (e instanceof NoRouteToHostException) {
      return "no route to host";
    }
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    if (e instanceof InterruptedIOException) {
      return "the connection timed out"; // connecting, or the TLS handshake
    }
    if (e instanceof SocketException
        || e instanceof EOFException
        || e.getCause() instanceof EOFException) {
      return "the connection was closed before the registry answered (" + describe(e) + ")";
    }
    return null;
  }

  /** A short description of an I/O failure, with any URL in it redacted. */
  static String describe(IOException e) {
    String text = message(e);
    return text.isEmpty() ? e.getClass().getSimpleName() : text;
  }

  private static String message(@Nullable Throwable t) {
    String m = t == null ? null : t.getMessage();
    return m == null ? "" : Quote.excerpt(Redaction.text(m));
  }
}
