package dev.spyglass.transport.docker.internal;

import com.google.gson.JsonSyntaxException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** One page of {@code GET /v2/NAME/tags/list}: {@code {"name":"...","tags":[...]}}. */
final class TagPage {
  private TagPage() {}

  /**
   * The tags of one page, read as Gson's binding to a record read it (leniently; strings, numbers
   * and booleans as text; nulls skipped; the last {@code tags} wins; nothing may follow), but
   * without reflection: a record binding cost a reflective constructor call per page.
   */
  static List<String> tags(String text) throws IOException {
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
