package dev.spyglass.transport.docker.internal;

import com.google.gson.JsonParseException;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.Quote;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.ResponseBody;

/**
 * Lists a repository's tags: {@code GET /v2/NAME/tags/list?n=1000}, then every {@code Link: <url>;
 * rel="next"} (relative or absolute, resolved against the URL of the page that named it, on the
 * same host only). A link that repeats, and more than {@link #MAX_PAGES} pages, are errors. Each
 * page is bounded.
 */
public final class TagLister {
  static final int PAGE_SIZE = 1000;
  static final int MAX_PAGE_BYTES = 16 * 1024 * 1024;
  static final int MAX_PAGES = 10_000;

  private final RegistryClient client;

  public TagLister(RegistryClient client) {
    this.client = client;
  }

  public List<String> list(RequestSubject subject, String repository) throws ImageException {
    AuthScope scope = AuthScope.pull(repository);
    List<String> tags = new ArrayList<>();
    Set<HttpUrl> seen = new HashSet<>();
    RegistryResponse<ResponseBody> page =
        client.execute(subject, scope, api -> api.tags(repository, PAGE_SIZE, scope));
    while (true) {
      HttpUrl url = page.raw().request().url();
      seen.add(url);
      Optional<String> link = LinkHeader.next(page.headers().values("Link"));
      read(page, subject, tags);
      if (link.isEmpty()) {
        return tags;
      }
      HttpUrl next = next(subject, url, link.get());
      if (!seen.add(next)) {
        throw new ImageException(
            "listing tags of \""
                + subject.repositoryName()
                + "\" failed: the registry's Link header"
                + " repeats "
                + Quote.of(Redaction.text(next.toString())));
      }
      if (seen.size() > MAX_PAGES) {
        throw new ImageException(
            "listing tags of \""
                + subject.repositoryName()
                + "\" failed: more than "
                + MAX_PAGES
                + " pages");
      }
      page = client.execute(subject, scope, api -> api.page(next, scope));
    }
  }

  private static HttpUrl next(RequestSubject subject, HttpUrl base, String link)
      throws ImageException {
    HttpUrl next = base.resolve(link);
    if (next == null) {
      throw new ImageException(
          "listing tags of \""
              + subject.repositoryName()
              + "\" failed: the Link target "
              + Quote.of(Redaction.text(link))
              + " is not a URL");
    }
    if (!next.scheme().equals(base.scheme())
        || !next.host().equals(base.host())
        || next.port() != base.port()) {
      throw new ImageException(
          "listing tags of \""
              + subject.repositoryName()
              + "\" failed: the Link target "
              + Quote.of(Redaction.text(next.toString()))
              + " is on another host");
    }
    return next;
  }

  private void read(RegistryResponse<ResponseBody> page, RequestSubject subject, List<String> tags)
      throws ImageException {
    String what = "the tag list of \"" + subject.repositoryName() + "\"";
    String text;
    try (ResponseBody body = page.body()) {
      text =
          body == null
              ? ""
              : new String(Bodies.readAtMost(body, MAX_PAGE_BYTES, what), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw ConnectionFailures.whileReading(client.apiHost(), subject.describe(), e);
    }
    try {
      tags.addAll(TagPage.tags(text));
    } catch (JsonParseException | IllegalStateException | IOException e) {
      throw new ImageException(
          "registry \""
              + subject.registry()
              + "\" sent "
              + what
              + " that is not JSON: "
              + Quote.of(text));
    }
  }
}
