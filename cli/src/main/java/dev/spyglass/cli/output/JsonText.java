package dev.spyglass.cli.output;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.spyglass.gojson.GoJson;
import dev.spyglass.gojson.GoValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints the Gson trees the commands build as skopeo prints JSON: Go's {@code json.MarshalIndent(v,
 * "", " ")}, written by {@link GoJson} (members in tree order, Go's escaping).
 */
public final class JsonText {
  private JsonText() {}

  public static String indent(JsonElement value) {
    return GoJson.marshalIndent(toGo(value), "    ");
  }

  /** {@code value} as the tree {@link GoJson} writes. */
  public static GoValue toGo(JsonElement value) {
    if (value instanceof JsonObject object) {
      GoValue.Obj.Builder out = GoValue.Obj.builder();
      for (Map.Entry<String, JsonElement> member : object.entrySet()) {
        out.put(member.getKey(), toGo(member.getValue()));
      }
      return out.build();
    } else if (value instanceof JsonArray array) {
      List<GoValue> elements = new ArrayList<>(array.size());
      array.forEach(element -> elements.add(toGo(element)));
      return new GoValue.Arr(elements);
    } else if (value instanceof JsonPrimitive primitive) {
      if (primitive.isString()) {
        return GoValue.string(primitive.getAsString());
      }
      return primitive.isBoolean()
          ? GoValue.bool(primitive.getAsBoolean())
          : new GoValue.Num(primitive.getAsString());
    }
    return GoValue.NULL;
  }
}
