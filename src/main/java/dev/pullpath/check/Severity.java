package dev.pullpath.check;

import java.util.Locale;

/**
 * How much a finding matters, with the SARIF level and GitHub {@code security-severity} score it maps to
 * (declared once here so every report agrees).
 */
public enum Severity {
  /** The task cannot pull its image, or cannot start. */
  ERROR("error", "8.0"),
  /** The pull works today but is fragile, or pullpath cannot prove it works. */
  WARNING("warning", "5.0"),
  /** Worth knowing; nothing is broken. */
  NOTE("note", "2.0");

  private final String sarifLevel;
  private final String securitySeverity;

  Severity(String sarifLevel, String securitySeverity) {
    this.sarifLevel = sarifLevel;
    this.securitySeverity = securitySeverity;
  }

  public String sarifLevel() {
    return sarifLevel;
  }

  public String securitySeverity() {
    return securitySeverity;
  }

  /** Lower-case name as used on the command line and in JSON. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this severity is at least as serious as {@code threshold}. */
  public boolean isAtLeast(Severity threshold) {
    return ordinal() <= threshold.ordinal();
  }

  public static Severity parse(String text) {
    for (Severity severity : values()) {
      if (severity.label().equalsIgnoreCase(text)) {
        return severity;
      }
    }
    throw new IllegalArgumentException("unknown severity '" + text + "' (expected error, warning or note)");
  }
}
