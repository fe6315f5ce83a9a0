package dev.spyglass.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Identifies content by a cryptographic hash, written {@code algorithm:hex}.
 *
 * <p>Only the algorithms of the OCI image specification are accepted ({@code sha256}, {@code
 * sha384}, {@code sha512}), with exactly the number of lowercase hex digits the algorithm produces.
 * A {@code Digest} is therefore always safe to use as a file name or URL path segment.
 */
public record Digest(String algorithm, String hex) {

  /** The algorithm registries use unless told otherwise. */
  public static final String SHA256 = "sha256";

  // equals and hashCode are written out: a record's generated ones are linked on first use by
  // spinning method handles, a few milliseconds of every command's start for a type every
  // command compares.
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Digest that && hex.equals(that.hex) && algorithm.equals(that.algorithm);
  }

  @Override
  public int hashCode() {
    return 31 * algorithm.hashCode() + hex.hashCode();
  }

  public Digest {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(hex, "hex");
    int expected = hexLength(algorithm);
    if (expected < 0) {
      throw new IllegalArgumentException(
          "digest algorithm " + Quote.of(algorithm) + " is not one of sha256, sha384, sha512");
    }
    if (hex.length() != expected || !isLowerHex(hex)) {
      throw new IllegalArgumentException(
          "digest "
              + Quote.of(algorithm + ":" + hex)
              + " must have "
              + expected
              + " lowercase hex digits after \""
              + algorithm
              + ":\"");
    }
  }

  /**
   * Parses {@code algorithm:hex}; throws {@link IllegalArgumentException} whose message is {@code
   * digest "TEXT" REASON}, the text quoted once (through {@link Quote}), so that a caller adds its
   * context in front (e.g. {@code "layers[2].digest: " + e.getMessage()}) and not the text again.
   */
  public static Digest parse(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "digest " + Quote.of(text) + " is not of the form algorithm:hex");
    }
    if (hexLength(text.substring(0, colon)) < 0) {
      throw new IllegalArgumentException(
          "digest " + Quote.of(text) + " has an algorithm not one of sha256, sha384, sha512");
    }
    return new Digest(text.substring(0, colon), text.substring(colon + 1));
  }

  /** Returns whether {@code text} is a valid digest. */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Computes the SHA-256 digest of {@code bytes}. */
  public static Digest sha256(byte[] bytes) {
    return of(SHA256, newMessageDigest(SHA256).digest(bytes));
  }

  /** Computes the digest of {@code bytes} with the same algorithm as this one. */
  public Digest recompute(byte[] bytes) {
    return of(algorithm, newMessageDigest(algorithm).digest(bytes));
  }

  /** Returns whether this digest is the hash of {@code bytes}. */
  public boolean matches(byte[] bytes) {
    return equals(recompute(bytes));
  }

  /** Builds a digest from a finished hash. */
  public static Digest of(String algorithm, byte[] hash) {
    return new Digest(algorithm, HexFormat.of().formatHex(hash));
  }

  /** Returns a fresh {@link MessageDigest} for an accepted algorithm name. */
  public static MessageDigest newMessageDigest(String algorithm) {
    if (algorithm.equals(SHA256)) {
      try {
        // A copy of one instance: each getInstance looks the provider up again and checks the
        // algorithm constraints, a sizeable share of hashing a manifest or a config.
        return (MessageDigest) Sha256Prototype.INSTANCE.clone();
      } catch (CloneNotSupportedException e) {
        // not this JVM's provider: look it up each time
      }
    }
    String jca =
        switch (algorithm) {
          case "sha256" -> "SHA-256";
          case "sha384" -> "SHA-384";
          case "sha512" -> "SHA-512";
          default ->
              throw new IllegalArgumentException(
                  "unknown digest algorithm " + Quote.of(algorithm));
        };
    return getInstance(jca);
  }

  /** Returns the first 12 hex digits, as registries and Docker print short ids. */
  public String shortHex() {
    return hex.substring(0, 12);
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }

  private static int hexLength(String algorithm) {
    return switch (algorithm.toLowerCase(Locale.ROOT).equals(algorithm) ? algorithm : "") {
      case "sha256" -> 64;
      case "sha384" -> 96;
      case "sha512" -> 128;
      default -> -1;
    };
  }

  private static boolean isLowerHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** Holds the SHA-256 instance copied by {@link #newMessageDigest}, made on first use. */
  private static final class Sha256Prototype {
    static final MessageDigest INSTANCE = getInstance("SHA-256");
  }

  private static MessageDigest getInstance(String jca) {
    try {
      return MessageDigest.getInstance(jca);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(jca + " is missing from this JVM", e);
    }
  }
}
