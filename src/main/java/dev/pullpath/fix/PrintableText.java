package dev.pullpath.fix;

/**
 * Account values reach the plan's text and the comments of a fix script: a line break in a name would end a
 * script comment and run the rest of the name as a command, and an escape sequence printed on the terminal
 * where the plan asks for consent could hide a step. So control characters are shown as {@code \}{@code uXXXX}.
 */
public final class PrintableText {
  private PrintableText() {}

  /** One line: every control character, line breaks included, escaped. */
  public static String line(String text) {
    return escape(text, false);
  }

  /**
   * A command as printed for review: line breaks stay (inside a quoted value they are part of it, and the
   * command stays the one that runs), every other control character is escaped.
   */
  public static String command(String text) {
    return escape(text, true);
  }

  private static String escape(String text, boolean keepLineBreaks) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) && !(keepLineBreaks && c == '\n')) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
