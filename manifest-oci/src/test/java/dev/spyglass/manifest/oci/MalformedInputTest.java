package dev.spyglass.manifest.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spyglass.api.ImageManifest;
import dev.spyglass.api.InvalidManifestException;
import dev.spyglass.api.ManifestFormats;
import dev.spyglass.api.MediaType;
import dev.spyglass.testing.SharedFixtures;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever the bytes, parsing, guessing and config decoding either succeed or throw {@link
 * InvalidManifestException}: never a Gson exception, NullPointerException, ClassCastException or
 * anything else. Inputs are every shared fixture and every skopeo-checked config, mutated with a
 * fixed seed (bytes cut, inserted and removed; string values swapped for other JSON types).
 */
class MalformedInputTest {
  private static final ManifestFormats FORMATS =
      ManifestFormats.of(List.of(new Schema2Format(), new OciFormat()));
  private static final List<String> TYPES =
      List.of(
          MediaType.DOCKER_SCHEMA2,
          MediaType.DOCKER_MANIFEST_LIST,
          MediaType.OCI_MANIFEST,
          MediaType.OCI_INDEX);
  private static final String[] INSERTS = {
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "0",
    "-1",
    "1e999",
    "1.5",
    "null",
    "true",
    "[]",
    "{}",
    "\"\\ud800\"",
    "\u00ff",
    "\u0000",
    "\"mediaType\":",
    "\"Layers\":[],",
    "\"schemaVersion\":2,"
  };
  private static final String[] VALUES = {
    "5", "-1", "1.0", "null", "true", "[]", "{}", "[null]", "\"\""
  };
  private static final int MUTATIONS_PER_INPUT = 25;

  @Test
  void parsingAnyMutatedFixtureFailsOnlyWithInvalidManifestException() {
    Random random = new Random(20240601);
    for (SharedFixtures.Row row : SharedFixtures.index()) {
      byte[] original = SharedFixtures.read(row.path());
      for (byte[] input : mutations(original, random)) {
        for (String type : TYPES) {
          try {
            FORMATS.parse(input, type);
          } catch (InvalidManifestException expected) {
            // the only failure allowed
          } catch (RuntimeException | Error e) {
            throw new AssertionError(describe(row.path(), type, input), e);
          }
        }
        try {
          FORMATS.guessMediaType(input);
        } catch (RuntimeException | Error e) {
          throw new AssertionError(describe(row.path(), "guess", input), e);
        }
      }
    }
  }

  @Test
  void decodingAnyMutatedConfigFailsOnlyWithInvalidManifestException()
      throws IllegalAccessException {
    Random random = new Random(20240602);
    for (Field field : SkopeoConfigs.class.getDeclaredFields()) {
      if (field.getType() != byte[].class) {
        continue;
      }
      field.setAccessible(true);
      byte[] original = (byte[]) field.get(null);
      for (byte[] input : mutations(original, random)) {
        for (String kind : List.of("schema2", "oci")) {
          ImageManifest manifest = ConfigManifests.forConfig(kind, input);
          try {
            manifest.decodeConfig(input);
            manifest.ociConfigJson(input);
          } catch (InvalidManifestException expected) {
            // the only failure allowed
          } catch (RuntimeException | Error e) {
            throw new AssertionError(describe(field.getName(), kind, input), e);
          }
        }
      }
    }
  }

  @Test
  void givesACleanFailureForBinaryInput() {
    byte[] gzip = SharedFixtures.read("containers-image/non-json.manifest.json");
    for (String type : TYPES) {
      InvalidManifestException e =
          assertThrows(InvalidManifestException.class, () -> FORMATS.parse(gzip, type));
      assertEquals("malformed-json", e.rule());
    }
    InvalidManifestException e =
        assertThrows(
            InvalidManifestException.class, () -> ConfigManifests.oci(gzip).ociConfigJson(gzip));
    assertEquals("invalid-config", e.rule());
  }

  private static List<byte[]> mutations(byte[] original, Random random) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < MUTATIONS_PER_INPUT; i++) {
      byte[] data = original;
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits && data.length > 0; e++) {
        data = random.nextInt(3) == 0 ? swapStringValue(data, random) : editBytes(data, random);
      }
      out.add(data);
    }
    return out;
  }

  private static byte[] editBytes(byte[] data, Random random) {
    int at = random.nextInt(data.length);
    return switch (random.nextInt(3)) {
      case 0 -> Arrays.copyOf(data, at);
      case 1 -> splice(data, at, Math.min(data.length, at + 1 + random.nextInt(4)), new byte[0]);
      default ->
          splice(
              data,
              at,
              at,
              INSERTS[random.nextInt(INSERTS.length)].getBytes(StandardCharsets.UTF_8));
    };
  }

  /** Replaces one string literal (quote to next unescaped quote) with another JSON value. */
  private static byte[] swapStringValue(byte[] data, Random random) {
    int start = indexOf(data, random.nextInt(data.length));
    if (start < 0) {
      return data;
    }
    int end = start + 1;
    while (end < data.length && data[end] != '"') {
      end += data[end] == '\\' ? 2 : 1;
    }
    if (end >= data.length) {
      return data;
    }
    byte[] value = VALUES[random.nextInt(VALUES.length)].getBytes(StandardCharsets.UTF_8);
    return splice(data, start, end + 1, value);
  }

  private static int indexOf(byte[] data, int from) {
    for (int i = from; i < data.length; i++) {
      if (data[i] == '"') {
        return i;
      }
    }
    return -1;
  }

  private static byte[] splice(byte[] data, int from, int to, byte[] insert) {
    byte[] out = new byte[data.length - (to - from) + insert.length];
    System.arraycopy(data, 0, out, 0, from);
    System.arraycopy(insert, 0, out, from, insert.length);
    System.arraycopy(data, to, out, from + insert.length, data.length - to);
    return out;
  }

  private static String describe(String source, String as, byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    return "unexpected exception for mutated "
        + source
        + " ("
        + as
        + "): "
        + (text.length() > 400 ? text.substring(0, 400) + "..." : text);
  }
}
