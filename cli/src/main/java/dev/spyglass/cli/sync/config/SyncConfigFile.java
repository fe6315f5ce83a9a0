package dev.spyglass.cli.sync.config;

import dev.spyglass.api.Quote;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * The bytes of a sync source file and the YAML nodes they compose to: reading bounded to {@link
 * SyncConfig#MAX_BYTES}, decoding (UTF-8, or UTF-16 after a byte order mark) and composing one
 * document with positions and bounded aliases. Every failure is a {@link SyncConfigException}.
 */
final class SyncConfigFile {
  private static final int MAX_ALIASES = 50;

  private SyncConfigFile() {}

  /** The bytes of {@code file}, at most {@link SyncConfig#MAX_BYTES}; {@code name} is escaped. */
  static byte[] read(Path file, String name) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(SyncConfig.MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw new SyncConfigException(name, 0, 0, "the file does not exist", e);
    } catch (IOException e) {
      throw new SyncConfigException(
          name, 0, 0, "cannot be read: " + Quote.line(String.valueOf(e.getMessage())), e);
    }
    if (bytes.length > SyncConfig.MAX_BYTES) {
      throw new SyncConfigException(
          name, 0, 0, "the file is larger than " + SyncConfig.MAX_BYTES + " bytes", null);
    }
    return bytes;
  }

  /** The single YAML document of {@code bytes} as nodes with positions; empty for no document. */
  static Optional<Node> compose(byte[] bytes, String name) {
    String text = decode(bytes, name);
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(name)
            .setUseMarks(true)
            .setAllowRecursiveKeys(false)
            // Let non-scalar keys through, to be refused by the reader with their position.
            .setAllowNonScalarKeys(true)
            .setMaxAliasesForCollections(MAX_ALIASES)
            .setCodePointLimit(SyncConfig.MAX_BYTES)
            .build();
    try {
      // What Compose.composeString does (its package is not exported): one document, as nodes.
      return new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)))
          .getSingleNode();
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
      String context = e.getContext();
      String reason =
          "invalid YAML: "
              + (context == null || context.isEmpty() ? "" : context + ": ")
              + e.getProblem();
      throw new SyncConfigException(
          name,
          mark.map(m -> m.getLine() + 1).orElse(0),
          mark.map(m -> m.getColumn() + 1).orElse(0),
          Quote.line(reason),
          e);
    } catch (ReaderException e) {
      int[] position = position(text, e.getPosition());
      throw new SyncConfigException(
          name,
          position[0],
          position[1],
          "invalid YAML: the character U+"
              + String.format("%04X", e.getCodePoint())
              + " is not allowed",
          e);
    } catch (YamlEngineException e) {
      throw new SyncConfigException(
          name, 0, 0, "invalid YAML: " + Quote.line(String.valueOf(e.getMessage())), e);
    }
  }

  private static String decode(byte[] bytes, String name) {
    Charset charset = StandardCharsets.UTF_8;
    int skip = 0;
    if (bytes.length >= 3
        && (bytes[0] & 0xff) == 0xef
        && (bytes[1] & 0xff) == 0xbb
        && (bytes[2] & 0xff) == 0xbf) {
      skip = 3;
    } else if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff) {
      charset = StandardCharsets.UTF_16BE;
      skip = 2;
    } else if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe) {
      charset = StandardCharsets.UTF_16LE;
      skip = 2;
    }
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip))
          .toString();
    } catch (CharacterCodingException e) {
      throw new SyncConfigException(
          name, 0, 0, "the file is not " + charset.displayName() + " text", e);
    }
  }

  /** Line and column (from 1) of the code point at {@code index}. */
  private static int[] position(String text, int index) {
    int line = 1;
    int column = 1;
    int i = 0;
    for (int k = 0; k < index && i < text.length(); k++) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new int[] {line, column};
  }
}
