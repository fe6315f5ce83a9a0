package dev.spyglass.gojson;

import dev.spyglass.gojson.internal.Names;
import dev.spyglass.gojson.internal.Parser;
import dev.spyglass.gojson.internal.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Go 1.19's {@code encoding/json}, as skopeo 1.9 uses it: parsing with Go's grammar, decoding into
 * struct shapes with Go's rules, and marshalling byte for byte as Go does. Stateless and thread
 * safe.
 *
 * <p>Duplicate keys follow Go's one rule: members are decoded in document order, so the last member
 * that matches a struct field (exactly, or ignoring case as Go folds it) wins, and a map keeps the
 * last value of a key. Parsing keeps every member; {@link #decode} applies the rule.
 */
public final class GoJson {
  /** Go's order of map keys when it marshals a map: by their UTF-8 bytes (code point order). */
  public static final Comparator<String> KEY_ORDER = Names::compareKeys;

  /** The deepest nesting of arrays and objects {@link #parse} accepts (Go allows 10000). */
  public static final int MAX_DEPTH = Parser.MAX_DEPTH;

  private GoJson() {}

  /**
   * Parses exactly one JSON value, with optional white space around it, as Go's scanner does: RFC
   * 8259 only, white space limited to space, tab, CR and LF, no byte-order mark, invalid UTF-8 and
   * unpaired surrogate escapes inside strings replaced by U+FFFD, nothing after the value.
   *
   * @throws GoJsonException with Go's message and the {@link GoJsonException#offset} of the error
   */
  public static GoValue parse(byte[] json) throws GoJsonException {
    return Parser.parse(json);
  }

  /** Parses the UTF-8 encoding of {@code json}; see {@link #parse(byte[])}. */
  public static GoValue parse(String json) throws GoJsonException {
    return Parser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The members of the JSON object {@code json} as Go decodes it into a {@code
   * map[string]json.RawMessage}: by decoded key (the last of repeated keys winning), each value as
   * {@link GoValue.Raw} text exactly as written.
   *
   * @throws GoJsonException when {@code json} is not JSON, or not an object
   */
  public static Map<String, String> rawMembers(String json) throws GoJsonException {
    return Parser.rawMembers(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Decodes {@code value} as {@code json.Unmarshal(data, &v)} does for a fresh {@code v} of struct
   * type {@code type}: case-folded field matching, unknown members ignored, later members decoded
   * over earlier ones (maps merge, structs merge, slices reuse their backing array), {@code null}
   * handled per type.
   *
   * @throws GoJsonException where Go returns an error (a value of the wrong type, an integer out of
   *     range, a bad time), with the {@link GoJsonException#path} to the refused value
   */
  public static GoStruct decode(GoValue value, GoType.Struct type) throws GoJsonException {
    return Decoder.decode(value, type);
  }

  /**
   * Decodes the one field {@code name} of type {@code type} from {@code value}, as {@link #decode}
   * with a struct of that single field does; the result is in the representation {@link GoStruct}
   * documents, so null for a nil pointer, slice, map or interface.
   */
  public static @Nullable Object decodeField(GoValue value, String name, GoType type)
      throws GoJsonException {
    return decode(value, GoType.Struct.of("", GoType.Field.of(name, type))).get(name);
  }

  /**
   * What Go decodes into the field {@code name} of type pointer to struct: the members of every
   * object member matching {@code name} (as {@link GoValue.Obj#lastMatch}), in order, as one
   * object, a {@code null} member dropping those before it; empty when there is none or the last
   * was {@code null}. Decoding the fields of the result is decoding them over the earlier values,
   * as Go does.
   *
   * @throws GoJsonException when a matching member is neither an object nor null, with path {@code
   *     [name]}
   */
  public static Optional<GoValue.Obj> decodeObjectField(GoValue.Obj value, String name)
      throws GoJsonException {
    List<GoValue.Member> members = null;
    for (GoValue.Member member : value.members()) {
      if (!member.name().equals(name) && !Names.foldEquals(name, member.name())) {
        continue;
      }
      if (member.value() instanceof GoValue.Obj object) {
        if (members == null) {
          members = new ArrayList<>();
        }
        members.addAll(object.members());
      } else if (member.value() instanceof GoValue.Null) {
        members = null;
      } else {
        // Go's message for this refusal, from the decoder itself.
        decodeField(new GoValue.Obj(List.of(member)), name, GoType.Struct.of(name));
      }
    }
    return members == null ? Optional.empty() : Optional.of(new GoValue.Obj(members));
  }

  /** Go's {@code json.Marshal(v)}: no white space at all. */
  public static String marshal(GoValue value) {
    return Writer.write(value, null);
  }

  /**
   * What Go's {@code json.Encoder} writes after {@code SetEscapeHTML(false)}, without the trailing
   * newline: {@link #marshal} with {@code <}, {@code >} and {@code &} as they are (as the {@code
   * json} template function of containers/common prints values).
   */
  public static String marshalWithoutHtmlEscaping(GoValue value) {
    return Writer.write(value, null, false);
  }

  /** Go's {@code json.MarshalIndent(v, "", indent)}, without a trailing newline. */
  public static String marshalIndent(GoValue value, String indent) {
    return Writer.write(value, indent);
  }

  /** The value Go's {@code json.Marshal} writes for the decoded struct {@code value}. */
  public static GoValue encode(GoStruct value) {
    return Encoder.value(value);
  }

  /**
   * {@code text} as a Go JSON string literal, quotes included: {@code "} and {@code \} escaped,
   * {@code \n \r \t} as such, other control characters and the HTML characters {@code <}, {@code
   * >}, {@code &} as {@code \\u00XX}, U+2028 and U+2029 escaped, an unpaired surrogate (which is
   * invalid UTF-8 to Go) as {@code \\ufffd}, every other character as is.
   */
  public static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2);
    Writer.quote(out, text);
    return out.toString();
  }

  /** Appends {@link #quote quote(text)} to {@code out}. */
  public static void appendQuoted(StringBuilder out, String text) {
    Writer.quote(out, text);
  }

  /**
   * {@code raw}, one valid JSON value, as Go's {@code json.Marshal} writes a {@code
   * json.RawMessage}: compacted, with {@code <}, {@code >}, {@code &}, U+2028 and U+2029 in strings
   * escaped, every other character and escape as written.
   */
  public static String compact(String raw) {
    StringBuilder out = new StringBuilder(raw.length());
    Writer.compact(out, raw);
    return out.toString();
  }

  /**
   * Whether Go's decoder puts JSON member {@code key} into the struct field named {@code field} (an
   * ASCII name) when no field is named exactly {@code key}: ASCII letters compare ignoring case,
   * and {@code key} may spell s as U+017F and k as U+212A.
   */
  public static boolean foldEquals(String field, String key) {
    return Names.foldEquals(field, key);
  }

  /** Whether Go decodes the JSON string {@code text} into a {@code []byte} (standard base64). */
  public static boolean isBase64(String text) {
    return Decoder.isBase64(text);
  }
}
