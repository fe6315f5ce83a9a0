package dev.spyglass.auth.internal;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import dev.spyglass.api.Credentials;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.Quote;
import dev.spyglass.auth.internal.json.HelperAnswerJson;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Runs a Docker credential helper: {@code docker-credential-NAME get}, found on the {@code PATH} of
 * the environment given, with the server URL on its standard input; reads its JSON answer {@code
 * {ServerURL, Username, Secret}}. Output is bounded ({@link #MAX_OUTPUT} bytes per stream) and the
 * helper is killed when it does not finish in time. Errors name the helper, never the secret.
 */
public final class CredentialHelper {
  /** The most a helper may print on each of stdout and stderr. */
  public static final int MAX_OUTPUT = 64 * 1024;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Gson GSON = new Gson();
  private static final long POLL_MILLIS = 20;

  private final String name;
  private final String configuredIn;
  private final Map<String, String> env;
  private final Duration timeout;

  /**
   * @param name the helper's NAME, as in {@code credHelpers} or {@code credsStore}
   * @param configuredIn the file that names the helper, for messages
   * @param env the environment of the helper, whose {@code PATH} is searched
   */
  public CredentialHelper(String name, Path configuredIn, Map<String, String> env, Duration timeout)
      throws ImageException {
    this.name = name;
    this.configuredIn = configuredIn.toString();
    this.env = env;
    this.timeout = timeout;
    if (!NAME.matcher(name).matches()) {
      throw new ImageException(
          "credential helper name "
              + Quote.of(name)
              + " in \""
              + configuredIn
              + "\" is not a valid helper name");
    }
  }

  /** {@code docker-credential-NAME}. */
  public String program() {
    return "docker-credential-" + name;
  }

  /**
   * The credentials the helper holds for {@code serverUrl}; empty when it says "credentials not
   * found" (or answers with no secret).
   */
  public Optional<Credentials> get(String serverUrl) throws ImageException {
    Path executable = find();
    ProcessBuilder pb = new ProcessBuilder(executable.toString(), "get");
    pb.environment().clear();
    pb.environment().putAll(env);
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw failure("could not be started: " + e.getMessage(), e);
    }
    Drain out = new Drain(process.getInputStream(), program() + " stdout");
    Drain err = new Drain(process.getErrorStream(), program() + " stderr");
    out.start();
    err.start();
    try {
      try (OutputStream in = process.getOutputStream()) {
        in.write(serverUrl.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // The helper may exit without reading its input; its exit status tells.
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        if (out.overflow || err.overflow) {
          kill(process);
          throw failure("printed more than " + MAX_OUTPUT + " bytes", null);
        }
        if (System.nanoTime() - deadline > 0) {
          kill(process);
          throw failure("did not answer within " + timeout.toSeconds() + " s", null);
        }
      }
      out.join(1000);
      err.join(1000);
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      throw failure("was interrupted", e);
    } finally {
      closeQuietly(process.getInputStream());
      closeQuietly(process.getErrorStream());
    }
    if (out.overflow || err.overflow) {
      throw failure("printed more than " + MAX_OUTPUT + " bytes", null);
    }
    String stdout = out.text().strip();
    String stderr = err.text().strip();
    if (stdout.toLowerCase(Locale.ROOT).contains("credentials not found")
        || (process.exitValue() != 0
            && stderr.toLowerCase(Locale.ROOT).contains("credentials not found"))) {
      return Optional.empty();
    }
    if (process.exitValue() != 0) {
      String said = stdout.isEmpty() ? stderr : stdout;
      throw failure(
          "failed with exit status "
              + process.exitValue()
              + (said.isEmpty() ? "" : ": " + Quote.excerpt(said)),
          null);
    }
    HelperAnswerJson answer;
    try {
      answer = GSON.fromJson(stdout, HelperAnswerJson.class);
    } catch (JsonParseException e) {
      answer = null; // its message could quote the output, which holds the secret
    }
    if (answer == null) {
      throw failure("printed an answer that is not the expected JSON", null);
    }
    if (answer.secret == null || answer.secret.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Credentials(answer.username == null ? "" : answer.username, answer.secret));
  }

  private Path find() throws ImageException {
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(Pattern.quote(File.pathSeparator))) {
      if (dir.isEmpty()) {
        continue;
      }
      try {
        Path candidate = Path.of(dir, program());
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate;
        }
      } catch (InvalidPathException e) {
        // not a directory name: skip it
      }
    }
    throw failure("is not on the PATH", null);
  }

  private ImageException failure(String what, @Nullable Throwable cause) {
    String message =
        "credential helper \"" + program() + "\" (named in \"" + configuredIn + "\") " + what;
    return cause == null ? new ImageException(message) : new ImageException(message, cause);
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // nothing more to read
    }
  }

  /** Reads a stream to its end, keeping at most {@link #MAX_OUTPUT} bytes. */
  private static final class Drain extends Thread {
    private final InputStream in;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    volatile boolean overflow;

    Drain(InputStream in, String name) {
      super(name);
      this.in = in;
      setDaemon(true);
    }

    @Override
    public void run() {
      byte[] buffer = new byte[8192];
      try {
        int n;
        while ((n = in.read(buffer)) > 0) {
          synchronized (kept) {
            if (kept.size() + n > MAX_OUTPUT) {
              overflow = true;
              return;
            }
            kept.write(buffer, 0, n);
          }
        }
      } catch (IOException e) {
        // closed: the process is gone
      }
    }

    String text() {
      synchronized (kept) {
        return kept.toString(StandardCharsets.UTF_8);
      }
    }
  }
}
