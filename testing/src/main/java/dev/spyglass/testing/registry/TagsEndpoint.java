package dev.spyglass.testing.registry;

import static dev.spyglass.testing.registry.Responses.error;

import dev.spyglass.testing.registry.RegistryStore.Repository;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;

/**
 * {@code GET /v2/NAME/tags/list}: the tags in the order they were first put, paginated with {@code
 * n} and {@code last} and a {@code Link} header, as distribution does.
 */
final class TagsEndpoint {
  private final RegistryStore store;

  TagsEndpoint(RegistryStore store) {
    this.store = store;
  }

  MockResponse answer(HttpUrl url, String repository, String rest) {
    if (!rest.equals("list")) {
      return error(404, "NOT_FOUND", "not found");
    }
    Repository repo = store.existing(repository);
    if (repo == null) {
      return error(404, "NAME_UNKNOWN", "repository name not known to registry");
    }
    List<String> all;
    synchronized (repo.tags) {
      all = new ArrayList<>(repo.tags.keySet());
    }
    String last = url.queryParameter("last");
    if (last != null) {
      int at = all.indexOf(last);
      all = at < 0 ? List.of() : all.subList(at + 1, all.size());
    }
    String n = url.queryParameter("n");
    MockResponse response = new MockResponse();
    if (n != null && Integer.parseInt(n) < all.size()) {
      all = all.subList(0, Integer.parseInt(n));
      response.setHeader(
          "Link",
          "</v2/" + repository + "/tags/list?n=" + n + "&last=" + all.get(all.size() - 1) + ">; rel=\"next\"");
    }
    StringBuilder json = new StringBuilder("{\"name\":\"" + repository + "\",\"tags\":[");
    for (int i = 0; i < all.size(); i++) {
      json.append(i == 0 ? "" : ",").append('"').append(all.get(i)).append('"');
    }
    return response
        .setHeader("Content-Type", "application/json")
        .setBody(json.append("]}").toString());
  }
}
