package dev.pullpath.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The subset of SARIF 2.1.0 that pullpath writes and GitHub code scanning reads, as records. A SARIF
 * library would be a large dependency for a dozen objects; the schema test and
 * {@code sarif-multitool validate} keep these honest. Null fields are left out when written.
 */
record SarifLog(@JsonProperty("$schema") String schema, String version, List<Run> runs) {
  static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String VERSION = "2.1.0";

  /** {@code properties} is SARIF's property bag, here for what the scan cannot see. */
  record Run(
      Tool tool, AutomationDetails automationDetails, String columnKind, List<Result> results,
      Map<String, String> properties) {}

  /** {@code id} is {@code category/run}: GitHub keeps one set of alerts per category. */
  record AutomationDetails(String id) {}

  record Tool(Driver driver) {}

  record Driver(
      String name, String version, String semanticVersion, String informationUri, List<Rule> rules) {}

  /** A {@code reportingDescriptor}. */
  record Rule(
      String id,
      String name,
      Message shortDescription,
      Message fullDescription,
      Help help,
      String helpUri,
      Configuration defaultConfiguration,
      RuleProperties properties) {}

  /** A plain-text {@code message} or {@code multiformatMessageString}. */
  record Message(String text) {}

  /** GitHub shows {@code markdown} when present and {@code text} otherwise. */
  record Help(String text, String markdown) {}

  record Configuration(String level) {}

  /** GitHub ranks security alerts by {@code security-severity}, a numeric string. */
  record RuleProperties(
      List<String> tags, String precision, @JsonProperty("security-severity") String securitySeverity) {}

  record Result(
      String ruleId,
      Integer ruleIndex,
      String level,
      Message message,
      List<Location> locations,
      List<Location> relatedLocations,
      Map<String, String> partialFingerprints,
      ResultProperties properties,
      List<Fix> fixes,
      List<Suppression> suppressions) {
    Result(String ruleId, Integer ruleIndex, String level, Message message, List<Location> locations,
        Map<String, String> partialFingerprints, ResultProperties properties) {
      this(ruleId, ruleIndex, level, message, locations, null, partialFingerprints, properties, null, null);
    }
  }

  /** A proposed change to the files a result points into: code scanning can offer it as a suggestion. */
  record Fix(Message description, List<ArtifactChange> artifactChanges) {}

  record ArtifactChange(ArtifactLocation artifactLocation, List<Replacement> replacements) {}

  record Replacement(Region deletedRegion, ArtifactContent insertedContent) {}

  record ArtifactContent(String text) {}

  /** A result the user dismissed ({@code kind} {@code external}: in a configuration file), with why. */
  record Suppression(String kind, String status, String justification) {}

  /** {@code id} is set on related locations only, where SARIF asks for one unique per result. */
  record Location(
      Integer id, PhysicalLocation physicalLocation, List<LogicalLocation> logicalLocations, Message message) {}

  record PhysicalLocation(ArtifactLocation artifactLocation, Region region) {}

  record ArtifactLocation(String uri) {}

  /** Lines and columns are 1-based; the end column is exclusive. Absent values are left out. */
  record Region(Integer startLine, Integer startColumn, Integer endLine, Integer endColumn) {
    Region(int startLine) {
      this(startLine, null, null, null);
    }
  }

  record LogicalLocation(String name, String fullyQualifiedName, String kind) {}

  /** pullpath's own facts about a result, for consumers that want more than the message. */
  record ResultProperties(
      List<String> workloads, long workloadCount, String resourceType, String resourceArn, String fixCli, List<String> evidence) {}
}
