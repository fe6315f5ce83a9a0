package dev.spyglass.it;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Makes a throwaway certificate authority and a server certificate it signs for {@code 127.0.0.1}
 * and {@code localhost} (P-256 ECDSA, valid for one day), in plain Java: the X.509 structures are
 * written in DER by hand, so no keytool or openssl process is needed.
 *
 * @param caCertificate the CA certificate, PEM, for clients that verify
 * @param serverChain the server certificate followed by the CA certificate, PEM, for the registry
 * @param serverKey the server's private key, PKCS#8 PEM, for the registry
 */
record TestCertificates(Path caCertificate, Path serverChain, Path serverKey) {

  private static final byte[] OID_EC_SHA256 = oid(1, 2, 840, 10045, 4, 3, 2);
  private static final byte[] OID_COMMON_NAME = oid(2, 5, 4, 3);
  private static final byte[] OID_BASIC_CONSTRAINTS = oid(2, 5, 29, 19);
  private static final byte[] OID_KEY_USAGE = oid(2, 5, 29, 15);
  private static final byte[] OID_EXT_KEY_USAGE = oid(2, 5, 29, 37);
  private static final byte[] OID_SUBJECT_ALT_NAME = oid(2, 5, 29, 17);
  private static final byte[] OID_SERVER_AUTH = oid(1, 3, 6, 1, 5, 5, 7, 3, 1);
  private static final byte[] OID_CLIENT_AUTH = oid(1, 3, 6, 1, 5, 5, 7, 3, 2);
  private static final byte[] OID_PRIME256V1 = oid(1, 2, 840, 10045, 3, 1, 7);
  private static final DateTimeFormatter UTC_TIME =
      DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

  /** Writes {@code ca.crt}, {@code server.crt} and {@code server.key} into {@code dir}. */
  static TestCertificates create(Path dir) throws IOException, GeneralSecurityException {
    SecureRandom random = new SecureRandom();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
    KeyPair ca = generator.generateKeyPair();
    KeyPair server = generator.generateKeyPair();
    byte[] caName = name("Spyglass IT throwaway CA");

    byte[] caExtensions =
        sequence(
            extension(OID_BASIC_CONSTRAINTS, true, sequence(der(0x01, new byte[] {(byte) 0xff}))),
            // digitalSignature, keyCertSign, cRLSign
            extension(OID_KEY_USAGE, true, der(0x03, new byte[] {1, (byte) 0x86})));
    byte[] caCert =
        certificate(
            random, caName, caName, ca.getPublic().getEncoded(), caExtensions, ca.getPrivate());

    byte[] serverExtensions =
        sequence(
            extension(OID_BASIC_CONSTRAINTS, true, sequence()),
            // digitalSignature
            extension(OID_KEY_USAGE, true, der(0x03, new byte[] {7, (byte) 0x80})),
            extension(OID_EXT_KEY_USAGE, false, sequence(OID_SERVER_AUTH)),
            extension(
                OID_SUBJECT_ALT_NAME,
                false,
                sequence(
                    der(0x87, new byte[] {127, 0, 0, 1}),
                    der(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)),
                    // The name ProxyIT reaches the registry by, which only its proxy resolves.
                    der(0x82, ProxyIT.REGISTRY_NAME.getBytes(StandardCharsets.US_ASCII)))));
    byte[] serverCert =
        certificate(
            random,
            caName,
            name("127.0.0.1"),
            server.getPublic().getEncoded(),
            serverExtensions,
            ca.getPrivate());

