package dev.pullpath.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pullpath.check.Finding;
import dev.pullpath.check.RuleRegistry;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.SnapshotJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Task-definition fixes run against a stand-in for ECS that keeps revisions and the service's current
 * revision (real jq does the edit): they start from what the service runs, not from the family's latest
 * revision, and two fixes pasted one after the other both stay in effect.
 */
class TaskDefinitionEditTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RuleRegistry REGISTRY = RuleRegistry.loadInstalled();
  private static final String FAMILY_ARN = "arn:aws:ecs:ap-northeast-1:111122223333:task-definition/httpd:";
  private static final String WORKLOAD = "seed-cluster/httpd-service";

  @TempDir Path state;

  @Test
  void twoFixesForOneTaskDefinitionComposeAndIgnoreTheCanary() throws Exception {
    assumeTrue(new ProcessBuilder("jq", "--version").start().waitFor() == 0, "jq is installed");
    // The broken seed's httpd service runs revision 1, which pulls a public image (PP008) and, here,
    // has no execution role (PP007). Someone has registered a canary revision 2 the service does not run.
    ObjectNode root = (ObjectNode) JSON.readTree(Path.of("examples/seed-broken.json").toFile());
    ((ObjectNode) root.get("taskDefinitions").get(0)).remove("executionRoleArn");
    AccountSnapshot snapshot = SnapshotJson.parse(JSON.writeValueAsString(root), "test");
    String imageFix = fixOf("PP008", snapshot);
    String roleFix = fixOf("PP007", snapshot);

    Files.writeString(state.resolve("httpd:1.json"), "{\"taskDefinitionArn\":\"" + FAMILY_ARN + "1\",\"family\":\"httpd\","
        + "\"revision\":1,\"cpu\":\"256\",\"status\":\"ACTIVE\",\"containerDefinitions\":[{\"name\":\"httpd\","
        + "\"image\":\"public.ecr.aws/docker/library/httpd:latest\"}]}");
    Files.writeString(state.resolve("httpd:2.json"), "{\"taskDefinitionArn\":\"" + FAMILY_ARN + "2\",\"family\":\"httpd\","
        + "\"revision\":2,\"cpu\":\"4096\",\"containerDefinitions\":[{\"name\":\"httpd\",\"image\":\"canary:experimental\"}]}");
    Files.writeString(state.resolve("current"), FAMILY_ARN + "1\n");
    Files.writeString(state.resolve("next"), "3");

    run(imageFix);
    run(roleFix);

    String current = Files.readString(state.resolve("current")).strip();
    assertThat(current).isEqualTo(FAMILY_ARN + "4");
    JsonNode running = JSON.readTree(state.resolve("httpd:4.json").toFile());
    assertThat(running.at("/containerDefinitions/0/image").asText())
        .as("the first fix's rewrite survives the second")
        .isEqualTo("111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/docker-hub/library/httpd:latest");
    assertThat(running.at("/executionRoleArn").asText())
        .isEqualTo("arn:aws:iam::111122223333:role/ecsTaskExecutionRole");
    assertThat(running.at("/cpu").asText()).as("built from revision 1, not the canary").isEqualTo("256");
    assertThat(running.has("status")).as("read-only fields are dropped before registering").isFalse();
  }

  private static String fixOf(String ruleId, AccountSnapshot snapshot) {
    List<Finding> findings = REGISTRY.get(ruleId).check(snapshot).stream()
        .filter(f -> f.workloads().contains(WORKLOAD) && f.fix().cli() != null
            && f.fix().cli().contains("register-task-definition"))
        .toList();
    assertThat(findings).as("%s task-definition fixes for %s", ruleId, WORKLOAD).isNotEmpty();
    return findings.get(0).fix().cli();
  }

  /** Runs a fix with {@code aws} answering from the state directory like ECS would. */
  private void run(String command) throws IOException, InterruptedException {
    String fakeEcs = """
        aws() {
          local sub="$1 $2"; shift 2
          local td="" file=""
          while [ $# -gt 0 ]; do
            case "$1" in
              --task-definition) td="$2"; shift ;;
              --cli-input-json) file="${2#file://}"; shift ;;
            esac
            shift
          done
          case "$sub" in
            "ecs describe-services") cat current ;;
            "ecs describe-task-definition") cat "${td##*/}.json" ;;
            "ecs register-task-definition")
              local n; n=$(cat next); echo $((n + 1)) > next
              local arn="%s$n"
              jq --arg arn "$arn" --argjson rev "$n" '. + {taskDefinitionArn: $arn, revision: $rev}' "$file" > "httpd:$n.json"
              echo "$arn" ;;
            "ecs update-service") echo "$td" > current ;;
            *) echo "unexpected aws $sub" >&2; return 1 ;;
          esac
        }
        """.formatted(FAMILY_ARN);
    Process bash = new ProcessBuilder("bash", "-c", fakeEcs + command)
        .directory(state.toFile()).redirectErrorStream(true).start();
    bash.getOutputStream().close();
    String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(bash.exitValue()).as("%s%n%s", command, output).isZero();
  }
}
