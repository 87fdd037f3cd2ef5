package dev.pullpath.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pullpath.cli.PullpathCli;
import dev.pullpath.snapshot.SnapshotJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * {@code --fix} end to end over the wire, with nothing faked inside pullpath: the command line as
 * {@code main} runs it (the production collectors, fix session and SDK writer, credentials from a named
 * profile) against one stateful account seeded with the seed's broken setup ({@link LocalAccountServer}).
 * The scan reads the account over HTTP, the plan's writes change it over HTTP, and the rescan reads what
 * the writes did.
 */
class LocalAccountFixTest {
  private static final String SECRET =
      "arn:aws:secretsmanager:ap-northeast-1:111122223333:secret:ecr-pullthroughcache/docker-hub-Xy12Ab";
  /** Every option that lets the plan fix the whole seed account. */
  private static final List<String> ALLOW = List.of("--allow-policy-rewrite", "--credential-arn", "docker-hub=" + SECRET,
      "--allow-ingress", "10.0.0.0/16", "--update-services");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path home;
  private LocalAccountServer account;
  private String out;
  private String err;

  @BeforeAll
  static void profile() throws Exception {
    TestProfile.install(home);
  }

  @AfterAll
  static void removeProfile() {
    TestProfile.remove();
  }

  @BeforeEach
  void seed() throws Exception {
    account = new LocalAccountServer(SnapshotJson.read(Path.of("examples/seed-broken.json")));
  }

  @AfterEach
  void stop() {
    account.close();
  }

  /** The seed account as JSON, for a test to change before {@link #reseed}. */
  private static ObjectNode seedJson() throws Exception {
    return (ObjectNode) JSON.readTree(Path.of("examples/seed-broken.json").toFile());
  }

  /** The account becomes {@code seed}, with a fresh call log. */
  private void reseed(ObjectNode seed) throws Exception {
    account.close();
    account = new LocalAccountServer(SnapshotJson.parse(seed.toString(), "a variant of seed-broken.json"));
  }

  /** Runs {@code pullpath ARGS...} as {@code main} would (the process has no terminal in a test). */
  private int run(List<String> args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int exit = PullpathCli.run(args.toArray(String[]::new), new PrintWriter(o, true), new PrintWriter(e, true));
    out = o.toString();
    err = e.toString();
    return exit;
  }

  /** The options that reach the account: the test profile's credentials and the local endpoint. */
  private List<String> connection() {
    return List.of("--profile", TestProfile.NAME, "--endpoint-url", account.endpoint().toString());
  }

  /** {@code pullpath scan --region ap-northeast-1 ...} against the account. */
  private int scan(String... options) {
    List<String> args = new ArrayList<>(List.of("scan", "--region", "ap-northeast-1", "--max-attempts", "1"));
    args.addAll(connection());
    args.addAll(List.of(options));
    return run(args);
  }

  /** {@code pullpath scan -q --fix} with every option that lets the plan fix the whole seed account. */
  private int fix(String... options) {
    List<String> args = new ArrayList<>(List.of("-q", "--fix"));
    args.addAll(ALLOW);
    args.addAll(List.of(options));
    return scan(args.toArray(String[]::new));
  }

  private int apply(Path plan, String... options) {
    List<String> args = new ArrayList<>(List.of("apply", plan.toString()));
    args.addAll(List.of(options));
    args.addAll(connection());
    return run(args);
  }

  /** The writes of the clean run over the seed account, one per step of its plan. */
  private static final List<String> SEED_FIX_WRITES = List.of("ec2:ModifyVpcAttribute",
      "ec2:AuthorizeSecurityGroupEgress", "ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupIngress",
      "ec2:AuthorizeSecurityGroupIngress", "ec2:ModifyVpcEndpoint", "ec2:ModifyVpcEndpoint", "ec2:CreateVpcEndpoint",
      "ec2:CreateVpcEndpoint", "ec2:CreateVpcEndpoint", "ec2:ModifyVpcEndpoint", "ecr:CreatePullThroughCacheRule",
      "ecr:UpdatePullThroughCacheRule", "iam:PutRolePolicy", "iam:PutRolePolicy", "ecs:RegisterTaskDefinition",
      "ecs:RegisterTaskDefinition", "ecs:UpdateService", "ecs:UpdateService");

  private List<String> writesSince(int from) {
    List<LocalAccountServer.Call> writes = account.writes();
    return writes.subList(from, writes.size()).stream().map(LocalAccountServer.Call::toString).toList();
  }

