package dev.spyglass.transport.docker.internal;

import com.google.gson.JsonParseException;
import com.google.gson.JsonSyntaxException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.spyglass.api.ImageException;
import dev.spyglass.api.Quote;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
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
      tags.addAll(tagsOf(text));
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

  /**
   * The tags of one page, {@code {"name":"...","tags":[...]}}, read as Gson's binding to a record
   * read it (leniently; strings, numbers and booleans as text; nulls skipped; the last {@code tags}
   * wins; nothing may follow), but without reflection: a record binding cost a reflective
   * constructor call per page.
   */
  static List<String> tagsOf(String text) throws IOException {
    List<String> tags = new ArrayList<>();
    JsonReader reader = new JsonReader(new StringReader(text));
    reader.setStrictness(Strictness.LENIENT);
    JsonToken first;
    try {
      first = reader.peek();
    } catch (EOFException empty) {
      return tags; // an empty body, or only white space
    }
    if (first == JsonToken.NULL) {
      reader.nextNull();
    } else {
      reader.beginObject();
      while (reader.hasNext()) {
        if (!reader.nextName().equals("tags")) {
          reader.skipValue();
        } else if (reader.peek() == JsonToken.NULL) {
          reader.nextNull();
          tags.clear();
        } else {
          tags.clear();
          reader.beginArray();
          while (reader.hasNext()) {
            switch (reader.peek()) {
              case NULL -> reader.nextNull();
              case BOOLEAN -> tags.add(Boolean.toString(reader.nextBoolean()));
              default -> tags.add(reader.nextString()); // a string or a number; else it throws
            }
          }
          reader.endArray();
        }
      }
      reader.endObject();
    }
    if (reader.peek() != JsonToken.END_DOCUMENT) {
      throw new JsonSyntaxException("the JSON document was not fully consumed");
    }
    return tags;
  }
}
