package dev.spyglass.testing.proxy;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * A small forward proxy on a random loopback port, as corporate networks run them: {@code CONNECT
 * host:port} opens a tunnel, and a request in absolute form ({@code GET http://host:port/path}) is
 * relayed to its host. Host names are resolved through its own table (names missing from it are
 * refused with 502), so that a client reaching a host named only there proves it went through the
 * proxy. With a user and password it wants {@code Proxy-Authorization: Basic} (else 407) on the
 * first request of each connection. Records every first request line and whether it carried
 * credentials.
 *
 * <p>It starts listening in its constructor and serves each connection on its own thread until
 * {@link #close()}; {@link #seen()} may be called from any thread.
 */
public final class ForwardProxy implements Closeable {
  /** One request the proxy received first on a connection. */
  public record Seen(String method, String target, @Nullable String proxyAuthorization) {}

  private final ServerSocket server;
  private final Map<String, String> hosts;
  private final @Nullable String expectedAuthorization;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());

  /**
   * @param hosts host name (lower case) to the address it stands for
   * @param user the user name wanted, or null for an open proxy
   * @param password the password wanted with {@code user}
   * @throws IOException if the loopback port cannot be opened
   */
  public ForwardProxy(Map<String, String> hosts, @Nullable String user, @Nullable String password)
      throws IOException {
    this.hosts = Map.copyOf(hosts);
    this.expectedAuthorization =
        user == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.submit(this::acceptLoop);
  }

  /** The loopback port it listens on. */
  public int port() {
    return server.getLocalPort();
  }

  /** The first request of every connection so far. */
  public List<Seen> seen() {
    synchronized (seen) {
      return List.copyOf(seen);
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        threads.submit(() -> handle(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void handle(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      byte[] head = readHead(in);
      if (head == null) {
        return;
      }
      String text = new String(head, StandardCharsets.ISO_8859_1);
      String[] lines = text.split("\r\n");
      String[] requestLine = lines[0].split(" ");
      String authorization = null;
      for (String line : lines) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Proxy-Authorization")) {
          authorization = line.substring(colon + 1).trim();
        }
      }
      seen.add(new Seen(requestLine[0], requestLine[1], authorization));
      if (expectedAuthorization != null && !expectedAuthorization.equals(authorization)) {
        out.write(
            ("HTTP/1.1 407 Proxy Authentication Required\r\n"
                    + "Proxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return;
      }
      boolean connect = requestLine[0].equals("CONNECT");
      String authority = connect ? requestLine[1] : authorityOf(requestLine[1]);
      String target = resolve(authority);
      if (target == null) {
        out.write(
            "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return;
      }
      int colon = target.lastIndexOf(':');
      try (Socket upstream =
          new Socket(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)))) {
        if (connect) {
          out.write(
              "HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
        } else {
          upstream.getOutputStream().write(head); // a Go server takes the absolute form as it is
          upstream.getOutputStream().flush();
        }
        InputStream fromUpstream = upstream.getInputStream();
        var back = threads.submit(() -> pump(fromUpstream, out, client));
        pump(in, upstream.getOutputStream(), upstream);
        back.get();
      }
    } catch (Exception e) {
      // The connection ends; the client reports what it saw.
    }
  }

  private @Nullable String resolve(String authority) {
    int colon = authority.lastIndexOf(':');
    String host = (colon < 0 ? authority : authority.substring(0, colon)).toLowerCase(Locale.ROOT);
    String port = colon < 0 ? "80" : authority.substring(colon + 1);
    String address = hosts.get(host);
    return address == null ? null : address + ":" + port;
  }

  private static String authorityOf(String absoluteUri) {
    String rest = absoluteUri.substring(absoluteUri.indexOf("://") + 3);
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  private static void pump(InputStream from, OutputStream to, Socket toClose) {
    byte[] buffer = new byte[65536];
    try {
      int n;
      while ((n = from.read(buffer)) >= 0) {
        to.write(buffer, 0, n);
        to.flush();
      }
      toClose.shutdownOutput();
    } catch (IOException e) {
      try {
        toClose.close();
      } catch (IOException ignored) {
        // closing
      }
    }
  }

  /** The request head up to and including the blank line, or null at end of stream. */
  private static byte @Nullable [] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        return head.toByteArray();
      }
      if (head.size() > 65536) {
        throw new IOException("request head too long");
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }
}