  @Test
  void fixYesLeavesNoErrorAndASecondRunWritesNothing() throws Exception {
    int exit = fix("--yes");

    assertThat(exit).as(out + "\n" + err).isZero();
    assertThat(out).contains("Findings before: 14 errors").contains("Findings after:  0 errors");
    assertThat(writesSince(0)).containsExactlyElementsOf(SEED_FIX_WRITES);
    // Every EC2 write was tried as a dry run first, before the first write of the run.
    List<LocalAccountServer.Call> calls = account.calls();
    int firstWrite = calls.indexOf(account.writes().get(0));
    assertThat(out).contains("Preflight of 19 pending steps").contains(" 0 denied");
    assertThat(calls.subList(0, firstWrite)).filteredOn(LocalAccountServer.Call::dryRun).extracting(Object::toString)
        .containsExactlyInAnyOrderElementsOf(SEED_FIX_WRITES.stream().filter(w -> w.startsWith("ec2:")
            && !w.equals("ec2:ModifyVpcAttribute")).map(w -> w + " (dry run)").toList());
    String planId = out.substring(out.indexOf("Fix plan ") + 9, out.indexOf(" for account"));
    assertThat(account.tagsOf("vpce-0local00000000001")).containsEntry("pullpath:plan", planId);
    assertThat(account.taskDefinitionTags("arn:aws:ecs:ap-northeast-1:111122223333:task-definition/api:8"))
        .containsEntry("team", "platform").containsEntry("pullpath:plan", planId);

    assertThat(scan("--format", "json")).as(out + err).isZero();
    JsonNode report = JSON.readTree(out);
    assertThat(report.path("findings")).isNotEmpty();
    assertThat(report.path("findings").findValuesAsText("severity")).doesNotContain("error");

    exit = fix("--yes");
    assertThat(exit).as(out + "\n" + err).isZero();
    assertThat(out).contains(": 0 steps").contains("Nothing to change.");
    assertThat(account.writes()).hasSize(SEED_FIX_WRITES.size());
  }

  @Test
  void aLostAnswerToCreateVpcEndpointIsRetriedWithTheSameClientTokenAndCreatesOneEndpoint() {
    // The 8th write creates the ecr.api endpoint; EC2 makes it, but the answer is lost to a server error.
    account.loseAnswerOfWrite(8, 500, "InternalError", "An internal error has occurred");

    int exit = fix("--yes");

    assertThat(exit).as(out + "\n" + err).isZero();
    assertThat(account.endpointsOf("com.amazonaws.ap-northeast-1.ecr.api")).hasSize(1);
    assertThat(writesSince(0)).filteredOn("ec2:CreateVpcEndpoint"::equals).hasSize(4);
  }

