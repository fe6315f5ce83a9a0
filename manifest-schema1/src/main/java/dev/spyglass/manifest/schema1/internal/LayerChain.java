package dev.spyglass.manifest.schema1.internal;

import dev.spyglass.api.Digest;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.Quote;
import dev.spyglass.gojson.GoValue;
import dev.spyglass.manifest.schema1.HistoryEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates a schema1 layer chain and fixes it up as moby's and containers/image's {@code
 * fixManifestLayers} do, without their crashes on empty or short lists.
 *
 * <p>Checks, in this order, each failing with an {@link InvalidManifestException} of the rule
 * named: equal numbers of {@code fsLayers} and {@code history} ({@code length-mismatch}); at least
 * one ({@code empty}); every {@code blobSum} a valid digest ({@code invalid-digest}); every {@code
 * v1Compatibility} a JSON object ({@code bad-json}) with an {@code id} of 64 lowercase hex digits
 * ({@code invalid-id}); no parent on the base (last) entry ({@code base-has-parent}); no id
 * repeated apart from consecutive repeats ({@code duplicate-id}). Then, from the base upwards, a
 * run of consecutive entries with one id is collapsed to its last (oldest) entry, in both lists,
 * and every other entry's {@code parent} must be the id of the entry after it ({@code
 * parent-mismatch}). Indexes in messages are those of the manifest as written.
 */
public record LayerChain(List<Digest> blobSums, List<HistoryEntry> history) {
  private static final Pattern V1_ID = Pattern.compile("[a-f0-9]{64}");

  public LayerChain {
    blobSums = List.copyOf(blobSums);
    history = List.copyOf(history);
  }

  /** Validates and collapses the manifest's columns, both in manifest order (newest first). */
  public static LayerChain fixUp(List<String> blobSums, List<String> v1Compatibility)
      throws InvalidManifestException {
    int n = blobSums.size();
    if (n != v1Compatibility.size()) {
      throw new InvalidManifestException(
          "length-mismatch",
          "manifest has "
              + n
              + " fsLayers but "
              + v1Compatibility.size()
              + " history entries; they must pair up");
    }
    if (n == 0) {
      throw new InvalidManifestException(
          "empty", "manifest has 0 fsLayers and 0 history entries; an image needs at least one");
    }
    List<Digest> digests = digests(blobSums);
    List<HistoryEntry> entries = entries(v1Compatibility);
    requireValidIds(entries);
    HistoryEntry base = entries.get(n - 1);
    if (!base.parent().isEmpty()) {
      throw new InvalidManifestException(
          "base-has-parent",
          n - 1,
          "base layer history["
              + (n - 1)
              + "] has parent "
              + Quote.of(base.parent())
              + "; the base layer must have none");
    }
    requireNoScatteredDuplicates(entries);
    return collapse(digests, entries);
  }

  private static List<Digest> digests(List<String> blobSums) throws InvalidManifestException {
    List<Digest> digests = new ArrayList<>(blobSums.size());
    for (int i = 0; i < blobSums.size(); i++) {
      try {
        digests.add(Digest.parse(blobSums.get(i)));
      } catch (IllegalArgumentException e) {
        throw new InvalidManifestException(
            InvalidManifestException.INVALID_DIGEST,
            i,
            "fsLayers[" + i + "] blobSum: " + e.getMessage());
      }
    }
    return digests;
  }

  private static List<HistoryEntry> entries(List<String> v1Compatibility)
      throws InvalidManifestException {
    List<GoValue.Obj> images = new ArrayList<>(v1Compatibility.size());
    for (int i = 0; i < v1Compatibility.size(); i++) {
      images.add(image(i, v1Compatibility.get(i)));
    }
    List<HistoryEntry> entries = new ArrayList<>(images.size());
    for (int i = 0; i < images.size(); i++) {
      FieldReader decoder = new FieldReader("bad-json", i, subject(i));
      entries.add(
          new HistoryEntry(
              decoder.string(images.get(i), "id"),
              decoder.string(images.get(i), "parent"),
              v1Compatibility.get(i)));
    }
    return entries;
  }

  private static GoValue.Obj image(int i, String v1Compatibility) throws InvalidManifestException {
    GoValue element;
    try {
      element = JsonDocuments.parse(v1Compatibility);
    } catch (JsonDocuments.MalformedJson e) {
      throw new InvalidManifestException(
          "bad-json",
          i,
          subject(i) + " " + Quote.of(v1Compatibility) + " is not JSON: it " + e.getMessage());
    }
    if (!(element instanceof GoValue.Obj object)) {
      throw new InvalidManifestException(
          "bad-json", i, subject(i) + " " + Quote.of(v1Compatibility) + " is not a JSON object");
    }
    return object;
  }

  private static void requireValidIds(List<HistoryEntry> entries) throws InvalidManifestException {
    for (int i = 0; i < entries.size(); i++) {
      String id = entries.get(i).id();
      if (!V1_ID.matcher(id).matches()) {
        throw new InvalidManifestException(
            "invalid-id",
            i,
            "history["
                + i
                + "] id "
                + Quote.of(id)
                + " is not a v1 image id (64 lowercase hex digits)");
      }
    }
  }

  private static void requireNoScatteredDuplicates(List<HistoryEntry> entries)
      throws InvalidManifestException {
    Map<String, Integer> firstSeen = new HashMap<>();
    String previous = "";
    for (int i = 0; i < entries.size(); i++) {
      String id = entries.get(i).id();
      Integer first = firstSeen.putIfAbsent(id, i);
      if (first != null && !id.equals(previous)) {
        throw new InvalidManifestException(
            "duplicate-id",
            i,
            "history["
                + i
                + "] id "
                + Quote.of(id)
                + " repeats the id of history["
                + first
                + "] with other entries between them");
      }
      previous = id;
    }
  }

  private static LayerChain collapse(List<Digest> digests, List<HistoryEntry> entries)
      throws InvalidManifestException {
    int n = entries.size();
    boolean[] dropped = new boolean[n];
    for (int i = n - 2; i >= 0; i--) {
      HistoryEntry entry = entries.get(i);
      HistoryEntry next = entries.get(i + 1);
      if (entry.id().equals(next.id())) {
        dropped[i] = true;
      } else if (!entry.parent().equals(next.id())) {
        throw new InvalidManifestException(
            "parent-mismatch",
            i,
            "history["
                + i
                + "] parent "
                + Quote.of(entry.parent())
                + " is not the id "
                + Quote.of(next.id())
                + " of history["
                + (i + 1)
                + "]");
      }
    }
    List<Digest> keptDigests = new ArrayList<>(n);
    List<HistoryEntry> keptEntries = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (!dropped[i]) {
        keptDigests.add(digests.get(i));
        keptEntries.add(entries.get(i));
      }
    }
    return new LayerChain(keptDigests, keptEntries);
  }

  private static String subject(int i) {
    return "history[" + i + "].v1Compatibility";
  }
}
