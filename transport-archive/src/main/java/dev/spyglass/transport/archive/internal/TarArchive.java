package dev.spyglass.transport.archive.internal;

import dev.spyglass.api.BoundedInput;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.NotFoundException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * A tar file read as untrusted input: one pass over its headers records where each entry's data
 * lies, and reading an entry then seeks to it. Nothing is extracted and no entry is held in memory
 * unless asked for, bounded. Understands ustar, pax ({@code path}, {@code linkpath}, {@code size})
 * and GNU long names; refuses, naming the entry, names that are absolute or contain {@code ..},
 * links that point outside the archive, entries that are neither files, directories nor links
 * (devices, FIFOs, sparse files), duplicate file names, bad header checksums and archives that end
 * early. Thread safe once opened: reads use positional I/O on one channel.
 */
public final class TarArchive implements AutoCloseable {
  /** Refused archives: the rule every message of this class carries. */
  public static final String RULE = "invalid-archive";

  static final int BLOCK = 512;
  private static final int MAX_EXTENDED_HEADER = 1024 * 1024;
  private static final int MAX_ENTRIES = 200_000;
  private static final int MAX_LINK_DEPTH = 16;

  /**
   * One entry: {@code type} is {@code '0'} (file), {@code '5'} (directory), {@code '1'} or {@code
   * '2'} (links).
   */
  public record Entry(String name, char type, long offset, long size, String linkTarget) {
    boolean isFile() {
      return type == '0';
    }
  }

  private final Path file;
  private final String what;
  private final FileChannel channel;
  private final Map<String, Entry> entries;
  private final List<String> order;
  private @Nullable Path deleteOnClose;

  private TarArchive(
      Path file, String what, FileChannel channel, Map<String, Entry> entries, List<String> order) {
    this.file = file;
    this.what = what;
    this.channel = channel;
    this.entries = entries;
    this.order = order;
  }

