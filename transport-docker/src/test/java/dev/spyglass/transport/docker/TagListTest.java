package dev.spyglass.transport.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spyglass.api.ImageException;
import dev.spyglass.api.ImageSource;
import dev.spyglass.api.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TagListTest {
  private static final DockerTransport transport = Registries.SHARED;
  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestTls.https();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private ImageSource open() throws Exception {
    return transport
        .parseReference(Registries.reference(server, "ns/app:1"))
        .newImageSource(TestTls.options().build());
  }

  private static MockResponse page(String... tags) {
    String list = List.of(tags).stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(","));
    return new MockResponse()
        .setHeader("Content-Type", "application/json")
        .setBody("{\"name\":\"ns/app\",\"tags\":[" + list + "]}");
  }

  @Test
  void followsRelativeAndAbsoluteNextLinks() throws Exception {
    String base = "https://127.0.0.1:" + server.getPort();
    server.enqueue(
        page("a", "b").setHeader("Link", "</v2/ns/app/tags/list?last=b&n=2>; rel=\"next\""));
    server.enqueue(
        page("c").setHeader("Link", "<" + base + "/v2/ns/app/tags/list?last=c&n=2>; rel=next"));
    server.enqueue(page("d").setHeader("Link", "<list?last=d&n=2>; rel=\"prev next\""));
    server.enqueue(page());

    List<String> tags = open().tags();

    assertEquals(List.of("a", "b", "c", "d"), tags);
    assertEquals("/v2/ns/app/tags/list?n=1000", server.takeRequest().getPath());
    assertEquals("/v2/ns/app/tags/list?last=b&n=2", server.takeRequest().getPath());
    assertEquals("/v2/ns/app/tags/list?last=c&n=2", server.takeRequest().getPath());
    assertEquals(
        "/v2/ns/app/tags/list?last=d&n=2",
        server.takeRequest().getPath(),
        "resolved against the page URL");
    assertEquals(4, server.getRequestCount());
  }

  @Test
  void returnsEveryTagWhenTheServerIgnoresN() throws Exception {
    List<String> all = IntStream.range(0, 1500).mapToObj(i -> "t" + i).toList();
    server.enqueue(page(all.toArray(new String[0])));

    assertEquals(all, open().tags());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void returnsNoTagsForANullList() throws Exception {
    server.enqueue(new MockResponse().setBody("{\"name\":\"ns/app\",\"tags\":null}"));

    assertEquals(List.of(), open().tags());
  }

  @Test
  void refusesALinkThatRepeats() throws Exception {
    server.enqueue(page("a").setHeader("Link", "</v2/ns/app/tags/list?last=a>; rel=\"next\""));
    server.enqueue(page("b").setHeader("Link", "</v2/ns/app/tags/list?n=1000>; rel=\"next\""));

    ImageException e = assertThrows(ImageException.class, open()::tags);

    assertTrue(e.getMessage().contains("repeats"), e.getMessage());
    assertTrue(e.getMessage().contains("tags/list?n=1000"), e.getMessage());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void refusesALinkToAnotherHost() throws Exception {
    server.enqueue(
        page("a")
            .setHeader(
                "Link", "<https://elsewhere.example/v2/ns/app/tags/list?last=a>; rel=\"next\""));

    ImageException e = assertThrows(ImageException.class, open()::tags);

    assertTrue(e.getMessage().contains("another host"), e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void refusesAPageThatIsNotJsonQuotingItShortly() throws Exception {
    server.enqueue(new MockResponse().setBody("<html>" + "x".repeat(10_000) + "</html>"));

    ImageException e = assertThrows(ImageException.class, open()::tags);

    assertTrue(e.getMessage().contains("is not JSON: \"<html>xxx"), e.getMessage());
    assertTrue(e.getMessage().length() < 400, e.getMessage());
  }

  @Test
  void reportsAMissingRepository() throws Exception {
    server.enqueue(
        new MockResponse()
            .setResponseCode(404)
            .setBody(
                "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known to"
                    + " registry\"}]}"));

    NotFoundException e = assertThrows(NotFoundException.class, open()::tags);

    assertEquals("repository", e.kind());
    assertEquals("127.0.0.1:" + server.getPort() + "/ns/app", e.reference());
  }

  @Test
  void listsLongPaginatedRepositories() throws Exception {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      MockResponse page = page("p" + i);
      if (i < 29) {
        page.setHeader("Link", "</v2/ns/app/tags/list?last=p" + i + "&n=1>; rel=\"next\"");
      }
      server.enqueue(page);
      expected.add("p" + i);
    }

    assertEquals(expected, open().tags());
  }
}
