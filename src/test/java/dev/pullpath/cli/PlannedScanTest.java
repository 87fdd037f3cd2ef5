package dev.pullpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@code scan --task-definition}: planned task definitions checked alone and over the account they land in. */
class PlannedScanTest {
  private static final String PUBLIC = "examples/taskdef-public-image.json";
  private static final String FIXED = "examples/taskdef-public-image-fixed.json";
  private static final String COMPLIANT = "examples/seed-compliant.json";
  private static final String REWRITTEN =
      "111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/ecr-public/nginx/nginx:1.27";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aPublicImageFailsAtItsLineWithTheRewrittenUri() throws IOException {
    CliRun run = CliRun.of("scan", "--task-definition", PUBLIC, "--format", "sarif");

    assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
    JsonNode pp008 = only(JSON.readTree(run.out()).at("/runs/0/results"), "PP008");
    assertThat(pp008.path("level").asText()).isEqualTo("error");
    assertThat(pp008.at("/message/text").asText()).contains(REWRITTEN);
    JsonNode physical = pp008.at("/locations/0/physicalLocation");
    assertThat(physical.at("/artifactLocation/uri").asText()).isEqualTo(PUBLIC);
    assertThat(physical.at("/region/startLine").asInt()).isEqualTo(11);
    assertThat(physical.at("/region/startColumn").asInt()).isEqualTo(16);
    JsonNode replacement = pp008.at("/fixes/0/artifactChanges/0/replacements/0");
    assertThat(replacement.at("/deletedRegion/endColumn").asInt()).isEqualTo(49);
    assertThat(replacement.at("/insertedContent/text").asText()).isEqualTo("\"" + REWRITTEN + "\"");
  }