  /**
   * Reads the headers of the tar {@code file}.
   *
   * @param what names the archive in messages, e.g. {@code "archive \"/tmp/app.tar\""}
   * @throws InvalidManifestException rule {@link #RULE} when the archive breaks a rule above
   */
  public static TarArchive open(Path file, String what) throws ImageException {
    FileChannel channel;
    try {
      channel = FileChannel.open(file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new NotFoundException("archive", file.toString(), "no such file");
    } catch (IOException e) {
      throw new ImageException("opening " + what + " failed: " + e.getMessage(), e);
    }
    try {
      Map<String, Entry> entries = new HashMap<>();
      List<String> order = new ArrayList<>();
      new HeaderReader(channel, what).readAll(entries, order);
      TarArchive archive = new TarArchive(file, what, channel, entries, order);
      archive.checkLinks();
      return archive;
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      if (e instanceof ImageException i) {
        throw i;
      }
      if (e instanceof IOException io) {
        throw new ImageException("reading " + what + " failed: " + io.getMessage(), io);
      }
      throw (RuntimeException) e;
    }
  }

  public Path file() {
    return file;
  }

  /** Entry names in archive order (directories included, without a trailing slash). */
  public List<String> names() {
    return List.copyOf(order);
  }

  /**
   * The regular file {@code name} names, following links inside the archive.
   *
   * @throws InvalidManifestException when {@code name} leaves the archive or names no file
   */
  public Optional<Entry> find(String name) throws InvalidManifestException {
    String clean = clean(name, "name \"" + name + "\"");
    Entry entry = entries.get(clean);
    for (int depth = 0; entry != null && !entry.isFile(); depth++) {
      if (entry.type() == '5') {
        throw refused("\"" + name + "\" is a directory, not a file");
      }
      if (depth >= MAX_LINK_DEPTH) {
        throw refused(
            "link \"" + name + "\" is followed through more than " + MAX_LINK_DEPTH + " links");
      }
      entry = entries.get(entry.linkTarget());
    }
    return Optional.ofNullable(entry);
  }

  /** Like {@link #find}, but a missing entry is a {@link NotFoundException}. */
  public Entry require(String name) throws ImageException {
    return find(name).orElseThrow(() -> new NotFoundException("file", name, "not in " + what));
  }

  /** Streams the data of {@code entry} (a file), without buffering it whole. Does not verify it. */
  public InputStream open(Entry entry) {
    return new EntryStream(channel, entry.offset(), entry.size());
  }

  /** Reads the file {@code name} whole, failing when it is longer than {@code limit}. */
  public byte[] read(String name, int limit) throws ImageException {
    Entry entry = require(name);
    try (InputStream in = open(entry)) {
      return BoundedInput.readAtMost(in, limit, "\"" + name + "\" of " + what);
    } catch (ImageException e) {
      throw e;
    } catch (IOException e) {
      throw new ImageException(
          "reading \"" + name + "\" of " + what + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    closeQuietly(channel);
    if (deleteOnClose != null) {
      try {
        Files.deleteIfExists(deleteOnClose);
      } catch (IOException e) {
        // Best effort: a file in the temporary directory.
      }
    }
  }

  /**
   * Opens {@code file} as {@link #open} does, first decompressing it into a temporary file (removed
   * on {@link #close()}) when it is gzip-compressed: a tar cannot be read by offsets through gzip.
   * The decompressed copy may be at most {@link #MAX_EXPANSION} times the compressed size (and at
   * least 64 MiB is allowed), which refuses decompression bombs. Archives compressed otherwise
   * (bzip2, xz, zstd) are refused.
   */
  public static TarArchive openMaybeCompressed(Path file, String what) throws ImageException {
    byte[] magic = new byte[6];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(magic, 0, magic.length);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new NotFoundException("archive", file.toString(), "no such file");
    } catch (IOException e) {
      throw new ImageException("opening " + what + " failed: " + e.getMessage(), e);
    }
    if (n >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
      return decompressed(file, what);
    }
    String other =
        n >= 3 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h'
            ? "bzip2"
            : n >= 6
                    && (magic[0] & 0xff) == 0xfd
                    && magic[1] == '7'
                    && magic[2] == 'z'
                    && magic[3] == 'X'
                ? "xz"
                : n >= 4
                        && (magic[0] & 0xff) == 0x28
                        && (magic[1] & 0xff) == 0xb5
                        && (magic[2] & 0xff) == 0x2f
                        && (magic[3] & 0xff) == 0xfd
                    ? "zstd"
                    : "";
    if (!other.isEmpty()) {
      throw new InvalidManifestException(
          RULE,
          what
              + " is "
              + other
              + "-compressed; only plain and gzip-compressed archives are read (decompress it"
              + " first)");
    }
    return open(file, what);
  }

  /** How many times its compressed size a gzip-compressed archive may expand to. */
  public static final int MAX_EXPANSION = 100;

  private static final long MIN_EXPANSION_LIMIT = 64L * 1024 * 1024;

  private static TarArchive decompressed(Path file, String what) throws ImageException {
    Path temp;
    try {
      temp = Files.createTempFile("spyglass-archive-", ".tar");
    } catch (IOException e) {
      throw new ImageException(
          "creating a temporary file to decompress " + what + " failed: " + e.getMessage(), e);
    }
    boolean done = false;
    try {
      long limit = Math.max(MIN_EXPANSION_LIMIT, Files.size(file) * MAX_EXPANSION);
      try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 64 * 1024);
          java.io.OutputStream out = Files.newOutputStream(temp)) {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int r;
        while ((r = in.read(buffer)) > 0) {
          total += r;
          if (total > limit) {
            throw new InvalidManifestException(
                RULE,
                what
                    + " is refused: it expands to more than "
                    + limit
                    + " bytes, "
                    + MAX_EXPANSION
                    + " times its compressed size (a decompression bomb?)");
          }
          out.write(buffer, 0, r);
        }
      }
      TarArchive archive = open(temp, what);
      archive.deleteOnClose = temp;
      done = true;
      return archive;
    } catch (ImageException e) {
      throw e;
    } catch (IOException e) {
      throw new InvalidManifestException(
          RULE, -1, "decompressing " + what + " failed: " + e.getMessage(), e);
    } finally {
      if (!done) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // Best effort.
        }
      }
    }
  }

  private void checkLinks() throws InvalidManifestException {
    for (String name : order) {
      Entry entry = entries.get(name);
      if (entry.type() == '1' || entry.type() == '2') {
        Entry target = entries.get(entry.linkTarget());
        if (target == null) {
          continue; // a dangling link inside the archive: harmless until read, then "not found"
        }
        Entry seen = target;
        for (int depth = 0; seen != null && (seen.type() == '1' || seen.type() == '2'); depth++) {
          if (depth >= MAX_LINK_DEPTH) {
            throw refused(
                "link \""
                    + name
                    + "\" is part of a loop or a chain of more than "
                    + MAX_LINK_DEPTH
                    + " links");
          }
          seen = entries.get(seen.linkTarget());
        }
      }
    }
  }

  private InvalidManifestException refused(String reason) {
    return new InvalidManifestException(RULE, what + " is refused: " + reason);
  }

  /**
   * Cleans a name of the archive: removes {@code .} and empty segments; refuses absolute names,
   * {@code ..} segments and NUL characters.
   */
  public static String clean(String name, String subject) throws InvalidManifestException {
    if (name.startsWith("/")) {
      throw new InvalidManifestException(
          RULE, subject + " is an absolute path, which leaves the archive");
    }
    if (name.indexOf('\0') >= 0) {
      throw new InvalidManifestException(RULE, subject + " contains a NUL character");
    }
    StringBuilder out = new StringBuilder();
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        throw new InvalidManifestException(
            RULE, subject + " contains \"..\", which may leave the archive");
      }
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(segment);
    }
    return out.toString();
  }

  /**
   * Resolves symbolic link {@code target}, relative to the directory of {@code link}, inside the
   * archive.
   */
  static String resolveSymlink(String link, String target, String subject)
      throws InvalidManifestException {
    if (target.startsWith("/")) {
      throw new InvalidManifestException(
          RULE, subject + " points to the absolute path \"" + target + "\", outside the archive");
    }
    List<String> parts = new ArrayList<>(List.of(link.split("/")));
    parts.remove(parts.size() - 1);
    for (String segment : target.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (parts.isEmpty()) {
          throw new InvalidManifestException(
              RULE, subject + " points to \"" + target + "\", outside the archive");
        }
        parts.remove(parts.size() - 1);
      } else if (segment.indexOf('\0') >= 0) {
        throw new InvalidManifestException(RULE, subject + " contains a NUL character");
      } else {
        parts.add(segment);
      }
    }
    return String.join("/", parts);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing to do: the channel was only read.
    }
  }

  /** The one pass over the headers. */
  private static final class HeaderReader {
    private final FileChannel channel;
    private final String what;
    private final long length;
    private long position;

    HeaderReader(FileChannel channel, String what) throws IOException {
      this.channel = channel;
      this.what = what;
      this.length = channel.size();
    }

    void readAll(Map<String, Entry> entries, List<String> order) throws IOException {
      String longName = null;
      String longLink = null;
      Map<String, String> pax = new HashMap<>();
      byte[] header = new byte[BLOCK];
      while (true) {
        long headerAt = position;
        if (position + BLOCK > length) {
          throw refused(
              position == length
                  ? "it ends without the end-of-archive blocks (truncated?)"
                  : "it ends inside the header at byte " + position + " (truncated)");
        }
        readFully(header, position);
        position += BLOCK;
        if (isZero(header)) {
          if (longName != null || longLink != null || !pax.isEmpty()) {
            throw refused(
                "an extended header at byte " + (headerAt - BLOCK) + " is followed by no entry");
          }
          return; // end of archive; what follows (a second zero block, padding) is not read
        }
        checkChecksum(header, headerAt);
        char type = (char) (header[156] & 0xff);
        String rawName = longName != null ? longName : pax.getOrDefault("path", ustarName(header));
        String rawLink =
            longLink != null ? longLink : pax.getOrDefault("linkpath", string(header, 157, 100));
        long size =
            pax.containsKey("size")
                ? paxSize(pax.get("size"), rawName)
                : number(header, 124, 12, "size", rawName);
        if (size < 0) {
          throw refused("entry \"" + rawName + "\" has a negative size");
        }
        if ("123456".indexOf(type) >= 0) {
          size = 0; // links, devices and directories have no data, whatever the header says
        }
        long dataAt = position;
        long dataBlocks = (size + BLOCK - 1) / BLOCK * BLOCK;
        if (dataAt + size > length) {
          throw refused(
              "entry \""
                  + rawName
                  + "\" needs "
                  + size
                  + " bytes but the archive ends after "
                  + (length - dataAt)
                  + " (truncated)");
        }
        position = Math.min(dataAt + dataBlocks, length);
        switch (type) {
          case 'x' -> {
            pax = parsePax(readExtended(dataAt, size, rawName), rawName);
            continue;
          }
          case 'g' -> {
            readExtended(dataAt, size, rawName); // global defaults: bounded, then ignored
            continue;
          }
          case 'L' -> {
            longName = trimNul(readExtended(dataAt, size, rawName));
            continue;
          }
          case 'K' -> {
            longLink = trimNul(readExtended(dataAt, size, rawName));
            continue;
          }
          default -> {}
        }
        longName = null;
        longLink = null;
        pax = new HashMap<>();
        String subject = "entry \"" + rawName + "\"";
        String name = prefixed(() -> clean(rawName, subject));
        char kind =
            switch (type) {
              case '0', '\0', '7' -> '0';
              case '5' -> '5';
              case '1', '2' -> type;
              case '3' ->
                  throw refused(
                      subject
                          + " is a character device; only files, directories and links are"
                          + " allowed");
              case '4' ->
                  throw refused(
                      subject
                          + " is a block device; only files, directories and links are allowed");
              case '6' ->
                  throw refused(
                      subject + " is a FIFO; only files, directories and links are allowed");
              case 'S' -> throw refused(subject + " is a sparse file, which is not supported");
              default ->
                  throw refused(
                      subject + " has the unsupported entry type '" + printable(type) + "'");
            };
        if (kind == '0' && rawName.endsWith("/")) {
          kind = '5'; // old tars mark directories by a trailing slash only
        }
        String link = "";
        if (kind == '2') {
          link = prefixed(() -> resolveSymlink(name, rawLink, "symbolic link \"" + rawName + "\""));
        } else if (kind == '1') {
          if (rawLink.startsWith("/")) {
            throw refused(
                "hard link \""
                    + rawName
                    + "\" points to the absolute path \""
                    + rawLink
                    + "\", outside the archive");
          }
          link = prefixed(() -> clean(rawLink, "hard link \"" + rawName + "\" target"));
        }
        if (name.isEmpty()) {
          if (kind != '5') {
            throw refused(subject + " has an empty name");
          }
          continue;
        }
        Entry entry = new Entry(name, kind, dataAt, kind == '0' ? size : 0, link);
        Entry previous = entries.get(name);
        if (previous != null) {
          if (previous.type() == '5' && kind == '5') {
            continue;
          }
          throw refused("\"" + name + "\" appears twice; refused as ambiguous");
        }
        if (entries.size() >= MAX_ENTRIES) {
          throw refused("it has more than " + MAX_ENTRIES + " entries");
        }
        entries.put(name, entry);
        order.add(name);
      }
    }

    private interface NameCheck {
      String get() throws InvalidManifestException;
    }

    /** Runs a name check, its refusal worded as the archive's. */
    private String prefixed(NameCheck check) throws InvalidManifestException {
      try {
        return check.get();
      } catch (InvalidManifestException e) {
        throw refused(e.getMessage());
      }
    }

    private byte[] readExtended(long at, long size, String name) throws IOException {
      if (size > MAX_EXTENDED_HEADER) {
        throw refused(
            "extended header before \""
                + name
                + "\" has "
                + size
                + " bytes, more than the limit of "
                + MAX_EXTENDED_HEADER);
      }
      byte[] bytes = new byte[(int) size];
      readFully(bytes, at);
      return bytes;
    }

    private Map<String, String> parsePax(byte[] data, String name) throws InvalidManifestException {
      Map<String, String> records = new HashMap<>();
      int i = 0;
      while (i < data.length) {
        int space = i;
        while (space < data.length && data[space] != ' ') {
          space++;
        }
        int length;
        try {
          length = Integer.parseInt(new String(data, i, space - i, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
          throw refused("a pax header before \"" + name + "\" has a record without a length");
        }
        if (length <= space - i + 1 || i + length > data.length || data[i + length - 1] != '\n') {
          throw refused("a pax header before \"" + name + "\" has a record of bad length");
        }
        String record = new String(data, space + 1, i + length - space - 2, StandardCharsets.UTF_8);
        int equals = record.indexOf('=');
        if (equals <= 0) {
          throw refused("a pax header before \"" + name + "\" has a record without a key");
        }
        records.put(record.substring(0, equals), record.substring(equals + 1));
        i += length;
      }
      return records;
    }

    private long paxSize(String text, String name) throws InvalidManifestException {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw refused("entry \"" + name + "\" has a pax size that is not a number");
      }
    }

    private void checkChecksum(byte[] header, long at) throws InvalidManifestException {
      long expected = number(header, 148, 8, "checksum", "at byte " + at);
      long unsigned = 0;
      long signed = 0;
      for (int i = 0; i < BLOCK; i++) {
        int b = i >= 148 && i < 156 ? ' ' : header[i];
        unsigned += b & 0xff;
        signed += b;
      }
      if (expected != unsigned && expected != signed) {
        throw refused("the header at byte " + at + " has a bad checksum (not a tar, or corrupt)");
      }
    }

    private long number(byte[] header, int offset, int length, String field, String name)
        throws InvalidManifestException {
      if ((header[offset] & 0x80) != 0) { // GNU base-256
        if ((header[offset] & 0xff) != 0x80) {
          throw refused("entry \"" + name + "\" has a negative or oversized " + field);
        }
        long value = 0;
        for (int i = offset + 1; i < offset + length; i++) {
          if ((value >>> 55) != 0) {
            throw refused("entry \"" + name + "\" has a " + field + " too large to handle");
          }
          value = (value << 8) | (header[i] & 0xff);
        }
        return value;
      }
      int i = offset;
      int end = offset + length;
      while (i < end && (header[i] == ' ' || header[i] == 0)) {
        i++;
      }
      long value = 0;
      for (; i < end && header[i] != 0 && header[i] != ' '; i++) {
        int digit = header[i] - '0';
        if (digit < 0 || digit > 7) {
          throw refused(
              "the header of "
                  + nameOrPosition(name)
                  + " has a "
                  + field
                  + " that is not an octal number");
        }
        value = value * 8 + digit;
      }
      return value;
    }

    private static String nameOrPosition(String name) {
      return name.startsWith("at byte") ? "the entry " + name : "\"" + name + "\"";
    }

    private String ustarName(byte[] header) {
      String name = string(header, 0, 100);
      String magic = new String(header, 257, 6, StandardCharsets.US_ASCII);
      if (magic.equals("ustar\0")) { // POSIX: a prefix may hold the leading directories
        String prefix = string(header, 345, 155);
        if (!prefix.isEmpty()) {
          return prefix + "/" + name;
        }
      }
      return name;
    }

    private void readFully(byte[] into, long at) throws IOException {
      ByteBuffer buffer = ByteBuffer.wrap(into);
      long p = at;
      while (buffer.hasRemaining()) {
        int n = channel.read(buffer, p);
        if (n < 0) {
          throw new EOFException(what + " ends early");
        }
        p += n;
      }
    }

    private InvalidManifestException refused(String reason) {
      return new InvalidManifestException(RULE, what + " is refused: " + reason);
    }
  }

  private static String string(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static String trimNul(byte[] bytes) {
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] == 0) {
      end--;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static String printable(char c) {
    return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c);
  }

  /** The bytes of one entry, read with positional reads so that several may be read at once. */
  private static final class EntryStream extends InputStream {
    private final FileChannel channel;
    private long position;
    private final long end;

    EntryStream(FileChannel channel, long offset, long size) {
      this.channel = channel;
      this.position = offset;
      this.end = offset + size;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (position >= end) {
        return -1;
      }
      int want = (int) Math.min(len, end - position);
      int n = channel.read(ByteBuffer.wrap(b, off, want), position);
      if (n < 0) {
        throw new EOFException(
            "the archive ended while an entry was read (was it truncated since?)");
      }
      position += n;
      return n;
    }

    @Override
    public long skip(long n) {
      long skipped = Math.max(0, Math.min(n, end - position));
      position += skipped;
      return skipped;
    }

    @Override
    public int available() {
      return (int) Math.min(Integer.MAX_VALUE, end - position);
    }
  }
}