  @Test
  void anEc2DryRunIsAnsweredAsEc2DoesAndChangesNothing() {
    try (Ec2Client ec2 = Ec2Client.builder().region(Region.AP_NORTHEAST_1).endpointOverride(account.endpoint())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "secret")))
        .build()) {
      IpPermission https = IpPermission.builder().ipProtocol("tcp").fromPort(443).toPort(443)
          .ipRanges(IpRange.builder().cidrIp("10.0.2.0/24").build()).build();
      assertThatThrownBy(() -> ec2.authorizeSecurityGroupIngress(b -> b.dryRun(true).groupId("sg-0endpoints00000001")
          .ipPermissions(https)))
          .isInstanceOfSatisfying(Ec2Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(412);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DryRunOperation");
          });
      assertThat(ec2.describeSecurityGroups(b -> b.groupIds("sg-0endpoints00000001")).securityGroups().get(0)
          .ipPermissions()).singleElement().satisfies(p -> assertThat(p.ipRanges()).hasSize(1));
    }
    assertThat(account.writes()).isEmpty();
    assertThat(account.calls()).first().hasToString("ec2:AuthorizeSecurityGroupIngress (dry run)");
  }

  /** A preflight may ask the simulator about the caller itself, the account's administrator. */
  @Test
  void theSimulatorAnswersForTheCallerAndForRolesFromTheirPolicies() {
    try (IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL).endpointOverride(account.endpoint())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "secret")))
        .build()) {
      assertThat(iam.simulatePrincipalPolicy(b -> b.policySourceArn("arn:aws:iam::111122223333:user/admin")
          .actionNames("ec2:CreateVpcEndpoint").resourceArns("*")).evaluationResults())
          .singleElement().satisfies(r -> assertThat(r.evalDecisionAsString()).isEqualTo("allowed"));
      assertThat(iam.simulatePrincipalPolicy(b -> b.policySourceArn("arn:aws:iam::111122223333:role/ecsTaskExecutionRole")
          .actionNames("ecr:BatchGetImage", "ecr:CreateRepository").resourceArns("*")).evaluationResults())
          .extracting(r -> r.evalActionName() + " " + r.evalDecisionAsString())
          .containsExactly("ecr:BatchGetImage allowed", "ecr:CreateRepository implicitDeny");
    }
  }

  @Test
  void aWriteRefusedOnTheWireStopsTheRunAndTheRerunCompletesWithoutRepeatingIt() throws Exception {
    account.failWrite(3, 403, "UnauthorizedOperation", "You are not authorized to perform this operation.");
    Path changes = home.resolve("refused-on-the-wire.jsonl");

    int exit = fix("--yes", "--change-log", changes.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(out).contains(" 3. failed")
        .contains("UnauthorizedOperation: You are not authorized to perform this operation. (request id ")
        .contains("Applied 2, already done 0, failed 1, refused 0, not attempted 16");
    // The failed step's change-log line carries AWS's request id, as the applied ones do.
    JsonNode failedLine = JSON.readTree(Files.readAllLines(changes).get(2));
    assertThat(failedLine.path("outcome").asText()).isEqualTo("failed");
    assertThat(failedLine.path("requestIds").get(0).asText()).isNotBlank();
    assertThat(failedLine.path("error").asText()).startsWith("UnauthorizedOperation: ");
    assertThat(err).contains("nothing was rolled back; rerun");
    assertThat(writesSince(0)).containsExactlyElementsOf(SEED_FIX_WRITES.subList(0, 3));

    exit = fix("--yes");

    assertThat(exit).as(out + "\n" + err).isZero();
    assertThat(out).contains("Findings after:  0 errors");
    // The two writes the first run made are not made again; the refused one and the rest are.
    assertThat(writesSince(3)).containsExactlyElementsOf(SEED_FIX_WRITES.subList(2, SEED_FIX_WRITES.size()));
  }

  /** Wherever the run stops (an endpoint created, a revision registered, a service moved), the rerun goes on from there. */
  @ParameterizedTest
  @ValueSource(ints = {9, 18})
  void aRerunAfterAFailureAnywhereMakesOnlyTheWritesStillMissing(int failing) {
    account.failWrite(failing, 403, "UnauthorizedOperation", "You are not authorized to perform this operation.");
    assertThat(fix("--yes")).isEqualTo(1);

    assertThat(fix("--yes")).as(out + "\n" + err).isZero();
    assertThat(writesSince(failing))
        .containsExactlyElementsOf(SEED_FIX_WRITES.subList(failing - 1, SEED_FIX_WRITES.size()));
  }

  @Test
  void withoutATerminalAndWithoutYesThePlanIsPrintedAndNothingIsWritten() {
    int exit = fix();

    assertThat(exit).isEqualTo(1);
    assertThat(out).contains("Fix plan pp-").contains("19 steps").contains("Nothing changed: no terminal");
    assertThat(account.calls()).isNotEmpty();
    assertThat(account.writes()).isEmpty();
  }

  @Test
  void aSavedPlanIsAppliedUpToTheStepTheAccountMovedAwayFrom(@TempDir Path dir) throws Exception {
    Path plan = dir.resolve("plan.json");
    assertThat(fix("--plan-output", plan.toString())).isEqualTo(1);
    assertThat(account.writes()).isEmpty();
    // After planning, someone rewrites the S3 endpoint's policy by hand.
    String byHand = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
        + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::corp-*/*\"}]}";
    account.setEndpointPolicy("vpce-0s3gateway000000001", byHand);

    int exit = apply(plan);

    assertThat(exit).isEqualTo(1);
    assertThat(out).contains("refused").contains("the plan is stale for this step");
    // Steps 1 to 10 ran; the stale policy step wrote nothing, and nothing after it ran.
    assertThat(writesSince(0)).containsExactlyElementsOf(SEED_FIX_WRITES.subList(0, 10));
    assertThat(account.endpointPolicy("vpce-0s3gateway000000001")).isEqualTo(
        dev.pullpath.policy.PolicyDocument.parse(byHand));
  }

  /**
   * A saved plan stopped by a failure is applied again from the same file: the steps already done are
   * skipped, the rest applied; applying it once more writes nothing. The change log holds the request id
   * of every write.
   */
  @Test
  void aSavedPlanStoppedByAFailureIsAppliedAgainFromTheSameFile(@TempDir Path dir) throws Exception {
    Path plan = dir.resolve("plan.json");
    Path log = dir.resolve("changes.jsonl");
    fix("--plan-output", plan.toString());
    account.failWrite(5, 403, "UnauthorizedOperation", "You are not authorized to perform this operation.");

    assertThat(apply(plan, "--change-log", log.toString())).isEqualTo(1);
    assertThat(writesSince(0)).containsExactlyElementsOf(SEED_FIX_WRITES.subList(0, 5));

    assertThat(apply(plan, "--change-log", log.toString())).as(out + "\n" + err).isZero();
    assertThat(out).contains("Applied 15, already done 4, failed 0").contains("Findings after:  0 errors");
    assertThat(writesSince(5)).containsExactlyElementsOf(SEED_FIX_WRITES.subList(4, SEED_FIX_WRITES.size()));

    assertThat(apply(plan, "--change-log", log.toString())).isZero();
    assertThat(out).contains("Applied 0, already done 19");
    assertThat(account.writes()).hasSize(SEED_FIX_WRITES.size() + 1);

    List<JsonNode> applied = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      JsonNode entry = JSON.readTree(line);
      if (entry.path("outcome").asText().equals("applied")) {
        applied.add(entry);
      }
    }
    assertThat(applied).hasSize(SEED_FIX_WRITES.size())
        .allSatisfy(entry -> assertThat(entry.path("requestIds")).as(entry.toString()).isNotEmpty());
  }

  /**
   * A permissions boundary that does not allow what the execution role lacks would keep the simulator
   * saying no, whatever policy the fix puts on the role: the plan leaves that role to its owner instead of
   * writing a policy and waiting out the simulator's timeout (ten minutes).
   */
  @Test
  @Timeout(60)
  void aRoleWhoseBoundaryDoesNotAllowTheFixIsLeftToItsOwner() throws Exception {
    ObjectNode seed = seedJson();
    ObjectNode boundary = ((ObjectNode) seed.path("iamRoles").get(1)).putObject("permissionsBoundary");
    boundary.put("policyName", "ecs-boundary").put("policyArn", "arn:aws:iam::111122223333:policy/ecs-boundary")
        .set("document", JSON.readTree("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"ecr:Get*\",\"ecr:BatchCheckLayerAvailability\",\"ecr:BatchGetImage\",\"logs:*\","
            + "\"secretsmanager:GetSecretValue\"],\"Resource\":\"*\"}]}"));
    reseed(seed);

    int exit = fix("--yes");

    assertThat(out).contains("permissions boundary ecs-boundary of apiTaskExecutionRole does not allow");
    assertThat(out).doesNotContain("Put inline policy pullpath-pull-through-cache on role apiTaskExecutionRole");
    assertThat(exit).as(out + "\n" + err).isZero();
  }

  /**
   * An organization SCP that denies what the new role policy grants is not a matter of IAM propagating: the
   * simulator's explicitDeny fails the step at once, with its answer, instead of after the ten-minute wait.
   */
  @Test
  @Timeout(60)
  void anExplicitDenyFromTheSimulatorFailsTheStepAtOnce() {
    account.denyByOrganization("ecr:CreateRepository");

    int exit = fix("--yes");

    assertThat(exit).isEqualTo(1);
    assertThat(out).contains("14. failed").contains("ecr:CreateRepository").contains("explicitDeny")
        .contains("not attempted 5");
  }

  /** Credentials that may not make one of the plan's writes: the preflight finds it and nothing is written. */
  @ParameterizedTest
  @ValueSource(strings = {"ec2:CreateVpcEndpoint", "iam:PutRolePolicy", "ecs:UpdateService"})
  void credentialsThatMayNotMakeOneWriteWriteNothing(String action) {
    account.denyToCaller(action);

    int exit = fix("--yes");

    assertThat(exit).as(out + "\n" + err).isEqualTo(3);
    assertThat(out).contains("Nothing was written").contains(action);
    assertThat(err).contains("the preflight found");
    assertThat(account.writes()).isEmpty();
  }

  /** With --role-arn the scan, the writes and the rescan all run as the role, each session assuming it once. */
  @Test
  void withARoleTheWritesAreSignedByTheRole() {
    String role = "arn:aws:iam::111122223333:role/pullpath-fixer";

    int exit = fix("--yes", "--role-arn", role);

    assertThat(exit).as(out + "\n" + err).isZero();
    assertThat(account.assumedRoles()).containsExactly(role + " as pullpath-scan", role + " as pullpath-fix",
        role + " as pullpath-scan");
    assertThat(account.writes()).hasSize(SEED_FIX_WRITES.size())
        .allSatisfy(w -> assertThat(w.accessKey()).isEqualTo(LocalAccountServer.ASSUMED_KEY));
  }

  /**
   * The live scan reads over the wire what the seed file says, so it finds and advises the same: same rules,
   * resources, messages and fix commands (the evidence differs only where the live scan asked the IAM
   * simulator). A pull-through cache rule that names the wrong secret is told to use the one that exists.
   */
  @Test
  void aLiveScanOfTheSeedAccountFindsAndAdvisesWhatTheSeedFileDoes() throws Exception {
    JsonNode live = liveAndFileFindingsAgree(Path.of("examples/seed-broken.json"));

    assertThat(live.findValuesAsText("summary")).contains("Point the rule at the existing secret ecr-pullthroughcache/docker-hub.");
  }

  /** An image under a cache prefix without a rule is told to create the rule with the secret that exists. */
  @Test
  void aMissingRuleIsToldToUseTheExistingSecretOnALiveScanToo(@TempDir Path dir) throws Exception {
    ObjectNode seed = seedJson();
    ((ObjectNode) seed.path("taskDefinitions").get(1).path("containers").get(1)).put("image",
        "111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/github/prometheus/node-exporter:v1.8.2");
    String secret = "arn:aws:secretsmanager:ap-northeast-1:111122223333:secret:ecr-pullthroughcache/github-Gh12Cr";
    ((ArrayNode) seed.path("secrets")).addObject().put("name", "ecr-pullthroughcache/github").put("arn", secret);
    Path file = dir.resolve("seed-github.json");
    Files.writeString(file, seed.toString());
    reseed(seed);

    JsonNode live = liveAndFileFindingsAgree(file);

    assertThat(live.findValuesAsText("cli")).anySatisfy(cli -> assertThat(cli)
        .contains("create-pull-through-cache-rule").contains("--credential-arn " + secret));
  }

  /** Scans the account live and {@code file} offline; asserts they agree and answers the live findings. */
  private JsonNode liveAndFileFindingsAgree(Path file) throws Exception {
    assertThat(scan("--format", "json")).isEqualTo(1);
    JsonNode live = JSON.readTree(out).path("findings");
    run(List.of("scan", "--snapshot", file.toString(), "--format", "json"));
    JsonNode offline = JSON.readTree(out).path("findings");
    assertThat(withoutEvidence(live)).isEqualTo(withoutEvidence(offline));
    return live;
  }

  private static JsonNode withoutEvidence(JsonNode findings) {
    JsonNode copy = findings.deepCopy();
    copy.forEach(f -> ((ObjectNode) f).remove("evidence"));
    return copy;
  }

  /**
   * CreateSecurityGroup has no client token: a lost answer makes the SDK send it again, and EC2 answers
   * {@code InvalidGroup.Duplicate} for the group the first attempt made. The step takes that group.
   */
  @Test
  void aLostAnswerToCreateSecurityGroupIsRetriedAndTheDuplicateIsTheGroup() throws Exception {
    // The seed without its ecr.dkr endpoint and that endpoint's group: the plan creates pullpath-endpoints.
    ObjectNode seed = seedJson();
    ((ArrayNode) seed.path("vpcEndpoints")).remove(0);
    ((ArrayNode) seed.path("securityGroups")).remove(0);
    reseed(seed);
    // The 2nd write creates the group; EC2 makes it, but the answer is lost to a server error.
    account.loseAnswerOfWrite(2, 500, "InternalError", "An internal error has occurred");

    int exit = fix("--yes");

    assertThat(exit).as(out + "\n" + err).isZero();
    assertThat(out).contains("Create security group pullpath-endpoints").contains("Findings after:  0 errors");
    assertThat(writesSince(0)).filteredOn("ec2:CreateSecurityGroup"::equals).hasSize(2);
    assertThat(account.tagsOf("sg-0local00000000001")).containsKey("pullpath:plan");
  }

  /** apply takes --role-arn as scan does: its reads and every write run as the role. */
  @Test
  void applyWithARoleSignsEveryWriteByTheRole(@TempDir Path dir) {
    Path plan = dir.resolve("plan.json");
    assertThat(fix("--plan-output", plan.toString())).as(out + "\n" + err).isEqualTo(1);
    String role = "arn:aws:iam::111122223333:role/pullpath-fixer";

    int exit = apply(plan, "--role-arn", role);

    assertThat(exit).as(out + "\n" + err).isZero();
    assertThat(out).startsWith("Fix plan pp-");
    assertThat(account.assumedRoles()).contains(role + " as pullpath-fix");
    assertThat(account.writes()).hasSize(SEED_FIX_WRITES.size())
        .allSatisfy(w -> assertThat(w.accessKey()).isEqualTo(LocalAccountServer.ASSUMED_KEY));
  }
}
