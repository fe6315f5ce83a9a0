package dev.spyglass.image;

import dev.spyglass.api.Digest;
import dev.spyglass.api.ImageException;
import java.security.MessageDigest;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Computes a layer's diff id (the SHA-256 of its uncompressed bytes) from its stored bytes as they
 * are pushed in, in bounded memory: gzip (one or more members, each checked against its CRC-32 and
 * length) is inflated on the fly; a blob that does not start as gzip, bzip2, xz or zstd is taken as
 * uncompressed, as containers/image's compression detection does. Not thread safe; one per blob.
 */
final class DiffIdDigest {
  private static final int SNIFF = 6;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;
  private static final int FHCRC = 2;

  private enum State {
    SNIFF,
    IDENTITY,
    HEADER,
    EXTRA_LENGTH,
    EXTRA,
    NAME,
    COMMENT,
    HEADER_CRC,
    INFLATE,
    TRAILER,
    BETWEEN_MEMBERS
  }

  private final String subject;
  private final MessageDigest sha256 = Digest.newMessageDigest(Digest.SHA256);
  private final byte[] head = new byte[10];
  private final byte[] trailer = new byte[8];
  private final byte[] out = new byte[64 * 1024];
  private final CRC32 crc = new CRC32();
  private final Inflater inflater = new Inflater(true);
  private State state = State.SNIFF;
  private int filled;
  private int flags;
  private int remaining;
  private long memberSize;

  /** {@code subject} names the blob in messages. */
  DiffIdDigest(String subject) {
    this.subject = subject;
  }

  /** Takes the next stored bytes. */
  void update(byte[] b, int off, int len) throws ImageException {
    int i = off;
    int end = off + len;
    while (i < end) {
      switch (state) {
        case SNIFF -> {
          head[filled++] = b[i++];
          if (filled == SNIFF) {
            decide();
          }
        }
        case IDENTITY -> {
          sha256.update(b, i, end - i);
          i = end;
        }
        case HEADER -> {
          head[filled++] = b[i++];
          if (filled == head.length) {
            startMember();
          }
        }
        case EXTRA_LENGTH -> {
          remaining |= (b[i++] & 0xff) << (8 * filled++);
          if (filled == 2) {
            state = State.EXTRA;
            afterField();
          }
        }
        case EXTRA, HEADER_CRC -> {
          int n = Math.min(remaining, end - i);
          i += n;
          remaining -= n;
          afterField();
        }
        case NAME, COMMENT -> {
          if (b[i++] == 0) {
            flags &= state == State.NAME ? ~FNAME : ~FCOMMENT;
            nextHeaderField();
          }
        }
        case INFLATE -> i = inflate(b, i, end);
        case TRAILER -> {
          trailer[filled++] = b[i++];
          if (filled == trailer.length) {
            endMember();
          }
        }
        case BETWEEN_MEMBERS -> {
          state = State.HEADER;
          filled = 0;
        }
      }
    }
  }

  /** The diff id, once every byte was pushed in. */
  Digest finish() throws ImageException {
    if (state == State.SNIFF) {
      if (filled >= 3 && isGzip()) {
        fail("ends inside its gzip header");
      }
      sha256.update(head, 0, filled);
      state = State.IDENTITY;
    }
    if (state != State.IDENTITY && state != State.BETWEEN_MEMBERS) {
      fail("ends inside a gzip member");
    }
    inflater.end();
    return Digest.of(Digest.SHA256, sha256.digest());
  }

  private boolean isGzip() {
    return (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b && head[2] == 8;
  }

  private void decide() throws ImageException {
    if (isGzip()) {
      state = State.HEADER; // keep the 6 bytes read, wait for the other 4
      return;
    }
    if ((head[0] == 'B' && head[1] == 'Z' && head[2] == 'h')
        || ((head[0] & 0xff) == 0xfd && head[1] == '7' && head[2] == 'z' && head[3] == 'X')
        || ((head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f)) {
      fail("is compressed with bzip2, xz or zstd, which cannot be decompressed for its diff id");
    }
    sha256.update(head, 0, SNIFF);
    state = State.IDENTITY;
  }

  private void startMember() throws ImageException {
    if (!isGzip()) {
      fail("has data after a gzip member that is not another gzip member");
    }
    flags = head[3] & 0xff;
    crc.reset();
    inflater.reset();
    memberSize = 0;
    nextHeaderField();
  }

  /** Moves to the next optional header field the flags announce, in RFC 1952's order. */
  private void nextHeaderField() {
    filled = 0;
    remaining = 0;
    if ((flags & FEXTRA) != 0) {
      flags &= ~FEXTRA;
      state = State.EXTRA_LENGTH;
    } else if ((flags & FNAME) != 0) {
      state = State.NAME;
    } else if ((flags & FCOMMENT) != 0) {
      state = State.COMMENT;
    } else if ((flags & FHCRC) != 0) {
      flags &= ~FHCRC;
      remaining = 2;
      state = State.HEADER_CRC;
    } else {
      state = State.INFLATE;
    }
  }

  private void afterField() {
    if (remaining == 0) {
      nextHeaderField();
    }
  }

  private int inflate(byte[] b, int i, int end) throws ImageException {
    inflater.setInput(b, i, end - i);
    try {
      while (true) {
        int n = inflater.inflate(out);
        if (n > 0) {
          sha256.update(out, 0, n);
          crc.update(out, 0, n);
          memberSize += n;
        }
        if (inflater.finished()) {
          state = State.TRAILER;
          filled = 0;
          return end - inflater.getRemaining();
        }
        if (inflater.needsDictionary()) {
          fail("is not valid gzip: its deflate stream needs a preset dictionary");
        }
        if (n == 0) {
          return end; // needs input: all of it was taken
        }
      }
    } catch (DataFormatException e) {
      fail("is not valid gzip: " + e.getMessage());
      return end; // not reached
    }
  }

  private void endMember() throws ImageException {
    long expectedCrc = le32(0);
    long expectedSize = le32(4);
    if (expectedCrc != crc.getValue() || expectedSize != (memberSize & 0xffffffffL)) {
      fail("is not valid gzip: a member's CRC-32 or length does not match its data");
    }
    state = State.BETWEEN_MEMBERS;
  }

  private long le32(int at) {
    return (trailer[at] & 0xffL)
        | (trailer[at + 1] & 0xffL) << 8
        | (trailer[at + 2] & 0xffL) << 16
        | (trailer[at + 3] & 0xffL) << 24;
  }

  private void fail(String reason) throws ImageException {
    inflater.end();
    throw new ImageException("computing the diff id of layer " + subject + " failed: it " + reason);
  }
}
