package dev.pullpath.planned;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pullpath.check.SourcePosition;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The position of every value of a JSON text, by JSON pointer, read with Jackson's token locations. A
 * scalar's span covers the whole token (a string with its quotes, so a fix can replace it exactly); an
 * object or array spans its opening bracket.
 */
final class JsonPositions {
  private static final JsonFactory FACTORY = new JsonFactory();

  private final Map<String, SourcePosition> positions;
  /** Pointers of scalars, whose span is the whole value, so a fix may replace exactly it. */
  private final java.util.Set<String> scalars;

  private JsonPositions(Map<String, SourcePosition> positions, java.util.Set<String> scalars) {
    this.positions = positions;
    this.scalars = scalars;
  }

  /** Reads positions from {@code text}, which the caller has already parsed, so it is well-formed JSON. */
  static JsonPositions of(String text, String file) throws IOException {
    try (JsonParser parser = FACTORY.createParser(text)) {
      return read(parser, file).positions();
    }
  }

  /** A document read with the position of each value, short-form intrinsic tags turned into long form. */
  record Document(JsonNode tree, JsonPositions positions) {}

  /**
   * Reads a whole document from {@code parser} (JSON or YAML). A YAML tag such as {@code !Ref X} or
   * {@code !Sub "..."} becomes CloudFormation's long form ({@code {"Ref": "X"}}, {@code {"Fn::Sub": "..."}}),
   * positioned where the tagged value is.
   */
  static Document read(JsonParser parser, String file) throws IOException {
    Map<String, SourcePosition> positions = new HashMap<>();
    java.util.Set<String> scalars = new java.util.HashSet<>();
    Deque<Frame> stack = new ArrayDeque<>();
    JsonNode root = null;
    JsonToken token;
    while ((token = parser.nextToken()) != null) {
      if (token == JsonToken.FIELD_NAME) {
        stack.peek().field = parser.currentName();
        continue;
      }
      if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
        Frame done = stack.pop();
        root = attach(stack, longForm(done.tag, done.container), root);
        continue;
      }
      String pointer = pointer(stack);
      Object typeId = parser.getTypeId();
      String tag = typeId == null ? null : typeId.toString();
      JsonLocation start = parser.currentTokenLocation();
      if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
        positions.put(pointer, span(file, start, start.getLineNr(), start.getColumnNr() + 1));
        boolean array = token == JsonToken.START_ARRAY;
        stack.push(new Frame(array, array ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode(),
            tag));
        continue;
      }
      JsonNode value = scalar(parser, token);
      JsonLocation end = parser.currentLocation();
      positions.put(pointer, span(file, start, end.getLineNr(), end.getColumnNr()));
      scalars.add(pointer);
      root = attach(stack, longForm(tag, value), root);
    }
    return new Document(root, new JsonPositions(Map.copyOf(positions), java.util.Set.copyOf(scalars)));
  }

  private static JsonNode scalar(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_STRING -> JsonNodeFactory.instance.textNode(parser.getText());
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> JsonNodeFactory.instance.numberNode(parser.getDecimalValue());
      case VALUE_TRUE -> JsonNodeFactory.instance.booleanNode(true);
      case VALUE_FALSE -> JsonNodeFactory.instance.booleanNode(false);
      default -> JsonNodeFactory.instance.nullNode();
    };
  }

  /** Adds a finished value to its parent (advancing an array's index), or returns it as the root. */
  private static JsonNode attach(Deque<Frame> stack, JsonNode value, JsonNode root) {
    if (stack.isEmpty()) {
      return value;
    }
    Frame parent = stack.peek();
    if (parent.array) {
      ((ArrayNode) parent.container).add(value);
      parent.index++;
    } else {
      ((ObjectNode) parent.container).set(parent.field, value);
    }
    return root;
  }

  /** {@code !Ref X} as {@code {"Ref": "X"}}, {@code !GetAtt A.B} as {@code {"Fn::GetAtt": ["A", "B"]}}. */
  private static JsonNode longForm(String tag, JsonNode value) {
    if (tag == null || !tag.matches("[A-Za-z]+")) {
      return value;
    }
    ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
    if (tag.equals("Ref")) {
      return wrapped.set("Ref", value);
    }
    if (tag.equals("GetAtt") && value.isTextual() && value.asText().contains(".")) {
      String text = value.asText();
      int dot = text.indexOf('.');
      ArrayNode parts = JsonNodeFactory.instance.arrayNode().add(text.substring(0, dot)).add(text.substring(dot + 1));
      return wrapped.set("Fn::GetAtt", parts);
    }
    return wrapped.set("Fn::" + tag, value);
  }

  /** The value at {@code pointer}, or {@code null} when the text has none there. */
  /** Whether the value at {@code pointer} is a scalar, spanned whole (a tagged scalar with its tag). */
  boolean isScalar(String pointer) {
    return scalars.contains(pointer);
  }

  SourcePosition at(String pointer) {
    return positions.get(pointer);
  }

  private static SourcePosition span(String file, JsonLocation start, int endLine, int endColumn) {
    return new SourcePosition(file, start.getLineNr(), start.getColumnNr(), endLine, endColumn);
  }

  private static String pointer(Deque<Frame> stack) {
    StringBuilder pointer = new StringBuilder();
    for (Iterator<Frame> outermostFirst = stack.descendingIterator(); outermostFirst.hasNext(); ) {
      Frame frame = outermostFirst.next();
      pointer.append('/').append(frame.array
          ? Integer.toString(frame.index)
          : frame.field.replace("~", "~0").replace("/", "~1"));
    }
    return pointer.toString();
  }

  /** An open object (with the field being read) or array (with the index of the element being read). */
  private static final class Frame {
    final boolean array;
    final JsonNode container;
    final String tag;
    String field;
    int index;

    Frame(boolean array, JsonNode container, String tag) {
      this.array = array;
      this.container = container;
      this.tag = tag;
    }
  }
}
