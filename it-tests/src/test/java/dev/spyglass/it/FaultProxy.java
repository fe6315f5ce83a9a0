package dev.spyglass.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A fault-injecting TCP proxy in front of a plain-HTTP registry, on a random loopback port. It
 * reads each HTTP/1.1 request and, when a rule matches it, answers it itself (a 429 with {@code
 * Retry-After}, a 500), or forwards it and then resets the connection after some bytes of the
 * response body, or stalls mid-body; other requests are forwarded unchanged (each on its own
 * upstream connection, with {@code Connection: close}). Bytes that are not HTTP (a TLS
 * ClientHello probing the port) are piped through raw. Every forwarded exchange is recorded with the
 * body bytes it passed on. Request bodies, framed by {@code Content-Length} or chunked, are streamed
 * through as they arrive ({@link RequestBody}), and counted without their chunk framing.
 */
final class FaultProxy implements Closeable {
  /** What a rule does to the request it matches. */
  sealed interface Fault
      permits Answer, ResetAfter, StallAfter, CutRequestAfter, HoldRequestAfter, SlowRequestAfter {}

  /** Answers the request without forwarding it. */
  record Answer(int status, String reason, List<String> headers, String body) implements Fault {}

  /** Forwards the request, passes on {@code bodyBytes} of the response body, then resets. */
  record ResetAfter(long bodyBytes) implements Fault {}

  /** Forwards the request, and pauses {@code stall} after {@code bodyBytes} of the body. */
  record StallAfter(long bodyBytes, Duration stall) implements Fault {}

  /**
   * Forwards the head and the first {@code bodyBytes} of the request body, then closes the
   * registry's connection (it sees the client go away mid-body) and resets the client's.
   */
  record CutRequestAfter(long bodyBytes) implements Fault {}

  /**
   * Forwards the head and the first {@code bodyBytes} of the request body, then holds both
   * connections for {@code hold} (long enough to kill the client meanwhile: see {@link
   * #holding()}), then closes the registry's connection (it sees the client go away mid-body).
   */
  record HoldRequestAfter(long bodyBytes, Duration hold) implements Fault {}

  /**
   * Forwards the first {@code bodyBytes} of the request body as they come, then reads the rest off
   * the client's connection no faster than {@code bytesPerSecond} (a slow link: the client stays
   * mid-body, its writes blocked), forwarding it all; then the answer as usual.
   */
  record SlowRequestAfter(long bodyBytes, long bytesPerSecond) implements Fault {}

  /**
   * One request the proxy saw: how it was handled (status -1: cut), the request body bytes it
   * passed on, and the response body bytes it passed on.
   */
  record Exchange(
      String method,
      String path,
      @Nullable String range,
      int status,
      long requestBytes,
      long bodyBytes) {}

  private record Rule(String method, String pathPart, AtomicInteger left, Fault fault) {}

