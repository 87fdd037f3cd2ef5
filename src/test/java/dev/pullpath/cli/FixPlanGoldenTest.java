package dev.pullpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pullpath.fix.FixPlan;
import dev.pullpath.fix.FixPlanJson;
import dev.pullpath.fix.FixStep;
import dev.pullpath.fix.UpdateServiceTaskDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plan files {@code scan --fix} writes for fixed inputs, byte for byte: the plan JSON (a saved plan is a
 * contract: same kinds, parameters and plan id for the same input), the bash script and the scoped IAM policy.
 * Between them the three inputs plan every action kind, so a change to any action's JSON, call, command, cost,
 * IAM actions or resources shows here. A committed plan must also still load, with its id.
 *
 * <p>After a deliberate change of output: {@code mvn -B -o -q test -Dtest=FixPlanGoldenTest
 * -Dpullpath.writeGolden=true}, then review the diff of {@code src/test/resources/fix-golden/}.
 */
class FixPlanGoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/fix-golden");
  private static final String[] ALL_OPTIONS = {"--allow-policy-rewrite", "--credential-arn",
      "docker-hub=arn:aws:secretsmanager:ap-northeast-1:111122223333:secret:ecr-pullthroughcache/docker-hub-Xy12Ab",
      "--allow-ingress", "10.0.0.0/16", "--update-services"};

  static Stream<Arguments> inputs() {
    return Stream.of(
        Arguments.of("seed-broken", new String[0]),
        Arguments.of("seed-broken-all-options", ALL_OPTIONS),
        // No endpoints at all, DNS resolution off, a role only EC2 may assume: plans the kinds the seed does not
        // (DNS support, the endpoint group, the gateway endpoint, the role's trust).
        Arguments.of("bare-vpc-all-options", ALL_OPTIONS));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void planFilesAreAsCommitted(String name, String[] options, @TempDir Path dir) throws Exception {
    Path snapshot = snapshotFor(name, dir);
    Path plan = dir.resolve("plan.json");
    Path script = dir.resolve("fix.sh");
    List<String> args = new ArrayList<>(List.of("scan", "--snapshot", snapshot.toString(), "--fix",
        "--plan-output", plan.toString(), "--fix-script", script.toString(), "--print-fix-policy"));
    args.addAll(List.of(options));

    CliRun run = CliRun.of(args.toArray(String[]::new));

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
    assertGolden(name + ".plan.json", Files.readString(plan));
    assertGolden(name + ".fix.sh", Files.readString(script));
    assertGolden(name + ".policy.json", run.out());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void aCommittedPlanStillLoadsWithItsId(String name, String[] options) throws Exception {
    String text = Files.readString(GOLDEN.resolve(name + ".plan.json"));

    FixPlan plan = FixPlanJson.read(text, name);

    assertThat(FixPlanJson.write(plan)).isEqualTo(text);
  }

  /**
   * A plan saved by an earlier version (its update-service steps name no images) still loads as it was
   * written, so its id still matches and {@code apply} takes it.
   */
  @Test
  void aPlanSavedBeforeUpdateServiceNamedItsImagesStillLoadsWithItsId() throws Exception {
    String text = Files.readString(GOLDEN.resolve("saved-before-images/seed-broken-all-options.plan.json"));

    FixPlan plan = FixPlanJson.read(text, "saved-before-images");

    assertThat(plan.steps()).extracting(FixStep::action).filteredOn(UpdateServiceTaskDefinition.class::isInstance)
        .isNotEmpty().allSatisfy(a -> assertThat(((UpdateServiceTaskDefinition) a).imageByContainer()).isEmpty());
    assertThat(FixPlanJson.write(plan)).isEqualTo(text);
  }

  private static Path snapshotFor(String name, Path dir) throws Exception {
    Path seed = Path.of("examples/seed-broken.json");
    if (!name.startsWith("bare-vpc")) {
      return seed;
    }
    ObjectMapper json = new ObjectMapper();
    ObjectNode snapshot = (ObjectNode) json.readTree(seed.toFile());
    snapshot.putArray("vpcEndpoints");
    ((ObjectNode) snapshot.get("vpcs").get(0)).put("enableDnsSupport", false);
    for (var role : snapshot.get("iamRoles")) {
      if (role.get("roleName").asText().equals("apiTaskExecutionRole")) {
        ((ObjectNode) role).set("assumeRolePolicyDocument", json.readTree("{\"Version\":\"2012-10-17\",\"Statement\":"
            + "[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"));
      }
    }
    Path file = dir.resolve(name + ".json");
    json.writeValue(file.toFile(), snapshot);
    return file;
  }

  private static void assertGolden(String file, String actual) throws Exception {
    Path golden = GOLDEN.resolve(file);
    if (Boolean.getBoolean("pullpath.writeGolden")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, actual);
    }
    assertThat(golden).as("golden file %s (see this test's comment to write it)", golden).exists();
    assertThat(actual).as("%s differs from the committed golden file", file).isEqualTo(Files.readString(golden));
  }
}
