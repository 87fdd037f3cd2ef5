package dev.pullpath.report;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the line of the snapshot file that names a resource, so code scanning can point an alert at it.
 *
 * <p>The snapshot is not re-parsed with locations: the first place the id occurs as a whole JSON string
 * ({@code "vpc-0abc"}) is where the resource is declared in every snapshot pullpath writes, and a plain
 * search works on any JSON layout. Lines are 1-based; when there is no text or no match the answer is
 * line 1, which SARIF consumers accept for "somewhere in this file".
 */
final class SourceLines {
  private final String text;
  /** Offsets at which each line starts; entry {@code i} is line {@code i + 1}. */
  private final int[] lineStarts;
  private final Map<String, Integer> cache = new HashMap<>();
  /**
   * Where each distinct JSON string of the text first starts, built on the first lookup in one pass:
   * searching the whole text once per resource made a report of a large account take minutes.
   */
  private Map<String, Integer> firstStringOffsets;

  SourceLines(String text) {
    this.text = text == null ? "" : text;
    this.lineStarts = lineStarts(this.text);
  }

  /** The 1-based line where {@code id} first appears as a JSON string, or 1. */
  int lineOf(String id) {
    return lineOf(new String[] {id});
  }

  /**
   * The line of the first of {@code names} that appears, e.g. a resource's id, else its ARN (a task
   * definition's {@code family:revision} is not in the file, its ARN is); 1 when none does.
   */
  int lineOf(String... names) {
    for (String name : names) {
      int line = cache.computeIfAbsent(name, this::find);
      if (line > 0) {
        return line;
      }
    }
    return 1;
  }

  /** The line of {@code id} as a JSON string, or 0 when it does not occur. */
  private int find(String id) {
    if (firstStringOffsets == null) {
      firstStringOffsets = stringOffsets(text);
    }
    Integer at = firstStringOffsets.get(new String(JsonStringEncoder.getInstance().quoteAsString(id)));
    if (at == null) {
      return 0;
    }
    int index = Arrays.binarySearch(lineStarts, at);
    return index >= 0 ? index + 1 : -index - 1;
  }

  /** The raw (still escaped) content of every JSON string in {@code text}, with the offset of its first quote. */
  private static Map<String, Integer> stringOffsets(String text) {
    Map<String, Integer> first = new HashMap<>();
    int length = text.length();
    int from = 0;
    while (from < length) {
      int open = text.indexOf('"', from);
      if (open < 0) {
        break;
      }
      int close = open + 1;
      while (close < length && text.charAt(close) != '"') {
        close += text.charAt(close) == '\\' ? 2 : 1;
      }
      if (close >= length) {
        break;
      }
      first.putIfAbsent(text.substring(open + 1, close), open);
      from = close + 1;
    }
    return first;
  }

  /** Line starts after LF, CR LF, or a lone CR, the terminators SARIF counts lines by. */
  private static int[] lineStarts(String text) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
        starts.add(i + 1);
      }
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }
}
