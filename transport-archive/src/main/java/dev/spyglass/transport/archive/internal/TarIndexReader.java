package dev.spyglass.transport.archive.internal;

import static dev.spyglass.transport.archive.internal.TarArchive.BLOCK;

import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.transport.archive.internal.TarArchive.Entry;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one pass over the headers of a tar that indexes its entries: where each entry's data lies,
 * its type and its link target, names cleaned. Refuses, naming the entry, what {@link TarArchive}
 * refuses: unsafe names, unsupported types, duplicates, too many entries and early ends.
 */
final class TarIndexReader {
  private static final int MAX_ENTRIES = 200_000;

  private final FileChannel channel;
  private final String what;
  private final long length;
  private long position;

  TarIndexReader(FileChannel channel, String what) throws IOException {
    this.channel = channel;
    this.what = what;
    this.length = channel.size();
  }

  /** Reads every header up to the end-of-archive block into {@code entries} and {@code order}. */
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
      if (TarHeaderFields.isZero(header)) {
        if (longName != null || longLink != null || !pax.isEmpty()) {
          throw refused(
              "an extended header at byte " + (headerAt - BLOCK) + " is followed by no entry");
        }
        return; // end of archive; what follows (a second zero block, padding) is not read
      }
      TarHeaderFields.checkChecksum(what, header, headerAt);
      char type = (char) (header[156] & 0xff);
      String rawName =
          longName != null ? longName : pax.getOrDefault("path", TarHeaderFields.ustarName(header));
      String rawLink =
          longLink != null
              ? longLink
              : pax.getOrDefault("linkpath", TarHeaderFields.string(header, 157, 100));
      long size =
          pax.containsKey("size")
              ? TarExtendedHeaders.paxSize(what, pax.get("size"), rawName)
              : TarHeaderFields.number(what, header, 124, 12, "size", rawName);
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
          pax = TarExtendedHeaders.parsePax(what, readExtended(dataAt, size, rawName), rawName);
          continue;
        }
        case 'g' -> {
          readExtended(dataAt, size, rawName); // global defaults: bounded, then ignored
          continue;
        }
        case 'L' -> {
          longName = TarExtendedHeaders.gnuLongName(readExtended(dataAt, size, rawName));
          continue;
        }
        case 'K' -> {
          longLink = TarExtendedHeaders.gnuLongName(readExtended(dataAt, size, rawName));
          continue;
        }
        default -> {}
      }
      longName = null;
      longLink = null;
      pax = new HashMap<>();
      String subject = "entry \"" + rawName + "\"";
      String name = prefixed(() -> TarNames.clean(rawName, subject));
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
                    subject + " is a block device; only files, directories and links are allowed");
            case '6' ->
                throw refused(
                    subject + " is a FIFO; only files, directories and links are allowed");
            case 'S' -> throw refused(subject + " is a sparse file, which is not supported");
            default ->
                throw refused(
                    subject
                        + " has the unsupported entry type '"
                        + TarHeaderFields.printable(type)
                        + "'");
          };
      if (kind == '0' && rawName.endsWith("/")) {
        kind = '5'; // old tars mark directories by a trailing slash only
      }
      String link = "";
      if (kind == '2') {
        link =
            prefixed(
                () -> TarNames.resolveSymlink(name, rawLink, "symbolic link \"" + rawName + "\""));
      } else if (kind == '1') {
        if (rawLink.startsWith("/")) {
          throw refused(
              "hard link \""
                  + rawName
                  + "\" points to the absolute path \""
                  + rawLink
                  + "\", outside the archive");
        }
        link = prefixed(() -> TarNames.clean(rawLink, "hard link \"" + rawName + "\" target"));
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
    TarExtendedHeaders.checkSize(what, size, name);
    byte[] bytes = new byte[(int) size];
    readFully(bytes, at);
    return bytes;
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
    return TarArchive.refusal(what, reason);
  }
}