  private final int upstreamPort;
  private final ServerSocket server;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "fault-proxy");
            t.setDaemon(true);
            return t;
          });
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
  private final AtomicInteger holding = new AtomicInteger();
  private final AtomicLong forwarded = new AtomicLong();

  /**
   * The proxy's receive buffer for each client connection, fixed (which turns Linux's autotuning
   * off, which could grow it to tens of MiB), so that a client's request body cannot run far ahead
   * of what the proxy passes on: 256 KiB.
   */
  private static final int RECEIVE_BUFFER_BYTES = 256 * 1024;

  FaultProxy(int upstreamPort) throws IOException {
    this.upstreamPort = upstreamPort;
    this.server = new ServerSocket();
    server.setReceiveBufferSize(RECEIVE_BUFFER_BYTES); // before bind: inherited by accepted sockets
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    threads.execute(this::accept);
  }

  /** {@code 127.0.0.1:PORT}, to name the registry through the proxy. */
  String hostPort() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  /** Applies {@code fault} to the next {@code times} requests of {@code method} whose path contains {@code pathPart}. */
  void add(String method, String pathPart, int times, Fault fault) {
    rules.add(new Rule(method, pathPart, new AtomicInteger(times), fault));
  }

  /** A 429 {@code TOOMANYREQUESTS} asking to come back after {@code seconds}. */
  static Answer tooManyRequests(int seconds) {
    return new Answer(
        429,
        "Too Many Requests",
        List.of("Retry-After: " + seconds, "Content-Type: application/json"),
        "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"slow down\"}]}");
  }

  /** A 500 with a registry error body. */
  static Answer serverError() {
    return new Answer(
        500,
        "Internal Server Error",
        List.of("Content-Type: application/json"),
        "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"storage hiccup\"}]}");
  }

  /** How many requests a {@link HoldRequestAfter} holds now, part of their body passed on. */
  int holding() {
    return holding.get();
  }

  /** The request body bytes passed on to the registry so far, of all requests, as they go. */
  long forwardedRequestBytes() {
    return forwarded.get();
  }

  List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  /** The exchanges whose path contains {@code pathPart}. */
  List<Exchange> exchanges(String pathPart) {
    return exchanges.stream().filter(e -> e.path().contains(pathPart)).toList();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        threads.execute(() -> serve(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = new BufferedInputStream(client.getInputStream());
      OutputStream out = client.getOutputStream();
      in.mark(1);
      int first = in.read();
      if (first < 0) {
        return;
      }
      in.reset();
      if (first < 'A' || first > 'Z') {
        pipeRaw(client, in);
        return;
      }
      while (true) {
        byte[] head = readHead(in);
        if (head == null) {
          return;
        }
        String text = new String(head, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        String method = requestLine[0];
        String path = requestLine.length > 1 ? requestLine[1] : "";
        long length = 0;
        boolean chunked = false;
        String range = null;
        List<String> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
          String line = lines[i];
          String name = line.contains(":") ? line.substring(0, line.indexOf(':')).strip() : "";
          String lower = name.toLowerCase(Locale.ROOT);
          String value = line.substring(line.indexOf(':') + 1).strip();
          if (lower.equals("content-length")) {
            length = Long.parseLong(value);
          } else if (lower.equals("transfer-encoding")) {
            chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
          } else if (lower.equals("range")) {
            range = value;
          }
          if (!lower.equals("connection") && !lower.isEmpty()) {
            headers.add(line);
          }
        }
        RequestBody body = new RequestBody(in, length, chunked);
        Fault fault = take(method, path);
        if (fault instanceof Answer answer) {
          body.drain();
          byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
          StringBuilder response =
              new StringBuilder("HTTP/1.1 " + answer.status() + " " + answer.reason() + "\r\n");
          answer.headers().forEach(h -> response.append(h).append("\r\n"));
          response.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
          out.write(response.toString().getBytes(StandardCharsets.ISO_8859_1));
          out.write(bytes);
          out.flush();
          exchanges.add(new Exchange(method, path, range, answer.status(), 0, 0));
          continue;
        }
        forward(client, out, lines[0], headers, body, method, path, range, fault);
        return;
      }
    } catch (IOException e) {
      // The client or the registry went away: nothing to do.
    }
  }

  private synchronized @Nullable Fault take(String method, String path) {
    for (Rule rule : rules) {
      if (rule.method().equals(method) && path.contains(rule.pathPart()) && rule.left().get() > 0) {
        rule.left().decrementAndGet();
        return rule.fault();
      }
    }
    return null;
  }

  private void forward(
      Socket client,
      OutputStream out,
      String requestLine,
      List<String> headers,
      RequestBody body,
      String method,
      String path,
      @Nullable String range,
      @Nullable Fault fault)
      throws IOException {
    try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
      StringBuilder request = new StringBuilder(requestLine).append("\r\n");
      headers.forEach(h -> request.append(h).append("\r\n"));
      request.append("Connection: close\r\n\r\n");
      OutputStream up = upstream.getOutputStream();
      up.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      if (fault instanceof CutRequestAfter cut) {
        long passed = pass(body, up, cut.bodyBytes(), 0);
        up.flush();
        sleep(Duration.ofMillis(500)); // let the registry store what it got
        upstream.close();
        exchanges.add(new Exchange(method, path, range, -1, passed, 0));
        client.setSoLinger(true, 0);
        client.close();
        return;
      }
      if (fault instanceof HoldRequestAfter hold) {
        long passed = pass(body, up, hold.bodyBytes(), 0);
        up.flush();
        holding.incrementAndGet();
        try {
          sleep(hold.hold());
        } finally {
          holding.decrementAndGet();
        }
        upstream.close();
        exchanges.add(new Exchange(method, path, range, -1, passed, 0));
        return;
      }
      long sent =
          fault instanceof SlowRequestAfter slow
              ? pass(body, up, slow.bodyBytes(), 0)
                  + pass(body, up, Long.MAX_VALUE, slow.bytesPerSecond())
              : pass(body, up, Long.MAX_VALUE, 0);
      body.end(up);
      InputStream down = new BufferedInputStream(upstream.getInputStream());
      byte[] head = readHead(down);
      if (head == null) {
        return;
      }
      String statusLine = new String(head, StandardCharsets.ISO_8859_1).split("\r\n")[0];
      int status = Integer.parseInt(statusLine.split(" ")[1]);
      out.write(head);
      long limit =
          fault instanceof ResetAfter reset
              ? reset.bodyBytes()
              : fault instanceof StallAfter stall ? stall.bodyBytes() : Long.MAX_VALUE;
      long passed = copy(down, out, limit);
      if (fault instanceof ResetAfter) {
        out.flush();
        exchanges.add(new Exchange(method, path, range, status, sent, passed));
        sleep(Duration.ofMillis(300)); // let the client read what was sent before the reset
        client.setSoLinger(true, 0);
        client.close();
        return;
      }
      if (fault instanceof StallAfter stall) {
        out.flush();
        sleep(stall.stall());
        passed += copy(down, out, Long.MAX_VALUE);
      }
      out.flush();
      exchanges.add(new Exchange(method, path, range, status, sent, passed));
    }
  }

  /**
   * Passes up to {@code limit} payload bytes of {@code body} on to {@code up} (at most {@code
   * bytesPerSecond}, when positive); returns how many.
   */
  private long pass(RequestBody body, OutputStream up, long limit, long bytesPerSecond)
      throws IOException {
    byte[] buffer = new byte[16 * 1024];
    long passed = 0;
    long start = System.nanoTime();
    while (passed < limit) {
      int n = body.read(buffer, (int) Math.min(buffer.length, limit - passed));
      if (n < 0) {
        break;
      }
      body.write(up, buffer, n);
      passed += n;
      forwarded.addAndGet(n);
      if (bytesPerSecond > 0) {
        up.flush();
        long due = start + passed * 1_000_000_000L / bytesPerSecond;
        long early = due - System.nanoTime();
        if (early > 0) {
          sleep(Duration.ofNanos(early));
        }
      }
    }
    return passed;
  }

  private static long copy(InputStream from, OutputStream to, long limit) throws IOException {
    byte[] buffer = new byte[16 * 1024];
    long passed = 0;
    while (passed < limit) {
      int n = from.read(buffer, 0, (int) Math.min(buffer.length, limit - passed));
      if (n < 0) {
        break;
      }
      to.write(buffer, 0, n);
      passed += n;
    }
    return passed;
  }

  private void pipeRaw(Socket client, InputStream in) throws IOException {
    try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
      threads.execute(
          () -> {
            try {
              in.transferTo(upstream.getOutputStream());
              upstream.shutdownOutput();
            } catch (IOException e) {
              // closed
            }
          });
      upstream.getInputStream().transferTo(client.getOutputStream());
    }
  }

  /** The bytes up to and including the blank line ending a head, or null at the end of the stream. */
  private static byte @Nullable [] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
      if (matched == 4) {
        return head.toByteArray();
      }
      if (head.size() > 64 * 1024) {
        throw new IOException("request head over 64 KiB");
      }
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }
}