    Path caFile = dir.resolve("ca.crt");
    Path chainFile = dir.resolve("server.crt");
    Path keyFile = dir.resolve("server.key");
    Files.writeString(caFile, pem("CERTIFICATE", caCert));
    Files.writeString(chainFile, pem("CERTIFICATE", serverCert) + pem("CERTIFICATE", caCert));
    Files.writeString(keyFile, pem("PRIVATE KEY", server.getPrivate().getEncoded()));
    return new TestCertificates(caFile, chainFile, keyFile);
  }

  /** An SSL context that trusts this CA only. */
  SSLContext clientContext() throws IOException, GeneralSecurityException {
    return clientContext((KeyManager[]) null);
  }

  /** An SSL context that trusts this CA only and presents {@code client}'s certificate. */
  SSLContext clientContext(ClientCertificate client) throws IOException, GeneralSecurityException {
    return clientContext(client.keyManagers());
  }

  private SSLContext clientContext(KeyManager @Nullable [] keys)
      throws IOException, GeneralSecurityException {
    X509Certificate certificate;
    try (var in = new ByteArrayInputStream(Files.readAllBytes(caCertificate))) {
      certificate =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("spyglass-it-ca", certificate);
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys, factory.getTrustManagers(), new SecureRandom());
    return context;
  }

  /**
   * A client certificate for mutual TLS and the throwaway CA that signs it (P-256 ECDSA, valid for
   * one day, extended key usage clientAuth), written as a certificate directory wants them.
   *
   * @param caCertificate the client CA, PEM, for a registry's {@code http.tls.clientcas}
   * @param certificate the client certificate, PEM (a certificate directory's {@code NAME.cert})
   * @param pkcs8Key its private key as PKCS#8 PEM ({@code PRIVATE KEY})
   * @param sec1Key the same key as SEC1 PEM ({@code EC PRIVATE KEY}, curve named), as OpenSSL
   *     writes it
   */
  record ClientCertificate(Path caCertificate, Path certificate, Path pkcs8Key, Path sec1Key) {

    /** Key managers presenting this certificate, for test clients. */
    KeyManager[] keyManagers() throws IOException, GeneralSecurityException {
      return TestCertificates.keyManagers(
          readPrivateKey(pkcs8Key), readCertificates(certificate));
    }
  }

  /** An SSL context presenting the server certificate and key, for test servers. */
  SSLContext serverContext() throws IOException, GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(
        keyManagers(readPrivateKey(serverKey), readCertificates(serverChain)),
        null,
        new SecureRandom());
    return context;
  }

  /** The EC private key of a PKCS#8 PEM file ({@code PRIVATE KEY}). */
  static PrivateKey readPrivateKey(Path pem) throws IOException, GeneralSecurityException {
    String text = Files.readString(pem, StandardCharsets.US_ASCII);
    byte[] der =
        Base64.getMimeDecoder()
            .decode(
                text.replace("-----BEGIN PRIVATE KEY-----", "")
                    .replace("-----END PRIVATE KEY-----", "")
                    .strip());
    return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
  }

  /** The certificates of a PEM file, in file order. */
  static Certificate[] readCertificates(Path pem) throws IOException, GeneralSecurityException {
    try (var in = Files.newInputStream(pem)) {
      return CertificateFactory.getInstance("X.509")
          .generateCertificates(in)
          .toArray(new Certificate[0]);
    }
  }

  private static KeyManager[] keyManagers(PrivateKey key, Certificate[] chain)
      throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("key", key, new char[0], chain);
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, new char[0]);
    return factory.getKeyManagers();
  }

  /**
   * Writes {@code client-ca.crt}, {@code client.cert}, {@code client-pkcs8.key} and {@code
   * client-sec1.key} into {@code dir}: a second CA, of its own, and a client certificate it signs.
   */
  static ClientCertificate createClient(Path dir) throws IOException, GeneralSecurityException {
    SecureRandom random = new SecureRandom();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
    KeyPair ca = generator.generateKeyPair();
    KeyPair client = generator.generateKeyPair();
    byte[] caName = name("Spyglass IT throwaway client CA");
    byte[] caExtensions =
        sequence(
            extension(OID_BASIC_CONSTRAINTS, true, sequence(der(0x01, new byte[] {(byte) 0xff}))),
            // digitalSignature, keyCertSign, cRLSign
            extension(OID_KEY_USAGE, true, der(0x03, new byte[] {1, (byte) 0x86})));
    byte[] caCert =
        certificate(
            random, caName, caName, ca.getPublic().getEncoded(), caExtensions, ca.getPrivate());
    byte[] clientExtensions =
        sequence(
            extension(OID_BASIC_CONSTRAINTS, true, sequence()),
            // digitalSignature
            extension(OID_KEY_USAGE, true, der(0x03, new byte[] {7, (byte) 0x80})),
            extension(OID_EXT_KEY_USAGE, false, sequence(OID_CLIENT_AUTH)));
    byte[] clientCert =
        certificate(
            random,
            caName,
            name("spyglass-it-client"),
            client.getPublic().getEncoded(),
            clientExtensions,
            ca.getPrivate());

    // SEC1 ECPrivateKey: version 1, the 32-byte secret, [0] the curve, [1] the public point.
    byte[] secret = new byte[32];
    byte[] s = ((ECPrivateKey) client.getPrivate()).getS().toByteArray();
    int length = Math.min(s.length, 32);
    System.arraycopy(s, s.length - length, secret, 32 - length, length);
    byte[] spki = client.getPublic().getEncoded();
    byte[] point = Arrays.copyOfRange(spki, spki.length - 65, spki.length);
    byte[] sec1 =
        sequence(
            der(0x02, new byte[] {1}),
            der(0x04, secret),
            der(0xa0, OID_PRIME256V1),
            der(0xa1, bitString(point)));

    Path caFile = dir.resolve("client-ca.crt");
    Path certFile = dir.resolve("client.cert");
    Path pkcs8File = dir.resolve("client-pkcs8.key");
    Path sec1File = dir.resolve("client-sec1.key");
    Files.writeString(caFile, pem("CERTIFICATE", caCert));
    Files.writeString(certFile, pem("CERTIFICATE", clientCert));
    Files.writeString(pkcs8File, pem("PRIVATE KEY", client.getPrivate().getEncoded()));
    Files.writeString(sec1File, pem("EC PRIVATE KEY", sec1));
    return new ClientCertificate(caFile, certFile, pkcs8File, sec1File);
  }

  private static byte[] certificate(
      SecureRandom random,
      byte[] issuer,
      byte[] subject,
      byte[] subjectPublicKeyInfo,
      byte[] extensions,
      PrivateKey signer)
      throws GeneralSecurityException {
    byte[] serial = new byte[12];
    random.nextBytes(serial);
    serial[0] &= 0x7f;
    serial[0] |= 0x01;
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    byte[] algorithm = sequence(OID_EC_SHA256);
    byte[] tbs =
        sequence(
            der(0xa0, der(0x02, new byte[] {2})), // version v3
            der(0x02, new BigInteger(serial).toByteArray()),
            algorithm,
            issuer,
            sequence(
                utcTime(now.minus(1, ChronoUnit.HOURS)), utcTime(now.plus(1, ChronoUnit.DAYS))),
            subject,
            subjectPublicKeyInfo,
            der(0xa3, extensions));
    Signature signature = Signature.getInstance("SHA256withECDSA");
    signature.initSign(signer);
    signature.update(tbs);
    return sequence(tbs, algorithm, bitString(signature.sign()));
  }

  private static byte[] name(String commonName) {
    return sequence(
        der(
            0x31,
            sequence(OID_COMMON_NAME, der(0x0c, commonName.getBytes(StandardCharsets.UTF_8)))));
  }

  private static byte[] extension(byte[] oid, boolean critical, byte[] value) {
    return critical
        ? sequence(oid, der(0x01, new byte[] {(byte) 0xff}), der(0x04, value))
        : sequence(oid, der(0x04, value));
  }

  private static byte[] utcTime(Instant instant) {
    return der(0x17, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] bitString(byte[] bits) {
    byte[] content = new byte[bits.length + 1];
    System.arraycopy(bits, 0, content, 1, bits.length);
    return der(0x03, content);
  }

  private static byte[] oid(int... arcs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    base128(out, arcs[0] * 40 + arcs[1]);
    for (int i = 2; i < arcs.length; i++) {
      base128(out, arcs[i]);
    }
    return der(0x06, out.toByteArray());
  }

  private static void base128(ByteArrayOutputStream out, int value) {
    int shift = 28;
    while (shift > 0 && (value >>> shift) == 0) {
      shift -= 7;
    }
    for (; shift > 0; shift -= 7) {
      out.write(0x80 | ((value >>> shift) & 0x7f));
    }
    out.write(value & 0x7f);
  }

  private static byte[] sequence(byte[]... parts) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      content.writeBytes(part);
    }
    return der(0x30, content.toByteArray());
  }

  private static byte[] der(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else if (length < 0x100) {
      out.write(0x81);
      out.write(length);
    } else {
      out.write(0x82);
      out.write(length >>> 8);
      out.write(length & 0xff);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
