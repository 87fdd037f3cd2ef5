package dev.pullpath.report;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the line of the snapshot file that names a resource, so code scanning can point an alert at it.
 *
 * <p>The snapshot is not re-parsed with locations: the first place the id occurs as a whole JSON string
 * ({@code "vpc-0abc"}) is where the resource is declared in every snapshot pullpath writes, and a plain
 * scan works on any JSON layout. Lines are 1-based; when there is no text or no match the answer is
 * line 1, which SARIF consumers accept for "somewhere in this file".
 *
 * <p>Every string literal's first line is indexed in one pass over the text, so looking up thousands of
 * resources (one related location per blocked workload) stays linear in the file's size.
 */
final class SourceLines {
  /** The first line of each string literal, keyed by its text as written (JSON escapes kept). */
  private final Map<String, Integer> firstLineOfLiteral;

  SourceLines(String text) {
    this.firstLineOfLiteral = index(text == null ? "" : text);
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
      int line = find(name);
      if (line > 0) {
        return line;
      }
    }
    return 1;
  }

  /** The line of {@code id} as a JSON string, or 0 when it does not occur. */
  private int find(String id) {
    return firstLineOfLiteral.getOrDefault(new String(JsonStringEncoder.getInstance().quoteAsString(id)), 0);
  }

  /**
   * One pass: lines end at LF, CR LF, or a lone CR (the terminators SARIF counts lines by); a literal
   * runs from a quote to the next quote not escaped by a backslash.
   */
  private static Map<String, Integer> index(String text) {
    Map<String, Integer> lines = new HashMap<>();
    int line = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
        line++;
      } else if (c == '"') {
        int end = i + 1;
        while (end < text.length() && text.charAt(end) != '"') {
          end += text.charAt(end) == '\\' ? 2 : 1;
        }
        lines.putIfAbsent(text.substring(i + 1, Math.min(end, text.length())), line);
        i = end;
      }
    }
    return lines;
  }
}
