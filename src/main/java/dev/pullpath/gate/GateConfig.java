package dev.pullpath.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * {@code .pullpath.yml}: the repository's decisions about findings. Today only {@code suppressions}; an
 * unknown key is an error, so a typo does not silently suppress nothing.
 *
 * <pre>
 * suppressions:
 *   - rule: PP008
 *     resource: "planned/httpd"      # resource id, ARN or workload; * and ? match
 *     reason: "moves to the cache in OPS-42"
 *     expires: 2027-01-31            # optional; from the next day on the finding counts again
 * </pre>
 */
public record GateConfig(String file, List<Suppression> suppressions) {
  /** The file read from the working directory when {@code --config} is not given. */
  public static final String DEFAULT_FILE = ".pullpath.yml";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> ENTRY_KEYS = Set.of("rule", "resource", "reason", "expires");

  public GateConfig {
    suppressions = List.copyOf(suppressions);
  }

  public static GateConfig read(Path path, String shownAs) {
    String text;
    try {
      text = Files.readString(path);
    } catch (NoSuchFileException e) {
      throw new GateInputException(shownAs + ": no such file");
    } catch (IOException e) {
      throw new GateInputException(shownAs + ": cannot read (" + e.getClass().getSimpleName() + ")");
    }
    return parse(text, shownAs);
  }

  static GateConfig parse(String text, String shownAs) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new GateInputException(shownAs + ": not YAML (line " + e.getLocation().getLineNr() + ": "
          + e.getOriginalMessage() + ")");
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return new GateConfig(shownAs, List.of());
    }
    if (!root.isObject()) {
      throw new GateInputException(shownAs + ": expected a mapping with 'suppressions'");
    }
    for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!key.equals("suppressions")) {
        throw new GateInputException(shownAs + ": unknown key '" + key + "' (known: suppressions)");
      }
    }
    JsonNode entries = root.path("suppressions");
    if (!entries.isMissingNode() && !entries.isNull() && !entries.isArray()) {
      throw new GateInputException(shownAs + ": 'suppressions' must be a list");
    }
    List<Suppression> suppressions = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      suppressions.add(entry(entries.get(i), shownAs + ": suppressions[" + i + "]"));
    }
    return new GateConfig(shownAs, suppressions);
  }

  private static Suppression entry(JsonNode entry, String where) {
    if (!entry.isObject()) {
      throw new GateInputException(where + ": expected a mapping with rule, resource, reason");
    }
    for (Iterator<String> keys = entry.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!ENTRY_KEYS.contains(key)) {
        throw new GateInputException(where + ": unknown key '" + key + "' (known: rule, resource, reason, expires)");
      }
    }
    String rule = text(entry, "rule", where);
    if (!rule.matches("(?i)PP\\d{3}")) {
      throw new GateInputException(where + ": rule '" + rule + "' is not a rule id like PP008");
    }
    String resource = text(entry, "resource", where);
    String reason = text(entry, "reason", where);
    LocalDate expires = null;
    if (entry.hasNonNull("expires")) {
      try {
        expires = LocalDate.parse(entry.get("expires").asText());
      } catch (DateTimeParseException e) {
        throw new GateInputException(where + ": expires '" + entry.get("expires").asText()
            + "' is not a date like 2027-01-31");
      }
    }
    return new Suppression(rule.toUpperCase(java.util.Locale.ROOT), resource, reason, expires);
  }

  private static String text(JsonNode entry, String key, String where) {
    JsonNode value = entry.get(key);
    if (value == null || !value.isValueNode() || value.asText().isBlank()) {
      throw new GateInputException(where + ": '" + key + "' is required"
          + (key.equals("reason") ? " (say why the finding is accepted, for the next reader)" : ""));
    }
    return value.asText();
  }
}
