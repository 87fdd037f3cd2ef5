package dev.pullpath.planned;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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

  private JsonPositions(Map<String, SourcePosition> positions) {
    this.positions = positions;
  }

  /** Reads positions from {@code text}, which the caller has already parsed, so it is well-formed JSON. */
  static JsonPositions of(String text, String file) throws IOException {
    Map<String, SourcePosition> positions = new HashMap<>();
    Deque<Frame> stack = new ArrayDeque<>();
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.FIELD_NAME) {
          stack.peek().field = parser.currentName();
          continue;
        }
        if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          stack.pop();
          advance(stack);
          continue;
        }
        String pointer = pointer(stack);
        JsonLocation start = parser.currentTokenLocation();
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          positions.put(pointer, span(file, start, start.getLineNr(), start.getColumnNr() + 1));
          stack.push(new Frame(token == JsonToken.START_ARRAY));
          continue;
        }
        parser.getText(); // reads the rest of the token, so the parser stands right after it
        JsonLocation end = parser.currentLocation();
        positions.put(pointer, span(file, start, end.getLineNr(), end.getColumnNr()));
        advance(stack);
      }
    }
    return new JsonPositions(Map.copyOf(positions));
  }

  /** The value at {@code pointer}, or {@code null} when the text has none there. */
  SourcePosition at(String pointer) {
    return positions.get(pointer);
  }

  private static SourcePosition span(String file, JsonLocation start, int endLine, int endColumn) {
    return new SourcePosition(file, start.getLineNr(), start.getColumnNr(), endLine, endColumn);
  }

  private static void advance(Deque<Frame> stack) {
    if (!stack.isEmpty() && stack.peek().array) {
      stack.peek().index++;
    }
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
    String field;
    int index;

    Frame(boolean array) {
      this.array = array;
    }
  }
}
