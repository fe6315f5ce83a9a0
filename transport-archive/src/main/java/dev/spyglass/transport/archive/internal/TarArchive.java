package dev.spyglass.transport.archive.internal;

import dev.spyglass.api.BoundedInput;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
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
      new TarIndexReader(channel, what).readAll(entries, order);
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
    return new TarEntryStream(channel, entry.offset(), entry.size());
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
    return refusal(what, reason);
  }

  /**
   * Cleans a name of the archive: removes {@code .} and empty segments; refuses absolute names,
   * {@code ..} segments and NUL characters.
   */
  public static String clean(String name, String subject) throws InvalidManifestException {
    return TarNames.clean(name, subject);
  }

  /** The refusal of {@code what} (an archive) for {@code reason}, under rule {@link #RULE}. */
  static InvalidManifestException refusal(String what, String reason) {
    return new InvalidManifestException(RULE, what + " is refused: " + reason);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing to do: the channel was only read.
    }
  }
}
