package dev.pullpath.report;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where the rule pages ({@code rules/PPxxx.md}) are published, as given with {@code --docs-url}: a base
 * the page name {@code PPxxx.md} is appended to, or a template holding {@code {id}} for sites that publish
 * the pages under other names (e.g. {@code https://docs.example.com/pullpath/{id}.html}).
 */
public record DocsUrl(String base) {
  private static final String ID = "{id}";

  /** Refuses anything but an absolute http(s) address, so a typo does not end up in every report link. */
  public static DocsUrl parse(String text) {
    String trimmed = text == null ? "" : text.strip();
    URI uri;
    try {
      uri = new URI(trimmed.replace(ID, "PP000"));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + text + "' is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
      throw new IllegalArgumentException("'" + text + "' is not an http(s) URL such as "
          + "https://docs.example.com/pullpath/rules/");
    }
    if (uri.getQuery() != null || uri.getFragment() != null) {
      if (!trimmed.contains(ID)) {
        throw new IllegalArgumentException("'" + text + "' has a query or fragment; put {id} where the rule id goes");
      }
    }
    return new DocsUrl(trimmed);
  }

  /** Where the pages are, for SARIF's {@code informationUri}: the base, or the template up to its last "/" before {id}. */
  public String site() {
    int id = base.indexOf(ID);
    return id < 0 ? base : base.substring(0, base.lastIndexOf('/', id) + 1);
  }

  /** The page of one rule: {@code BASE/PP001.md}, or the template with {@code {id}} replaced. */
  public String pageOf(String ruleId) {
    if (base.contains(ID)) {
      return base.replace(ID, ruleId);
    }
    return (base.endsWith("/") ? base : base + "/") + ruleId + ".md";
  }
}
