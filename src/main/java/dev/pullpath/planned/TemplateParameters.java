package dev.pullpath.planned;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CloudFormation parameter values given with {@code --parameters FILE}, which override the template's
 * defaults. Read shapes: the {@code create-stack --parameters file://} list
 * {@code [{"ParameterKey": "K", "ParameterValue": "V"}]}, a plain {@code {"K": "V"}} object, and
 * CodePipeline's template configuration {@code {"Parameters": {"K": "V"}}}. A list value is joined with
 * commas, as CloudFormation reads a {@code List<...>} parameter.
 *
 * @param file the file as reports show it
 * @param values the value of each parameter the file gives one
 * @param previous parameters the file keeps at their previous value ({@code UsePreviousValue}), which
 *     pullpath does not know
 */
public record TemplateParameters(String file, Map<String, String> values, Set<String> previous) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** No file given: every parameter takes its default. */
  public static final TemplateParameters NONE = new TemplateParameters(null, Map.of(), Set.of());

  public TemplateParameters {
    values = Map.copyOf(values);
    previous = Set.copyOf(previous);
  }

  /** Every parameter name the file mentions. */
  public Set<String> names() {
    Set<String> names = new java.util.TreeSet<>(values.keySet());
    names.addAll(previous);
    return names;
  }

  public static TemplateParameters read(Path path, String shownAs) {
    String text = PlannedInputException.readText(path, shownAs);
    return parse(text, shownAs);
  }

  static TemplateParameters parse(String text, String shownAs) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new PlannedInputException(shownAs + ": not JSON (line " + e.getLocation().getLineNr() + ": "
          + e.getOriginalMessage() + ")");
    }
    Map<String, String> values = new LinkedHashMap<>();
    Set<String> previous = new java.util.LinkedHashSet<>();
    if (root != null && root.isArray()) {
      for (int i = 0; i < root.size(); i++) {
        JsonNode entry = root.get(i);
        String key = entry.path("ParameterKey").asText("");
        if (!entry.isObject() || key.isEmpty()) {
          throw new PlannedInputException(shownAs + " at /" + i + ": each entry needs a ParameterKey "
              + "([{\"ParameterKey\": \"K\", \"ParameterValue\": \"V\"}])");
        }
        if (entry.has("ParameterValue")) {
          values.put(key, value(entry.get("ParameterValue"), shownAs + " at /" + i + "/ParameterValue"));
        } else if (entry.path("UsePreviousValue").asBoolean(false)) {
          previous.add(key);
        } else {
          throw new PlannedInputException(shownAs + " at /" + i + ": " + key + " has no ParameterValue");
        }
      }
      return new TemplateParameters(shownAs, values, previous);
    }
    if (root == null || !root.isObject()) {
      throw new PlannedInputException(shownAs + ": give [{\"ParameterKey\": \"K\", \"ParameterValue\": \"V\"}] or "
          + "{\"K\": \"V\"}");
    }
    JsonNode object = root.size() == 1 && root.path("Parameters").isObject() ? root.get("Parameters") : root;
    object.fields().forEachRemaining(e -> values.put(e.getKey(), value(e.getValue(), shownAs + " at /" + e.getKey())));
    return new TemplateParameters(shownAs, values, previous);
  }

  private static String value(JsonNode value, String where) {
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      value.forEach(item -> items.add(value(item, where)));
      return String.join(",", items);
    }
    if (!value.isValueNode() || value.isNull()) {
      throw new PlannedInputException(where + ": a parameter value is a string, number, boolean or list");
    }
    return value.asText();
  }
}
