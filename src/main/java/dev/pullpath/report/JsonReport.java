package dev.pullpath.report;

import java.util.List;

/**
 * The JSON report's schema, version {@value #SCHEMA_VERSION}, as records so its shape is visible in one
 * place. Field order is the record component order. Documented field by field in
 * {@code docs/report-json.md}; change that page and {@link #SCHEMA_VERSION} together with this file.
 */
record JsonReport(
    Tool tool,
    int schemaVersion,
    String accountId,
    String region,
    String source,
    Summary summary,
    List<Rule> rules,
    List<Item> findings,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
    List<SuppressedItem> suppressed) {

  /**
   * A finding taken out of {@code findings}: {@code kind} is {@code configuration} (.pullpath.yml) or
   * {@code baseline}; it does not fail the gate.
   */
  record SuppressedItem(String kind, String justification, Item finding) {}

  /** Bumped when a field is removed or changes meaning; adding a field does not bump it. */
  static final int SCHEMA_VERSION = 1;

  record Tool(String name, String version) {}

  record Summary(long error, long warning, long note) {}

  /** A rule that ran; {@code findings} is 0 when it passed. */
  record Rule(String id, String name, String title, String severity, String helpUri, long findings) {}

  /** One finding. {@code workload} is null for account-wide findings. */
  record Item(
      String ruleId,
      String severity,
      String workload,
      Resource resource,
      String message,
      Fix fix,
      List<String> evidence,
      String fingerprint,
      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
      Location location) {}

  /**
   * Where a planned file spells the value a finding is about (absent for findings on the account); the
   * end column is exclusive, {@code replacement} the corrected value when the fix is a plain replacement.
   */
  record Location(String file, int line, int column, int endLine, int endColumn,
      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
      String replacement) {}

  record Resource(String type, String id, String arn) {}

  /** {@code cli} is null when no single command fixes the finding. */
  record Fix(String summary, String cli) {}
}
