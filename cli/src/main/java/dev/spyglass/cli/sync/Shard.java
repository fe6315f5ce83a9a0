package dev.spyglass.cli.sync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One of {@code count} disjoint shares of a sync, {@code index} 0-based (as Kubernetes' {@code
 * JOB_COMPLETION_INDEX}): a repository belongs to the share its name hashes to (the first 8 bytes
 * of the SHA-256 of its UTF-8 name, unsigned, modulo {@code count}), so the assignment of a
 * repository never depends on the other repositories of the sync, and every image of a repository
 * goes to the same share.
 */
public record Shard(int index, int count) {
  /** Every image: one share of one. */
  public static final Shard ALL = new Shard(0, 1);

  public Shard {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException(
          "a shard is K/N with N at least 1 and K from 0 to N-1, not " + index + "/" + count);
    }
  }

  /**
   * Parses {@code K/N}.
   *
   * @throws IllegalArgumentException when the text is not {@code K/N} with {@code 0 <= K < N}
   */
  public static Shard parse(String text) {
    int slash = text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1) {
      throw new IllegalArgumentException(
          "--shard takes K/N (e.g. 0/4: the first of four shares), not \"" + text + "\"");
    }
    try {
      return new Shard(
          Integer.parseInt(text.substring(0, slash)), Integer.parseInt(text.substring(slash + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--shard takes K/N with whole numbers (e.g. 0/4), not \"" + text + "\"", e);
    }
  }

  /**
   * Whether the repository (a source repository name, e.g. {@code registry:5000/ns/app}) is ours.
   */
  public boolean owns(String repository) {
    return count == 1 || shareOf(repository, count) == index;
  }

  /** The share of {@code repository} among {@code count}. */
  static int shareOf(String repository, int count) {
    byte[] hash;
    try {
      hash =
          MessageDigest.getInstance("SHA-256").digest(repository.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (hash[i] & 0xff);
    }
    return (int) Long.remainderUnsigned(value, count);
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
