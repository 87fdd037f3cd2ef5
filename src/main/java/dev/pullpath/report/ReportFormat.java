package dev.pullpath.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The report formats pullpath can write, as named on the command line. */
public enum ReportFormat {
  /** For a person at a terminal. */
  TEXT("txt"),
  /** For scripts: the stable schema documented in {@code docs/report-json.md}. */
  JSON("json"),
  /** For code scanning (GitHub and other SARIF 2.1.0 consumers). */
  SARIF("sarif"),
  /** One self-contained page to attach to a ticket or a CI run. */
  HTML("html"),
  /** For a pull-request comment or {@code $GITHUB_STEP_SUMMARY}. */
  MARKDOWN("md");

  /** GitHub code scanning rejects SARIF files with more runs (one run per account/region pair). */
  public static final int SARIF_RUNS_PER_FILE = 20;

  private final String extension;

  ReportFormat(String extension) {
    this.extension = extension;
  }

  /** Lower-case name as typed on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** File name extension without the dot, e.g. {@code sarif}. */
  public String extension() {
    return extension;
  }

  public Renderer renderer() {
    return switch (this) {
      case TEXT -> new TextRenderer();
      case JSON -> new JsonRenderer();
      case SARIF -> new SarifRenderer();
      case HTML -> new HtmlRenderer();
      case MARKDOWN -> new MarkdownRenderer();
    };
  }

  /**
   * The format named {@code text} (case-insensitive); an unknown name is an error that lists the valid
   * ones, so a typo on the command line is explained rather than ignored.
   */
  public static ReportFormat parse(String text) {
    if (text != null) {
      for (ReportFormat format : values()) {
        if (format.label().equalsIgnoreCase(text.strip())) {
          return format;
        }
      }
    }
    String valid = Arrays.stream(values()).map(ReportFormat::label).collect(Collectors.joining(", "));
    throw new IllegalArgumentException("unknown report format '" + text + "' (valid formats: " + valid + ")");
  }
}
