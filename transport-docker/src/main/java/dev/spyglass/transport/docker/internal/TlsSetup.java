package dev.spyglass.transport.docker.internal;

import dev.spyglass.api.ImageException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A socket factory and trust manager for {@link TlsSettings}: the platform's CAs, plus a
 * directory's {@code *.crt} and client certificates when there is one, or trust-all when not
 * verifying. The handshake is bounded by {@link HandshakeTimeout}.
 */
record TlsSetup(SSLSocketFactory socketFactory, X509TrustManager trustManager) {

  static TlsSetup of(TlsSettings settings, Duration handshakeTimeout) throws ImageException {
    CertDirectory dir = settings.certDir() == null ? null : CertDirectory.read(settings.certDir());
    try {
      X509TrustManager trust =
          !settings.verify()
              ? TrustAll.INSTANCE
              : systemPlus(dir == null ? List.of() : dir.authorities());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(dir == null ? null : dir.keyManagers(), new TrustManager[] {trust}, null);
      return new TlsSetup(
          new HandshakeTimeout(context.getSocketFactory(), handshakeTimeout), trust);
    } catch (GeneralSecurityException | IOException e) {
      throw new ImageException("TLS cannot be set up: " + e.getMessage(), e);
    }
  }

  /** The platform's trust manager, with {@code extra} authorities added when there are any. */
  private static X509TrustManager systemPlus(List<X509Certificate> extra)
      throws GeneralSecurityException, IOException {
    TrustManagerFactory system =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    system.init((KeyStore) null);
    X509TrustManager platform = x509(system);
    if (extra.isEmpty()) {
      return platform;
    }
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int n = 0;
    for (X509Certificate ca : platform.getAcceptedIssuers()) {
      store.setCertificateEntry("system-" + n++, ca);
    }
    for (X509Certificate ca : extra) {
      store.setCertificateEntry("extra-" + n++, ca);
    }
    TrustManagerFactory combined =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    combined.init(store);
    return x509(combined);
  }

  private static X509TrustManager x509(TrustManagerFactory factory)
      throws GeneralSecurityException {
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("the platform has no X.509 trust manager");
  }
}
