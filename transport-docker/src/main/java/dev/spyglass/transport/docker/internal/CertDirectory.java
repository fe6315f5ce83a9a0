package dev.spyglass.transport.docker.internal;

import dev.spyglass.api.ImageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * The contents of a certificate directory, as Docker and containers/image lay it out: {@code *.crt}
 * files are extra certificate authorities, and each {@code NAME.cert} with its {@code NAME.key}
 * (PEM) is a client certificate. Other files are ignored.
 */
final class CertDirectory {
  private static final int MAX_FILE_BYTES = 1024 * 1024;

  private final List<X509Certificate> authorities;
  private final List<ClientKey> clientKeys;

  private CertDirectory(List<X509Certificate> authorities, List<ClientKey> clientKeys) {
    this.authorities = List.copyOf(authorities);
    this.clientKeys = List.copyOf(clientKeys);
  }

  /** A client key and its certificate chain, read from {@code NAME.key} and {@code NAME.cert}. */
  record ClientKey(String name, PrivateKey key, List<X509Certificate> chain) {
    @Override
    public String toString() {
      return "ClientKey[" + name + "]";
    }
  }

  /**
   * @throws ImageException naming the directory or file and why it cannot be used
   */
  static CertDirectory read(Path dir) throws ImageException {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new ImageException("certificate directory \"" + dir + "\" cannot be read: " + e, e);
    }
    List<X509Certificate> authorities = new ArrayList<>();
    List<ClientKey> clientKeys = new ArrayList<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (name.endsWith(".crt")) {
        authorities.addAll(certificates(file));
      } else if (name.endsWith(".cert")) {
        String base = name.substring(0, name.length() - ".cert".length());
        Path key = file.resolveSibling(base + ".key");
        if (!Files.isRegularFile(key)) {
          throw new ImageException(
              "client certificate \""
                  + file
                  + "\" has no private key \""
                  + key.getFileName()
                  + "\"");
        }
        clientKeys.add(new ClientKey(base, privateKey(key), certificates(file)));
      } else if (name.endsWith(".key")) {
        Path cert =
            file.resolveSibling(name.substring(0, name.length() - ".key".length()) + ".cert");
        if (!Files.isRegularFile(cert)) {
          throw new ImageException(
              "private key \""
                  + file
                  + "\" has no client certificate \""
                  + cert.getFileName()
                  + "\"");
        }
      }
    }
    return new CertDirectory(authorities, clientKeys);
  }

  List<X509Certificate> authorities() {
    return authorities;
  }

  /** Key managers presenting the client certificates, or null when there are none. */
  KeyManager @org.jspecify.annotations.Nullable [] keyManagers() throws ImageException {
    if (clientKeys.isEmpty()) {
      return null;
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] password = new char[0];
      for (ClientKey client : clientKeys) {
        store.setKeyEntry(
            client.name(), client.key(), password, client.chain().toArray(new Certificate[0]));
      }
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, password);
      return factory.getKeyManagers();
    } catch (GeneralSecurityException | IOException e) {
      throw new ImageException("the client certificates cannot be used: " + e.getMessage(), e);
    }
  }

  private static List<X509Certificate> certificates(Path file) throws ImageException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      if (bytes.length > MAX_FILE_BYTES) {
        throw new ImageException("certificate file \"" + file + "\" is larger than 1 MiB");
      }
      List<X509Certificate> result = new ArrayList<>();
      for (Certificate c :
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new java.io.ByteArrayInputStream(bytes))) {
        result.add((X509Certificate) c);
      }
      if (result.isEmpty()) {
        throw new ImageException("certificate file \"" + file + "\" holds no certificate");
      }
      return result;
    } catch (IOException e) {
      throw e instanceof ImageException image
          ? image
          : new ImageException("certificate file \"" + file + "\" cannot be read: " + e, e);
    } catch (GeneralSecurityException e) {
      throw new ImageException(
          "certificate file \"" + file + "\" is not a PEM certificate: " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(Path file) throws ImageException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_FILE_BYTES + 1);
    } catch (IOException e) {
      throw new ImageException("private key \"" + file + "\" cannot be read: " + e, e);
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw new ImageException("private key \"" + file + "\" is larger than 1 MiB");
    }
    try {
      return PemKeys.read(new String(bytes, StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new ImageException("private key \"" + file + "\" cannot be used: " + e.getMessage(), e);
    }
  }
}