  @Test
  void applyingTheSarifFixGivesTheCorrectedFileWhichPasses() throws IOException {
    JsonNode log = JSON.readTree(CliRun.of("scan", "--task-definition", PUBLIC, "--format", "sarif").out());
    JsonNode replacement = only(log.at("/runs/0/results"), "PP008").at("/fixes/0/artifactChanges/0/replacements/0");
    List<String> lines = new ArrayList<>(java.nio.file.Files.readAllLines(java.nio.file.Path.of(PUBLIC)));
    int line = replacement.at("/deletedRegion/startLine").asInt() - 1;
    String text = lines.get(line);
    lines.set(line, text.substring(0, replacement.at("/deletedRegion/startColumn").asInt() - 1)
        + replacement.at("/insertedContent/text").asText()
        + text.substring(replacement.at("/deletedRegion/endColumn").asInt() - 1));

    assertThat(lines).isEqualTo(java.nio.file.Files.readAllLines(java.nio.file.Path.of(FIXED)));
    CliRun fixed = CliRun.of("scan", "--task-definition", FIXED);
    assertThat(fixed.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(fixed.out()).contains("PP007 execution-role-pull-permissions  not evaluated in part (see PP000)")
        .contains("PP008 image-via-pull-through-cache     PASS");
  }

  @Test
  void withoutAnAccountRulesNeedingItAreNotEvaluatedNotPassed() throws IOException {
    CliRun run = CliRun.of("scan", "--task-definition", PUBLIC, "--format", "json");

    JsonNode findings = JSON.readTree(run.out()).path("findings");
    List<String> notEvaluated = new ArrayList<>();
    findings.forEach(f -> {
      if (f.path("ruleId").asText().equals("PP000")) {
        notEvaluated.add(f.path("message").asText().substring(0, 5));
      }
    });
    assertThat(notEvaluated).containsExactly(
        "PP001", "PP002", "PP003", "PP004", "PP005", "PP006", "PP007", "PP009", "PP010", "PP011", "PP012");
    JsonNode pp008 = only(findings, "PP008");
    assertThat(pp008.path("location").path("line").asInt()).isEqualTo(11);
    assertThat(pp008.path("location").path("replacement").asText()).isEqualTo(REWRITTEN);
    assertThat(pp008.at("/fix/cli").isNull()).as("no describe-task-definition for an unregistered file").isTrue();
  }

  @Test
  void overTheSeedAccountItReportsWhatRegisteringWouldBreak() throws IOException {
    CliRun broken = CliRun.of("scan", "--task-definition", PUBLIC, "--snapshot", COMPLIANT, "--format", "json");
    CliRun fixed = CliRun.of("scan", "--task-definition", FIXED, "--snapshot", COMPLIANT, "--format", "json");

    assertThat(broken.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(ruleIds(broken)).containsExactly("PP008");
    assertThat(only(JSON.readTree(broken.out()).path("findings"), "PP008").path("workloads").path(0).asText())
        .isEqualTo("seed-cluster/httpd-service");
    // The rewritten image needs a cache rule for ecr-public, which the seed account does not have, and the
    // execution role may import only through the docker-hub prefix: registering it there breaks both.
    assertThat(fixed.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(ruleIds(fixed)).containsExactlyInAnyOrder("PP007", "PP009");
    assertThat(only(JSON.readTree(fixed.out()).path("findings"), "PP009").path("message").asText())
        .contains("ecr-public");
    assertThat(only(JSON.readTree(fixed.out()).path("findings"), "PP007").path("message").asText())
        .contains("ecr:BatchImportUpstreamImage");
    // The seed's own task definition passes there, so these findings are the planned file's doing.
    assertThat(CliRun.of("scan", "--snapshot", COMPLIANT).exitCode()).isEqualTo(ExitCode.OK);
  }

  @ParameterizedTest
  @ValueSource(strings = {PUBLIC, FIXED})
  void sarifOfTheExamplesConformsToTheSchema(String example) throws IOException {
    for (List<String> context : List.of(List.<String>of(), List.of("--snapshot", COMPLIANT))) {
      List<String> args = new ArrayList<>(List.of("scan", "--task-definition", example, "--format", "sarif"));
      args.addAll(context);
      JsonNode log = JSON.readTree(CliRun.of(args.toArray(String[]::new)).out());

      assertThat(schema().validate(log)).as(example + " " + context).isEmpty();
    }
  }

  @Test
  void aBrokenFileIsAUsageErrorNamingIt() {
    CliRun run = CliRun.of("scan", "--task-definition", "examples/seed-compliant.json");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("examples/seed-compliant.json at /family: a non-empty string is required");
  }

  @Test
  void theSavedSnapshotIsTheAccountAsItWillBeAndHtmlShowsThePosition(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws IOException {
    java.nio.file.Path saved = dir.resolve("planned.json");
    java.nio.file.Path html = dir.resolve("r.html");
    CliRun run = CliRun.of("scan", "--task-definition", PUBLIC, "--snapshot", COMPLIANT, "--save-snapshot",
        saved.toString(), "--format", "html", "--output", html.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
    JsonNode snapshot = JSON.readTree(saved.toFile());
    assertThat(snapshot.at("/taskDefinitions/0/containers/0/image").asText()).isEqualTo("public.ecr.aws/nginx/nginx:1.27");
    assertThat(snapshot.at("/services/0/taskDefinitionArn").asText()).endsWith(":task-definition/httpd:2");
    assertThat(java.nio.file.Files.readString(html))
        .contains("at <code class=\"position\">examples/taskdef-public-image.json:11:16</code>");
  }

  @Test
  void aReportCannotOverwriteATaskDefinitionBeingChecked() {
    CliRun run = CliRun.of("scan", "--task-definition", PUBLIC, "--format", "json", "--output", PUBLIC);

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("is a task definition being checked");
  }

  @Test
  void describeOutputIsCheckedWithOneNoteAboutItsReadOnlyFields(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws IOException {
    JsonNode td = JSON.readTree(java.nio.file.Path.of(PUBLIC).toFile());
    com.fasterxml.jackson.databind.node.ObjectNode described = JSON.createObjectNode();
    com.fasterxml.jackson.databind.node.ObjectNode inner = described.putObject("taskDefinition");
    inner.put("taskDefinitionArn", "arn:aws:ecs:ap-northeast-1:111122223333:task-definition/httpd:5")
        .put("revision", 5).put("status", "ACTIVE").put("registeredBy", "arn:aws:iam::111122223333:user/dev");
    inner.setAll((com.fasterxml.jackson.databind.node.ObjectNode) td);
    java.nio.file.Path file = dir.resolve("described.json");
    JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), described);

    CliRun run = CliRun.of("scan", "--task-definition", file.toString(), "--format", "json");

    assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(run.err().lines().filter(l -> l.contains("ignored the read-only fields")).toList()).singleElement()
        .asString().contains("taskDefinitionArn, revision, status, registeredBy");
    assertThat(ruleIds(run)).contains("PP008");
  }

  @Test
  void aCloudFormationTemplateGivesTheSameRuleIdsAsItsTaskDefinitionTwin() throws IOException {
    String template = "examples/cfn-taskdef-public-image.yaml";
    CliRun broken = CliRun.of("scan", "--template", template, "--snapshot", COMPLIANT, "--format", "json");
    CliRun fixed = CliRun.of("scan", "--template", "examples/cfn-taskdef-public-image-fixed.yaml", "--snapshot",
        COMPLIANT, "--format", "json");
    CliRun sarif = CliRun.of("scan", "--template", template, "--snapshot", COMPLIANT, "--format", "sarif");

    assertThat(ruleIds(broken)).isEqualTo(ruleIds(CliRun.of("scan", "--task-definition", PUBLIC, "--snapshot",
        COMPLIANT, "--format", "json"))).containsExactly("PP008");
    assertThat(ruleIds(fixed)).isEqualTo(ruleIds(CliRun.of("scan", "--task-definition", FIXED, "--snapshot",
        COMPLIANT, "--format", "json"))).containsExactlyInAnyOrder("PP007", "PP009");
    JsonNode log = JSON.readTree(sarif.out());
    assertThat(schema().validate(log)).isEmpty();
    JsonNode pp008 = only(log.at("/runs/0/results"), "PP008");
    assertThat(pp008.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo(template);
    assertThat(pp008.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(22);
    assertThat(pp008.at("/fixes/0/artifactChanges/0/replacements/0/insertedContent/text").asText())
        .isEqualTo("\"" + REWRITTEN + "\"");
  }

  @Test
  void aTemplateWhoseAccountIsOnlyAPseudoParameterNeedsAnAccount() {
    CliRun run = CliRun.of("scan", "--template", "examples/cfn-taskdef-public-image.yaml");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("no ARN in the file names the account").contains("--snapshot FILE or --region");
  }

  @Test
  void aTerraformPlanGivesTheSameRuleIdsAsItsTaskDefinitionTwin() throws IOException {
    String plan = "examples/tfplan-public-image.json";
    String fixedPlan = "examples/tfplan-public-image-fixed.json";
    for (List<String> context : List.of(List.<String>of(), List.of("--snapshot", COMPLIANT))) {
      assertThat(ruleIds(scan("--terraform-plan", plan, context)))
          .isEqualTo(ruleIds(scan("--task-definition", PUBLIC, context))).contains("PP008");
      CliRun fixed = scan("--terraform-plan", fixedPlan, context);
      assertThat(ruleIds(fixed)).isEqualTo(ruleIds(scan("--task-definition", FIXED, context))).doesNotContain("PP008");
      assertThat(fixed.exitCode()).isEqualTo(scan("--task-definition", FIXED, context).exitCode());
    }
    assertThat(CliRun.of("scan", "--terraform-plan", fixedPlan).exitCode()).isEqualTo(ExitCode.OK);
  }

  @Test
  void terraformFindingsCarryTheResourceAddressAndPointIntoThePlan() throws IOException {
    String plan = "examples/tfplan-public-image.json";
    CliRun sarif = CliRun.of("scan", "--terraform-plan", plan, "--format", "sarif");
    CliRun json = CliRun.of("scan", "--terraform-plan", plan, "--format", "json");
    CliRun text = CliRun.of("scan", "--terraform-plan", plan);

    assertThat(sarif.exitCode()).isEqualTo(ExitCode.FINDINGS);
    JsonNode log = JSON.readTree(sarif.out());
    assertThat(schema().validate(log)).isEmpty();
    JsonNode pp008 = only(log.at("/runs/0/results"), "PP008");
    assertThat(pp008.at("/message/text").asText()).contains(REWRITTEN)
        .contains("Change aws_ecs_task_definition.httpd in the Terraform configuration");
    assertThat(pp008.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo(plan);
    assertThat(pp008.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(117);
    assertThat(pp008.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText())
        .isEqualTo("aws_ecs_task_definition.httpd");
    assertThat(pp008.has("fixes")).as("the plan is generated; the fix goes into the configuration").isFalse();
    JsonNode location = only(JSON.readTree(json.out()).path("findings"), "PP008").path("location");
    assertThat(location.path("address").asText()).isEqualTo("aws_ecs_task_definition.httpd");
    assertThat(location.has("replacement")).isFalse();
    assertThat(only(JSON.readTree(json.out()).path("findings"), "PP008").path("evidence").toString())
        .contains("planned as aws_ecs_task_definition.httpd in " + plan);
    assertThat(text.out()).contains("at " + plan + ":117:36 (aws_ecs_task_definition.httpd)");
  }

  @Test
  void aBinaryPlanIsAUsageErrorSayingWhatToGive(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws IOException {
    java.nio.file.Path binary = dir.resolve("tfplan");
    java.nio.file.Files.write(binary, new byte[] {'P', 'K', 3, 4, 0, 0});

    CliRun run = CliRun.of("scan", "--terraform-plan", binary.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("not JSON").contains("terraform show -json PLANFILE").doesNotContain("Exception");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--template examples/cfn-endpoints.yaml", "--terraform-plan examples/tfplan-endpoints.json"})
  void endpointsAddedByATemplateOrPlanClearPp001AndPp002(String planned, @org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws IOException {
    com.fasterxml.jackson.databind.node.ObjectNode account =
        (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(java.nio.file.Path.of(COMPLIANT).toFile());
    com.fasterxml.jackson.databind.node.ArrayNode endpoints = JSON.createArrayNode();
    account.path("vpcEndpoints").forEach(e -> {
      if (!e.path("serviceName").asText().matches(".*\\.ecr\\.(api|dkr)$")) {
        endpoints.add(e);
      }
    });
    account.set("vpcEndpoints", endpoints);
    java.nio.file.Path snapshot = dir.resolve("no-ecr-endpoints.json");
    JSON.writeValue(snapshot.toFile(), account);
    List<String> args = new ArrayList<>(List.of("scan", "--snapshot", snapshot.toString(), "--format", "json"));

    CliRun before = CliRun.of(args.toArray(String[]::new));
    args.addAll(List.of(planned.split(" ")));
    CliRun after = CliRun.of(args.toArray(String[]::new));

    assertThat(ruleIds(before)).containsExactly("PP001", "PP002");
    assertThat(after.exitCode()).as(after.err()).isEqualTo(ExitCode.OK);
    assertThat(ruleIds(after)).isEmpty();
  }

  private static CliRun scan(String option, String file, List<String> context) {
    List<String> args = new ArrayList<>(List.of("scan", option, file, "--format", "json"));
    args.addAll(context);
    return CliRun.of(args.toArray(String[]::new));
  }

  private static List<String> ruleIds(CliRun run) throws IOException {
    List<String> ids = new ArrayList<>();
    JSON.readTree(run.out()).path("findings").forEach(f -> ids.add(f.path("ruleId").asText()));
    return ids;
  }

  private static JsonNode only(JsonNode results, String ruleId) {
    List<JsonNode> matching = new ArrayList<>();
    results.forEach(r -> {
      if (r.path("ruleId").asText().equals(ruleId)) {
        matching.add(r);
      }
    });
    assertThat(matching).as(ruleId).hasSize(1);
    return matching.get(0);
  }

  private static JsonSchema schema() throws IOException {
    try (InputStream in = PlannedScanTest.class.getResourceAsStream("/sarif-schema-2.1.0.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
    }
  }

  @Test
  void parameterValuesOverrideTheTemplatesDefaultsAndAnUnknownNameIsAUsageError(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
    String template = "examples/cfn-taskdef-public-image.yaml";
    java.nio.file.Path values = java.nio.file.Files.writeString(dir.resolve("params.json"),
        "[{\"ParameterKey\": \"ImageTag\", \"ParameterValue\": \"1.28\"}]");
    java.nio.file.Path typo = java.nio.file.Files.writeString(dir.resolve("typo.json"), "{\"ImageTg\": \"1.28\"}");

    CliRun run = CliRun.of("scan", "--template", template, "--parameters", values.toString(), "--snapshot", COMPLIANT,
        "--format", "json");
    CliRun wrong = CliRun.of("scan", "--template", template, "--parameters", typo.toString(), "--snapshot", COMPLIANT);
    CliRun alone = CliRun.of("scan", "--parameters", values.toString(), "--snapshot", COMPLIANT);

    assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(only(JSON.readTree(run.out()).path("findings"), "PP008").path("message").asText())
        .contains("public.ecr.aws/nginx/nginx:1.28");
    assertThat(wrong.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(wrong.err().strip()).endsWith("ImageTg is not a parameter of " + template).doesNotContain("\n");
    assertThat(alone.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(alone.err()).contains("--parameters gives values to the parameters of --template FILE");
  }

  @Test
  void theSeedTemplatesFindingsOnPlannedGroupsPointAtTheirDeclarationInValidSarif(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
    com.fasterxml.jackson.databind.node.ObjectNode account =
        (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(java.nio.file.Path.of(COMPLIANT).toFile());
    com.fasterxml.jackson.databind.node.ArrayNode endpoints = JSON.createArrayNode();
    account.path("vpcEndpoints").forEach(e -> {
      if (!e.path("type").asText().equals("Interface")) {
        endpoints.add(e);
      }
    });
    account.set("vpcEndpoints", endpoints);
    com.fasterxml.jackson.databind.node.ArrayNode groups = JSON.createArrayNode();
    account.path("securityGroups").forEach(g -> {
      if (!g.path("groupId").asText().equals("sg-0endpoints00000001")) {
        groups.add(g);
      }
    });
    account.set("securityGroups", groups);
    account.putArray("pullThroughCacheRules");
    ((com.fasterxml.jackson.databind.node.ObjectNode) account.at("/iamRoles/0")).remove("inlinePolicies");
    java.nio.file.Path stripped = dir.resolve("stripped.json");
    JSON.writeValue(stripped.toFile(), account);

    CliRun broken = CliRun.of("scan", "--snapshot", stripped.toString(), "--template", "examples/cfn-seed-broken.yaml",
        "--format", "sarif");
    CliRun fixed = CliRun.of("scan", "--snapshot", stripped.toString(), "--template", "examples/cfn-seed-fixed.yaml");

    assertThat(broken.exitCode()).isEqualTo(ExitCode.FINDINGS);
    JsonNode log = JSON.readTree(broken.out());
    assertThat(schema().validate(log)).isEmpty();
    JsonNode pp005 = only(log.at("/runs/0/results"), "PP005");
    assertThat(pp005.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("examples/cfn-seed-broken.yaml");
    assertThat(pp005.at("/locations/0/physicalLocation/region/startLine").asInt()).as("EndpointSecurityGroup's properties")
        .isEqualTo(26);
    assertThat(pp005.at("/message/text").asText()).contains("planned:EndpointSecurityGroup");
    assertThat(fixed.exitCode()).as(fixed.err() + fixed.out()).isEqualTo(ExitCode.OK);
    assertThat(fixed.err()).doesNotContain("PP000");
  }
}
