package dev.spyglass.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requests a {@link RegistryProcess} answered, read from the access log it writes into its
 * output ({@link RegistryProcess#logFile()}): one Apache combined line per request, whatever the
 * log level, written just after the response, so a client may see a response before its line.
 */
final class RegistryAccessLog {
  private static final Pattern LINE =
      Pattern.compile("^\\S+ \\S+ \\S+ \\[[^]]*] \"([A-Z]+) (\\S+) HTTP/[0-9.]+\" (\\d{3}) ");

  /** How long the log must stay unchanged before {@link #awaitSince} trusts it is complete. */
  private static final Duration SETTLE = Duration.ofMillis(200);

  private RegistryAccessLog() {}

  /** One request: method, path with query, status. */
  record Entry(String method, String path, int status) {
    @Override
    public String toString() {
      return method + " " + path + " " + status;
    }
  }

  /** Every request logged so far, in order. */
  static List<Entry> read(Path log) {
    List<String> lines;
    try {
      lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the registry log \"" + log + "\"", e);
    }
    List<Entry> entries = new ArrayList<>();
    for (String line : lines) {
      Matcher m = LINE.matcher(line);
      if (m.find()) {
        entries.add(new Entry(m.group(1), m.group(2), Integer.parseInt(m.group(3))));
      }
    }
    return entries;
  }

  /**
   * The requests logged after the first {@code mark} (a former {@code read(log).size()}): waits up
   * to {@code timeout} for at least {@code atLeast} of them, then until the log has not grown for
   * {@link #SETTLE}, so that a request too many shows up too.
   */
  static List<Entry> awaitSince(Path log, int mark, int atLeast, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Entry> all = read(log);
    while (all.size() - mark < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(20);
      all = read(log);
    }
    while (true) {
      Thread.sleep(SETTLE.toMillis());
      List<Entry> again = read(log);
      if (again.size() == all.size()) {
        return all.subList(Math.min(mark, all.size()), all.size());
      }
      all = again;
    }
  }
}
