package dev.pullpath.report;

import java.util.List;

/**
 * The JSON report's schema, version {@value #SCHEMA_VERSION}, as records so its shape is visible in one
 * place. Field order is the record component order. Documented field by field in
 * {@code docs/report-json.md}; change that page and {@link #SCHEMA_VERSION} together with this file.
 *
 * <p>{@code workloads} lists every scanned workload, those without findings too, so that reports merged
 * from JSON ({@code pullpath merge}) can still name what passed.
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
    List<String> workloads,
    String notChecked,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
    List<SuppressedItem> suppressed) {

  /**
   * A finding taken out of {@code findings}: {@code kind} is {@code configuration} (.pullpath.yml) or
   * {@code baseline}; it does not fail the gate.
   */
  record SuppressedItem(String kind, String justification, Item finding) {}

  /** Bumped when a field is removed or changes meaning; adding a field does not bump it. */
  static final int SCHEMA_VERSION = 2;

  /**
   * Several account/region pairs in one report: totals, then each pair's report exactly as a scan of that
   * pair alone writes it. {@code pullpath merge} reads both shapes.
   */
  record Estate(Tool tool, int schemaVersion, EstateSummary summary, List<JsonReport> scans) {}

  /** Totals over every pair; {@code pairs} counts them, {@code incompletePairs} those with PP000 findings. */
  record EstateSummary(
      long pairs, long incompletePairs, long error, long warning, long note, long problems, long blockedWorkloads,
      long workloads) {}

  record Tool(String name, String version) {}

  /**
   * @param problems error findings other than PP000: the things that stop a pull
   * @param blockedWorkloads scanned workloads that at least one problem blocks
   * @param workloads every scanned workload
   */
  record Summary(long error, long warning, long note, long problems, long blockedWorkloads, long workloads) {}

  /** A rule that ran; {@code findings} is 0 when it passed. */
  record Rule(String id, String name, String title, String severity, String helpUri, long findings) {}

  /** One finding per root cause. {@code workloads} lists what it blocks, empty for account-wide findings. */
  record Item(
      String ruleId,
      String severity,
      List<String> workloads,
      Resource resource,
      String message,
      Fix fix,
      List<String> evidence,
      String fingerprint,
      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
      Location location) {}

  /**
   * Where a planned file spells the value a finding is about (absent for findings on the account); the
   * end column is exclusive, {@code replacement} the corrected value when the fix is a plain replacement,
   * {@code address} the resource of the infrastructure code the file was generated from (Terraform).
   */
  record Location(String file, int line, int column, int endLine, int endColumn,
      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
      String replacement,
      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
      String address) {}

  record Resource(String type, String id, String arn) {}

  /** {@code cli} is null when no single command fixes the finding. */
  record Fix(String summary, String cli) {}
}
