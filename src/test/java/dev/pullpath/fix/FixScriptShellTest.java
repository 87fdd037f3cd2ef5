package dev.pullpath.fix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.ContainerDefinition;
import dev.pullpath.snapshot.HostileSnapshot;
import dev.pullpath.snapshot.TaskDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code --fix-script} is run by someone with admin credentials, start to end. This test renders the
 * script of a plan for an account whose names carry a shell payload, runs the whole script in bash with
 * {@code aws} replaced by a function that records its arguments (and answers DescribeTaskDefinition from the
 * snapshot) and the real {@code jq}, and proves: nothing but the commands runs, each step's call is made in
 * the plan's order with every value as one argument, jq rewrites exactly the planned images (values reach
 * it as {@code --arg}, never as program text), and what the script creates carries apply's client token and
 * plan tag.
 */
class FixScriptShellTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void theWholeScriptRunsOnlyItsCallsInOrderWithEveryValueVerbatim() throws Exception {
    Map<String, String> values = new LinkedHashMap<>();
    AccountSnapshot snapshot = HostileSnapshot.of(values);
    FixPlan plan = FixPlanner.plan(snapshot, FixPlannerTest.scan(snapshot), FixPlannerTest.ALL);
    assertThat(plan.steps()).extracting(s -> FixActions.kind(s.action())).contains("create-interface-endpoint",
        "put-execution-role-policy", "register-task-definition-revision", "update-service");
    for (TaskDefinition td : snapshot.taskDefinitions()) {
      Files.writeString(dir.resolve("td-" + md5(td.taskDefinitionArn()) + ".json"), describeAnswer(td));
    }

    Run run = runInBash(FixScript.render(plan));

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(dir.resolve("PWNED")).as(run.output()).doesNotExist();
    assertThat(dir.resolve("pwned")).as(run.output()).doesNotExist();
    // Every step's call, in the plan's order (a step may add reads, e.g. DescribeTaskDefinition).
    List<String> operations = run.calls().stream().map(c -> c.get(1) + " " + c.get(2)).toList();
    int at = 0;
    for (FixStep step : plan.steps()) {
      String wanted = step.call().service() + " " + kebab(step.call().operation());
      int found = operations.subList(at, operations.size()).indexOf(wanted);
      assertThat(found).as("%s after call %d in %s", wanted, at, operations).isNotNegative();
      at += found + 1;
    }
    assertThat(valuesAfter(run.calls(), "--role-name")).contains(values.get("roleName"));
    assertThat(valuesAfter(run.calls(), "--cluster")).contains(values.get("clusterName"));
    assertThat(valuesAfter(run.calls(), "--service")).isNotEmpty()
        .allSatisfy(service -> assertThat(service).startsWith("s" + HostileSnapshot.EVIL));

