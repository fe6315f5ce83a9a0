package dev.spyglass.testing.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import okhttp3.mockwebserver.MockWebServer;

/**
 * A {@link RegistryDispatcher} on a MockWebServer listening on 127.0.0.1 (plain HTTP), started by
 * {@link #start()} and shut down by {@link #close()}.
 */
public final class MockRegistry implements AutoCloseable {
  private final MockWebServer server;
  private final RegistryDispatcher dispatcher;

  private MockRegistry(MockWebServer server, RegistryDispatcher dispatcher) {
    this.server = server;
    this.dispatcher = dispatcher;
  }

  /** Starts a registry on a free port of 127.0.0.1. */
  public static MockRegistry start() {
    MockWebServer server = new MockWebServer();
    RegistryDispatcher dispatcher = new RegistryDispatcher();
    server.setDispatcher(dispatcher);
    try {
      server.start(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("starting a MockWebServer on 127.0.0.1 failed", e);
    }
    return new MockRegistry(server, dispatcher);
  }

  public RegistryDispatcher dispatcher() {
    return dispatcher;
  }

  public MockWebServer server() {
    return server;
  }

  /** {@code 127.0.0.1:PORT}, the registry part of an image name. */
  public String host() {
    return "127.0.0.1:" + server.getPort();
  }

  @Override
  public void close() {
    try {
      server.shutdown();
    } catch (IOException e) {
      throw new UncheckedIOException("shutting the MockWebServer down failed", e);
    }
  }
}
