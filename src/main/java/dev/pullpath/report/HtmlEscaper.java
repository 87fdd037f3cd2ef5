package dev.pullpath.report;

/**
 * Escapes untrusted text for HTML. Every value from a scan goes through here, whether it lands in an
 * element or in a (double-quoted) attribute: resource ids, messages and commands come from an account
 * snapshot, which anyone able to tag a resource or hand over a file can shape.
 *
 * <p>One function for both contexts is deliberate: escaping {@code & < > " '} is enough for text and for
 * quoted attribute values, and a single rule is harder to get wrong than a choice per call site.
 */
final class HtmlEscaper {
  private HtmlEscaper() {}

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        // NUL is a parse error in HTML and some tools truncate at it; show the replacement character.
        case '\0' -> out.append('\uFFFD');
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