    for (FixStep step : plan.steps()) {
      AccountWriter.Tagging tagging = FixApplier.tagging(plan.planId(), step);
      if (step.action() instanceof EndpointCreation) {
        List<String> create = run.calls().stream().filter(c -> c.contains("create-vpc-endpoint")
            && c.contains(((EndpointCreation) step.action()).serviceName())).findFirst().orElseThrow();
        assertThat(create).containsSequence("--client-token", tagging.clientToken());
        JsonNode tags = JSON.readTree(create.get(create.indexOf("--tag-specifications") + 1));
        assertThat(tags.at("/0/ResourceType").asText()).isEqualTo("vpc-endpoint");
        assertThat(tags.at("/0/Tags/0/Key").asText()).isEqualTo("pullpath:plan");
        assertThat(tags.at("/0/Tags/0/Value").asText()).isEqualTo(plan.planId());
      }
      if (step.action() instanceof RegisterTaskDefinitionRevision revision) {
        JsonNode input = JSON.readTree(dir.resolve("taskdef-" + revision.family() + ".json").toFile());
        assertThat(input.has("taskDefinitionArn")).isFalse();
        assertThat(input.has("revision")).isFalse();
        Map<String, String> images = new LinkedHashMap<>();
        input.get("containerDefinitions").forEach(c -> images.put(c.get("name").asText(), c.get("image").asText()));
        TaskDefinition source = snapshot.taskDefinition(revision.sourceArn()).orElseThrow();
        for (ContainerDefinition c : source.containers()) {
          assertThat(images.get(c.name())).as(c.name())
              .isEqualTo(revision.imageByContainer().getOrDefault(c.name(), c.image()));
        }
        assertThat(revision.imageByContainer().keySet()).as("the hostile container is rewritten")
            .contains(values.get("containerName"));
        assertThat(input.get("tags").toString()).contains("\"team\"")
            .contains("{\"key\":\"pullpath:plan\",\"value\":\"" + plan.planId() + "\"}");
      }
    }
  }

  @Test
  void aSourceMadeByAnEarlierPlanGetsThisPlansTagValueAndKeepsItsOtherTags() throws Exception {
    AccountSnapshot snapshot = HostileSnapshot.of(new LinkedHashMap<>());
    FixPlan plan = FixPlanner.plan(snapshot, FixPlannerTest.scan(snapshot), FixPlannerTest.ALL);
    FixStep step = plan.steps().stream().filter(s -> s.action() instanceof RegisterTaskDefinitionRevision)
        .findFirst().orElseThrow();
    RegisterTaskDefinitionRevision revision = (RegisterTaskDefinitionRevision) step.action();
    TaskDefinition td = snapshot.taskDefinition(revision.sourceArn()).orElseThrow();
    ObjectNode answer = (ObjectNode) JSON.readTree(describeAnswer(td));
    ((ArrayNode) answer.get("tags")).addObject().put("key", "pullpath:plan").put("value", "pp-earlier");
    Files.writeString(dir.resolve("td-" + md5(td.taskDefinitionArn()) + ".json"), answer.toString());

    Run run = runInBash(step.action().awsCli(plan.region(), FixApplier.tagging(plan.planId(), step)));

    assertThat(run.exitCode()).as(run.output()).isZero();
    JsonNode tags = JSON.readTree(dir.resolve("taskdef-" + revision.family() + ".json").toFile()).get("tags");
    assertThat(tags.toString()).doesNotContain("pp-earlier").contains("\"team\"")
        .contains("{\"key\":\"pullpath:plan\",\"value\":\"" + plan.planId() + "\"}");
  }

  @Test
  void thePlanAsReviewedKeepsEachNameOnItsLineAndEscapesControlCharacters() throws Exception {
    Map<String, String> values = new LinkedHashMap<>();
    AccountSnapshot snapshot = HostileSnapshot.of(values);
    FixPlan plan = FixPlanner.plan(snapshot, FixPlannerTest.scan(snapshot), FixPlannerTest.ALL);

    String text = FixPlanText.render(plan);

    String role = values.get("roleName");
    assertThat(text).contains("on role " + role.replace("\n", "\\u000a") + " granting");
    assertThat(text.lines().filter(line -> line.matches(" ?[0-9]+\\. .*")))
        .anySatisfy(step -> assertThat(step).contains(role.replace("\n", "\\u000a")));
    assertThat(PrintableText.line("a\u001b[2Kb\rc\nd")).isEqualTo("a\\u001b[2Kb\\u000dc\\u000ad");
    assertThat(PrintableText.command("--x 'a\nb\u0007'")).isEqualTo("--x 'a\nb\\u0007'");
  }

  /** What DescribeTaskDefinition --include TAGS answers for a revision, read-only fields and a tag included. */
  private static String describeAnswer(TaskDefinition td) {
    ObjectNode answer = JSON.createObjectNode();
    ObjectNode definition = answer.putObject("taskDefinition").put("taskDefinitionArn", td.taskDefinitionArn())
        .put("family", td.family()).put("revision", td.revision()).put("status", "ACTIVE");
    definition.putArray("compatibilities").add("FARGATE");
    ArrayNode containers = definition.putArray("containerDefinitions");
    td.containers().forEach(c -> containers.addObject().put("name", c.name()).put("image", c.image()));
    answer.putArray("tags").addObject().put("key", "team").put("value", "payments");
    return answer.toString();
  }

  private record Run(int exitCode, String output, List<List<String>> calls) {}

  private Run runInBash(String script) throws Exception {
    String prelude = "record() { for a in \"$@\"; do printf '%s\\0' \"$a\"; done >> calls.log; printf '\\1' >> calls.log; }\n"
        + "aws() {\n"
        + "  record aws \"$@\"\n"
        + "  case \"$2\" in\n"
        + "    describe-task-definition) cat \"td-$(printf '%s' \"$6\" | md5sum | cut -c1-32).json\" ;;\n"
        + "    create-security-group) echo sg-0created ;;\n"
        + "  esac\n"
        + "}\n";
    Process bash = new ProcessBuilder("bash", "-c", prelude + script).directory(dir.toFile())
        .redirectErrorStream(true).start();
    bash.getOutputStream().close();
    String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
    List<List<String>> calls = new ArrayList<>();
    Path log = dir.resolve("calls.log");
    if (Files.exists(log)) {
      for (String call : Files.readString(log, StandardCharsets.UTF_8).split("\u0001")) {
        if (!call.isEmpty()) {
          calls.add(List.of(call.substring(0, call.length() - 1).split("\u0000", -1)));
        }
      }
    }
    return new Run(bash.exitValue(), output, calls);
  }

  private static List<String> valuesAfter(List<List<String>> calls, String option) {
    List<String> found = new ArrayList<>();
    for (List<String> call : calls) {
      for (int i = 0; i + 1 < call.size(); i++) {
        if (call.get(i).equals(option)) {
          found.add(call.get(i + 1));
        }
      }
    }
    return found;
  }

  /** {@code ModifyVpcAttribute} as the AWS CLI names it: {@code modify-vpc-attribute}. */
  private static String kebab(String operation) {
    return operation.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  private static String md5(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
