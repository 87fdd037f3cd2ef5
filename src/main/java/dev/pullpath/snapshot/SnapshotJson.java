package dev.pullpath.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes {@link AccountSnapshot} JSON. Unknown fields are ignored (newer collectors may add
 * some); a missing required field, a wrong type or broken JSON is a {@link SnapshotFormatException} that
 * names the JSON path.
 */
public final class SnapshotJson {
  private static final Pattern MISSING_PROPERTY = Pattern.compile("Missing required creator property '([^']+)'");

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .serializationInclusion(JsonInclude.Include.NON_EMPTY)
          .build();

  private SnapshotJson() {}

  public static AccountSnapshot read(Path file) {
    return parse(readText(file), file.toString());
  }

  /**
   * A snapshot file's text, with the one-line errors of {@link SnapshotFormatException}. A UTF-8 byte-order
   * mark (which Windows editors and PowerShell's {@code Out-File} write) is dropped: it is not JSON.
   */
  public static String readText(Path file) {
    try {
      return withoutByteOrderMark(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new SnapshotFormatException(file + ": no such file", e);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new SnapshotFormatException(file + ": not UTF-8 text; a snapshot is a JSON file", e);
    } catch (IOException e) {
      throw new SnapshotFormatException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static String withoutByteOrderMark(String text) {
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** Parses snapshot JSON; {@code source} names the input in error messages. */
  public static AccountSnapshot parse(String json, String source) {
    try {
      AccountSnapshot snapshot = MAPPER.readValue(withoutByteOrderMark(json), AccountSnapshot.class);
      if (snapshot == null) {
        throw new SnapshotFormatException(source + ": $: expected a JSON object, found null", null);
      }
      if (snapshot.schemaVersion() > AccountSnapshot.SCHEMA_VERSION) {
        throw new SnapshotFormatException(
            source + ": $.schemaVersion: version " + snapshot.schemaVersion()
                + " is newer than this pullpath reads (" + AccountSnapshot.SCHEMA_VERSION + "); upgrade pullpath",
            null);
      }
      return snapshot;
    } catch (DatabindException e) {
      throw new SnapshotFormatException(source + ": " + describe((JsonMappingException) e), e);
    } catch (JsonProcessingException e) {
      throw new SnapshotFormatException(source + ": " + describeSyntax(e), e);
    }
  }

  public static String write(AccountSnapshot snapshot) {
    try {
      return MAPPER.writeValueAsString(snapshot) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String describe(JsonMappingException e) {
    StringBuilder path = new StringBuilder("$");
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append('.').append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    String detail = e.getOriginalMessage();
    Matcher missing = MISSING_PROPERTY.matcher(detail);
    if (missing.find()) {
      // Jackson's path may or may not already end at the missing property, depending on the version.
      String property = "." + missing.group(1);
      return (path.toString().endsWith(property) ? path.toString() : path + property) + ": required field is missing";
    }
    Throwable cause = e.getCause();
    if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
      detail = cause.getMessage();
    }
    return path + ": " + firstLine(detail) + atLocation(e.getLocation());
  }

  private static String describeSyntax(JsonProcessingException e) {
    String detail = firstLine(e.getOriginalMessage());
    if (e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser parser) {
      String pointer = parser.getParsingContext().pathAsPointer().toString();
      String jsonPath = "$" + pointer.replaceAll("/(\\d+)(?=/|$)", "[$1]").replace('/', '.');
      return jsonPath + ": malformed JSON: " + detail + atLocation(e.getLocation());
    }
    return "malformed JSON: " + detail + atLocation(e.getLocation());
  }

  private static String atLocation(JsonLocation location) {
    if (location == null || location.getLineNr() < 0) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  /** Jackson's first line, without its advice on Jackson settings, which means nothing to a user. */
  private static String firstLine(String text) {
    if (text == null) {
      return "invalid value";
    }
    int newline = text.indexOf('\n');
    String line = newline < 0 ? text : text.substring(0, newline);
    int advice = line.indexOf(" (set DeserializationConfig");
    return (advice < 0 ? line : line.substring(0, advice)).strip();
  }
}
