package dev.spyglass.transport.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A plain-HTTP server that behaves as Go's net/http does when a TLS ClientHello arrives: it answers
 * {@code 400 Bad Request} and closes at once. HTTP requests get {@code body} with {@code
 * contentType}. One request per connection.
 */
final class PlainHttpServer implements AutoCloseable {
  private final ServerSocket socket;
  private final String contentType;
  private final String body;
  final List<String> requestLines = new CopyOnWriteArrayList<>();
  final List<String> tlsHellos = new CopyOnWriteArrayList<>();

  PlainHttpServer(String contentType, String body) throws IOException {
    this.socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    this.contentType = contentType;
    this.body = body;
    Thread thread = new Thread(this::serve, "plain-http");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        InputStream in = client.getInputStream();
        OutputStream out = client.getOutputStream();
        int first = in.read();
        if (first == 0x16) {
          tlsHellos.add("TLS record");
          in.read(new byte[4096]);
          write(out, "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
          continue;
        }
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.write(first);
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
          int b = in.read();
          if (b < 0) {
            break;
          }
          head.write(b);
        }
        requestLines.add(head.toString(StandardCharsets.ISO_8859_1).split("\r\n", 2)[0]);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        write(
            out,
            "HTTP/1.1 200 OK\r\nContent-Type: "
                + contentType
                + "\r\nContent-Length: "
                + bytes.length
                + "\r\nConnection: close\r\n\r\n"
                + body);
      } catch (IOException e) {
        if (socket.isClosed()) {
          return;
        }
      }
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
