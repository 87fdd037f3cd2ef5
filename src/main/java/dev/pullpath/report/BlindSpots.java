package dev.pullpath.report;

/**
 * What a scan cannot see, said once in every report format, so that a clean report is not read as proof
 * that tasks will start.
 */
final class BlindSpots {
  /** One short paragraph; the JSON field, SARIF run property, text and HTML paragraph all carry it. */
  static final String PARAGRAPH = "Not checked: pullpath cannot see service control policies or resource "
      + "control policies (AWS Organizations), network ACLs, or custom DNS (DHCP option sets, Route 53 Resolver "
      + "rules); any of them can still block a pull, so a clean report is not proof that tasks will start.";

  /** The JSON report field and SARIF run property that carry {@link #PARAGRAPH}. */
  static final String FIELD = "notChecked";

  private BlindSpots() {}
}
