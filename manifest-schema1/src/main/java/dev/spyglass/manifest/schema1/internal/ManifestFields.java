package dev.spyglass.manifest.schema1.internal;

import static dev.spyglass.gojson.GoType.Field.of;
import static dev.spyglass.gojson.GoType.Scalar.INT;
import static dev.spyglass.gojson.GoType.Scalar.STRING;

import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.gojson.GoJson;
import dev.spyglass.gojson.GoJsonException;
import dev.spyglass.gojson.GoSlice;
import dev.spyglass.gojson.GoStruct;
import dev.spyglass.gojson.GoType;
import dev.spyglass.gojson.GoValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The members of a schema1 manifest as Go decodes them into containers/image's {@code Schema1}
 * struct, before any validation: absent text is {@code ""}, an absent {@code schemaVersion} is 0.
 * Values of the wrong JSON type are refused with rule {@code bad-json}.
 */
public record ManifestFields(
    long schemaVersion,
    String name,
    String tag,
    String architecture,
    List<String> blobSums,
    List<String> v1Compatibility) {

  /** containers/image's {@code Schema1}, as far as these fields go. */
  private static final GoType.Struct SCHEMA1 =
      GoType.Struct.of(
          "Schema1",
          of("name", STRING),
          of("tag", STRING),
          of("architecture", STRING),
          of("fsLayers", new GoType.Slice(GoType.Struct.of("FSLayer", of("blobSum", STRING)))),
          of(
              "history",
              new GoType.Slice(GoType.Struct.of("History", of("v1Compatibility", STRING)))),
          of("schemaVersion", INT));

  public ManifestFields {
    blobSums = List.copyOf(blobSums);
    v1Compatibility = List.copyOf(v1Compatibility);
  }

  public static ManifestFields read(GoValue.Obj manifest) throws InvalidManifestException {
    GoStruct fields;
    try {
      fields = GoJson.decode(manifest, SCHEMA1);
    } catch (GoJsonException e) {
      throw refusal(e);
    }
    return new ManifestFields(
        fields.integer("schemaVersion"),
        fields.string("name"),
        fields.string("tag"),
        fields.string("architecture"),
        column(fields.slice("fsLayers"), "blobSum"),
        column(fields.slice("history"), "v1Compatibility"));
  }

  private static List<String> column(GoSlice slice, String field) {
    List<String> values = new ArrayList<>(slice.length());
    for (Object entry : slice.elements()) {
      values.add(entry == null ? "" : ((GoStruct) entry).string(field));
    }
    return values;
  }

  /** Go's refusal in the words of the field or entry it concerns. */
  private static InvalidManifestException refusal(GoJsonException e) {
    List<String> path = e.path();
    String name = path.isEmpty() ? "" : path.get(0);
    if (path.size() == 1) {
      String expected =
          switch (name) {
            case "schemaVersion" -> "an integer";
            case "fsLayers", "history" -> "an array";
            default -> "a string";
          };
      return new FieldReader("bad-json", -1, "manifest").refusal(e, name, expected, "");
    }
    if (path.size() >= 2) {
      int i = Integer.parseInt(path.get(1));
      String subject = name + "[" + i + "]";
      if (path.size() == 2) {
        return new InvalidManifestException(
            "bad-json", i, "manifest " + subject + " is not a JSON object");
      }
      return new FieldReader("bad-json", i, subject).refusal(e, path.get(2), "a string", "");
    }
    return new InvalidManifestException(
        "bad-json", "manifest cannot be decoded: " + e.getMessage());
  }
}
