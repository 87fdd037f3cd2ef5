package dev.pullpath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullpath.aws.CollectionResult;
import dev.pullpath.aws.LiveScanOptions;
import dev.pullpath.aws.ProgressListener;
import dev.pullpath.awsfix.FakeAccount;
import dev.pullpath.fix.AccountWriter;
import dev.pullpath.snapshot.SnapshotJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scan --fix and apply against a fake account: consent, exit codes, the rescan, stale plans. */
class FixCommandTest {
  static final String SECRET =
      "arn:aws:secretsmanager:ap-northeast-1:111122223333:secret:ecr-pullthroughcache/docker-hub-Xy12Ab";
  static final String[] ALLOW = {"--allow-policy-rewrite", "--credential-arn", "docker-hub=" + SECRET,
      "--allow-ingress", "10.0.0.0/16", "--update-services"};

  final FakeAccount account = new FakeAccount(
      SnapshotJson.parse(SnapshotJson.readText(Path.of("examples/seed-broken.json")), "seed-broken.json"));
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  /** Every live collection's options, in order. */
  final List<LiveScanOptions> collected = new ArrayList<>();

  /** The fake behind both the read-only collection (scoped like the live collector) and the writer. */
  final LiveAccess fake = new LiveAccess() {
    @Override
    public CollectionResult collect(LiveScanOptions options, ProgressListener progress) {
      collected.add(options);
      return new CollectionResult(account.snapshot(options.clusters(), options.services()), 0, Duration.ZERO);
    }

    @Override
    public Session openFix(LiveScanOptions options) {
      AccountWriter writer = account.writer(Duration.ZERO, Duration.ofSeconds(1));
      return new Session() {
        @Override
        public AccountWriter writer() {
          return writer;
        }

        @Override
        public void close() {}
      };
    }
  };

  /** A terminal whose user types {@code answer}, or no terminal at all when {@code answer} is null. */
  static Terminal terminal(String answer, List<String> prompts) {
    return new Terminal() {
      @Override
      public boolean interactive() {
        return answer != null;
      }

      @Override
      public String ask(String prompt) {
        prompts.add(prompt);
        return answer;
      }
    };
  }

  int run(Terminal terminal, String... args) {
    return PullpathCli.run(args, new PrintWriter(out), new PrintWriter(err), fake, terminal);
  }

  /** The arguments followed by every option that lets the plan fix the whole seed account. */
  static String[] args(String[] allow, String... command) {
    List<String> all = new ArrayList<>(List.of(command));
    all.addAll(List.of(allow));
    return all.toArray(String[]::new);
  }

  @Test
  void withoutTerminalAndWithoutYesThePlanIsPrintedAndNothingIsWritten() {
    int exit = run(terminal(null, new ArrayList<>()), args(ALLOW, "scan", "--region", "ap-northeast-1", "-q", "--fix"));

    assertThat(exit).isEqualTo(ExitCode.FINDINGS);
    assertThat(out.toString()).contains("Fix plan pp-").contains("Nothing changed: no terminal");
    assertThat(account.writes).isEmpty();
  }

  @Test
  void onATerminalOnlyYesApplies() {
    List<String> prompts = new ArrayList<>();
    int exit = run(terminal("n", prompts), args(ALLOW, "scan", "--region", "ap-northeast-1", "-q", "--fix"));

    assertThat(exit).isEqualTo(ExitCode.FINDINGS);
    assertThat(prompts).singleElement().asString().contains("Apply these");
    assertThat(account.writes).isEmpty();

    exit = run(terminal("yes", prompts), args(ALLOW, "scan", "--region", "ap-northeast-1", "-q", "--fix"));
    assertThat(exit).as(out + "\n" + err).isEqualTo(ExitCode.OK);
    assertThat(account.writes).isNotEmpty();
  }

  @Test
  void yesAppliesProvesByRescanningAndASecondRunPlansNothing() {
    int exit = run(terminal(null, new ArrayList<>()),
        args(ALLOW, "scan", "--region", "ap-northeast-1", "-q", "--fix", "--yes"));

    assertThat(exit).as(out + "\n" + err).isEqualTo(ExitCode.OK);
    assertThat(out.toString()).contains("Findings before: 14 errors").contains("Findings after:  0 errors")
        .contains("(on the 2 touched workloads: seed-cluster/api-service, seed-cluster/httpd-service)");
    assertThat(collected.get(0).services()).as("the scan itself reads everything").isEmpty();
    assertThat(collected.get(collected.size() - 1).services()).as("the rescan reads the touched workloads")
        .containsExactlyElementsOf(TOUCHED_SERVICES);
    int writes = account.writes.size();

    exit = run(terminal(null, new ArrayList<>()), args(ALLOW, "scan", "--region", "ap-northeast-1", "-q", "--fix", "--yes"));
    assertThat(exit).isEqualTo(ExitCode.OK);
    assertThat(out.toString()).contains(": 0 steps").contains("Nothing to change.");
    assertThat(account.writes).hasSize(writes);
  }

  @Test
  void withoutUpdateServicesTheNewRevisionsClaimNoFindingSoTheProofHoldsAndARerunWritesNothing() {
    String[] withoutUpdate = Arrays.copyOf(ALLOW, ALLOW.length - 1);
    assertThat(ALLOW[ALLOW.length - 1]).isEqualTo("--update-services");

    int exit = run(terminal(null, new ArrayList<>()),
        args(withoutUpdate, "scan", "--region", "ap-northeast-1", "-q", "--fix", "--yes"));

    // The services still run the old revisions: those findings remain, and the plan said so up front.
    assertThat(out.toString()).contains("resolves no finding by itself: its services keep the old revision")
        .contains("but its services keep the old one until moved");
    assertThat(err.toString()).doesNotContain("remain after applying");
    assertThat(exit).as(out + "\n" + err).isEqualTo(ExitCode.OK);
    assertThat(account.writes).contains("RegisterTaskDefinition").doesNotContain("UpdateService");
    int writes = account.writes.size();

    exit = run(terminal(null, new ArrayList<>()),
        args(withoutUpdate, "scan", "--region", "ap-northeast-1", "-q", "--fix", "--yes"));
    assertThat(exit).isEqualTo(ExitCode.OK);
    assertThat(account.writes).hasSize(writes);
  }

  @Test
  void aDeniedPreflightWritesNothingAndSaysWhichStepAndAction() {
    account.deniedActions.add("iam:PutRolePolicy");

    int exit = run(terminal(null, new ArrayList<>()),
        args(ALLOW, "scan", "--region", "ap-northeast-1", "-q", "--fix", "--yes"));

    assertThat(exit).as(out + "\n" + err).isEqualTo(ExitCode.AWS_ACCESS);
    assertThat(account.writes).isEmpty();
    assertThat(out.toString()).contains("Nothing was written")
        .contains("step put-execution-role-policy:apiTaskExecutionRole: iam:PutRolePolicy on "
            + "arn:aws:iam::111122223333:role/apiTaskExecutionRole")
        .contains("--print-fix-policy")
        .doesNotContain("Findings after");
    assertThat(err.toString()).contains("nothing was written");
  }

  @Test
  void aYesTypedOnATerminalIsPreflightedToo() {
    account.deniedActions.add("ecs:UpdateService");

    int exit = run(terminal("yes", new ArrayList<>()), args(ALLOW, "scan", "--region", "ap-northeast-1", "-q", "--fix"));

    assertThat(exit).isEqualTo(ExitCode.AWS_ACCESS);
    assertThat(account.writes).isEmpty();
    assertThat(out.toString()).contains("step update-service:seed-cluster/api-service: ecs:UpdateService on "
        + "arn:aws:ecs:ap-northeast-1:111122223333:service/seed-cluster/api-service");
  }

  @Test
  void aSavedPlanIsPreflightedToo(@TempDir Path dir) {
    Path plan = dir.resolve("plan.json");
    run(terminal(null, new ArrayList<>()), args(ALLOW, "scan", "--region", "ap-northeast-1", "-q", "--fix",
        "--plan-output", plan.toString()));
    account.deniedActions.add("ec2:AuthorizeSecurityGroupIngress");

    int exit = run(terminal(null, new ArrayList<>()), "apply", plan.toString());

    assertThat(exit).isEqualTo(ExitCode.AWS_ACCESS);
    assertThat(account.writes).isEmpty();
    assertThat(account.dryRuns).contains("AuthorizeSecurityGroupIngress");
    assertThat(out.toString()).contains("ec2:AuthorizeSecurityGroupIngress on sg-");
  }

  @Test
  void anAllowedPreflightSaysWhatItCheckedAndApplies() {
    int exit = run(terminal("yes", new ArrayList<>()), args(ALLOW, "scan", "--region", "ap-northeast-1", "-q", "--fix"));

    assertThat(exit).as(out + "\n" + err).isEqualTo(ExitCode.OK);
    assertThat(out.toString()).containsPattern("Preflight of \\d+ pending steps: \\d+ writes allowed, 0 denied");
    assertThat(account.writes).isNotEmpty();
  }

  static final List<String> TOUCHED_SERVICES = List.of("api-service", "httpd-service");

  @Test
  void theRescanAfterApplyingReadsOnlyTheTouchedWorkloadsAndCountsOverThem(@TempDir Path dir) {
    Path plan = dir.resolve("plan.json");
    run(terminal(null, new ArrayList<>()), args(ALLOW, "scan", "--region", "ap-northeast-1", "-q", "--fix",
        "--plan-output", plan.toString()));
    // Deployed after planning, running the same broken revision: not among the workloads the plan proves.
    account.addService("seed-cluster/api-service", "other-cluster", "worker");
    collected.clear();

    int exit = run(terminal(null, new ArrayList<>()), "apply", plan.toString());

    assertThat(exit).as(out + "\n" + err).isEqualTo(ExitCode.OK);
    assertThat(collected).as("the account check and before-scan, then the rescan").hasSize(2).allSatisfy(o -> {
      assertThat(o.clusters()).containsExactly("seed-cluster");
      assertThat(o.services()).containsExactlyElementsOf(TOUCHED_SERVICES);
    });
    String scope = " (on the 2 touched workloads: seed-cluster/api-service, seed-cluster/httpd-service)";
    assertThat(out.toString()).contains("Findings before: 14 errors, 3 warnings, ")
        .containsPattern("Findings before: .*" + java.util.regex.Pattern.quote(scope))
        .containsPattern("Findings after:  0 errors, .*" + java.util.regex.Pattern.quote(scope));
  }

  @Test
  void aPlanSavedWithoutItsWorkloadsRescansTheWholeAccount(@TempDir Path dir) throws Exception {
    Path plan = dir.resolve("plan.json");
    run(terminal(null, new ArrayList<>()), args(ALLOW, "scan", "--region", "ap-northeast-1", "-q", "--fix",
        "--plan-output", plan.toString()));
    Path old = dir.resolve("old-plan.json");
    Files.writeString(old, dev.pullpath.fix.SavedPlans.withoutWorkloads(Files.readString(plan)));
    account.addService("seed-cluster/api-service", "other-cluster", "worker");
    collected.clear();

    int exit = run(terminal(null, new ArrayList<>()), "apply", old.toString());

    assertThat(collected).hasSize(2).allSatisfy(o -> {
      assertThat(o.clusters()).isEmpty();
      assertThat(o.services()).isEmpty();
    });
    assertThat(out.toString()).contains("Findings after:  ").doesNotContain("touched workload");
    // The whole account includes the worker, still on the old revision: a planned finding remains there.
    assertThat(exit).isEqualTo(ExitCode.FINDINGS);
    assertThat(err.toString()).contains("planned finding(s) remain");
  }

  @Test
  void aSavedPlanAppliesLaterAndIsRefusedOnceStale(@TempDir Path dir) throws Exception {
    Path plan = dir.resolve("plan.json");
    run(terminal(null, new ArrayList<>()), args(ALLOW, "scan", "--region", "ap-northeast-1", "-q", "--fix",
        "--plan-output", plan.toString()));
    assertThat(account.writes).isEmpty();
    // The account moves on after planning: someone rewrites the S3 endpoint's policy by hand.
    account.ec2().modifyVpcEndpoint(b -> b.vpcEndpointId("vpce-0s3gateway000000001")
        .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}"));
    int writesBefore = account.writes.size();

    int exit = run(terminal(null, new ArrayList<>()), "apply", plan.toString(), "--change-log", dir.resolve("log").toString());

    assertThat(exit).isEqualTo(ExitCode.FINDINGS);
    assertThat(out.toString()).contains("refused").contains("the plan is stale for this step");
    assertThat(err.toString()).contains("rerun");
    assertThat(Files.readString(dir.resolve("log"))).contains("\"outcome\":\"refused\"");
    // Steps before the stale one ran; the stale one and everything after it did not.
    assertThat(account.writes.subList(writesBefore, account.writes.size())).doesNotContain("RegisterTaskDefinition");
  }

  @Test
  void aSavedPlanAppliedUnchangedFixesTheAccount(@TempDir Path dir) {
    Path plan = dir.resolve("plan.json");
    run(terminal(null, new ArrayList<>()), args(ALLOW, "scan", "--region", "ap-northeast-1", "-q", "--fix",
        "--plan-output", plan.toString()));

    int exit = run(terminal(null, new ArrayList<>()), "apply", plan.toString());

    assertThat(exit).as(out + "\n" + err).isEqualTo(ExitCode.OK);
    assertThat(out.toString()).contains("Findings before: 14 errors").contains("Findings after:  0 errors");
  }

  @Test
  void anEditedPlanIsRefusedBeforeAnyCall(@TempDir Path dir) throws Exception {
    Path plan = dir.resolve("plan.json");
    run(terminal(null, new ArrayList<>()), args(ALLOW, "scan", "--region", "ap-northeast-1", "-q", "--fix",
        "--plan-output", plan.toString()));
    Files.writeString(plan, Files.readString(plan).replace("10.0.2.0/24", "0.0.0.0/0"));

    int exit = run(terminal(null, new ArrayList<>()), "apply", plan.toString());

    assertThat(exit).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("edited after planning");
    assertThat(account.writes).isEmpty();
  }

  @Test
  void aSnapshotIsPlannedIntoFilesAndNeverApplied(@TempDir Path dir) throws Exception {
    Path plan = dir.resolve("plan.json");
    Path script = dir.resolve("fix.sh");

    int exit = run(terminal("yes", new ArrayList<>()), "scan", "--snapshot", "examples/seed-broken.json", "--fix",
        "--plan-output", plan.toString(), "--fix-script", script.toString());

    assertThat(exit).isEqualTo(ExitCode.FINDINGS);
    assertThat(out.toString()).contains("Nothing changed: this plan comes from a snapshot file");
    assertThat(Files.readString(plan)).contains("\"formatVersion\" : 1", "\"kind\" : \"create-interface-endpoint\"");
    assertThat(Files.readString(script)).startsWith("#!/usr/bin/env bash").contains("aws ec2 create-vpc-endpoint");
    assertThat(account.writes).isEmpty();
  }

  @Test
  void printFixPolicyPrintsTheScopedPolicyOnly() {
    int exit = run(terminal(null, new ArrayList<>()), "scan", "--snapshot", "examples/seed-broken.json", "--print-fix-policy");

    assertThat(exit).isEqualTo(ExitCode.OK);
    assertThat(out.toString()).startsWith("{").contains("\"Version\" : \"2012-10-17\"")
        .contains("security-group/sg-0endpoints00000001").doesNotContain("Fix plan");
  }

  @Test
  void fixOptionsWithoutFixAndOpenIngressAreUsageErrors() {
    assertThat(run(terminal(null, new ArrayList<>()), "scan", "--snapshot", "examples/seed-broken.json", "--yes"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(run(terminal(null, new ArrayList<>()), "scan", "--snapshot", "examples/seed-broken.json", "--fix",
        "--allow-ingress", "0.0.0.0/0")).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("internet");
    // EC2 stores a CIDR by its network: any /0 is 0.0.0.0/0, however it is spelled.
    for (String open : List.of("0.0.0.1/0", "10.0.0.0/0", "0.0.0.0/00")) {
      err.getBuffer().setLength(0);
      assertThat(run(terminal(null, new ArrayList<>()), "scan", "--snapshot", "examples/seed-broken.json", "--fix",
          "--allow-ingress", open)).as(open).isEqualTo(ExitCode.USAGE);
      assertThat(err.toString()).contains("internet");
    }
  }

  /** A terminal at which the user types {@code answer}; {@code null} is end of input (Ctrl-D). */
  static Terminal typing(String answer, List<String> prompts) {
    return new Terminal() {
      @Override
      public boolean interactive() {
        return true;
      }

      @Override
      public String ask(String prompt) {
        prompts.add(prompt);
        return answer;
      }
    };
  }

  @Test
  void onlyAnExplicitYesApplies() {
    for (String answer : Arrays.asList("y", "", "  ", "yes please", "no", null)) {
      List<String> prompts = new ArrayList<>();
      int exit = run(typing(answer, prompts), args(ALLOW, "scan", "--region", "ap-northeast-1", "-q", "--fix"));
      assertThat(exit).as(String.valueOf(answer)).isEqualTo(ExitCode.FINDINGS);
      assertThat(prompts).as(String.valueOf(answer)).hasSize(1);
      assertThat(account.writes).as(String.valueOf(answer)).isEmpty();
    }
    // The answer's case and the spaces around it do not matter (documented: yes, YES, " yes ").
    List<String> prompts = new ArrayList<>();
    int exit = run(typing(" YES ", prompts), args(ALLOW, "scan", "--region", "ap-northeast-1", "-q", "--fix"));
    assertThat(exit).as(out + "\n" + err).isEqualTo(ExitCode.OK);
    assertThat(account.writes).isNotEmpty();
  }

  @Test
  void theQuestionIsAskedAfterTheWholePlanIsPrinted() {
    List<String> printedBeforeAsking = new ArrayList<>();
    Terminal terminal = new Terminal() {
      @Override
      public boolean interactive() {
        return true;
      }

      @Override
      public String ask(String prompt) {
        printedBeforeAsking.add(out.toString());
        return "no";
      }
    };
    run(terminal, args(ALLOW, "scan", "--region", "ap-northeast-1", "-q", "--fix"));

    assertThat(printedBeforeAsking).singleElement().asString().contains("Fix plan pp-")
        .contains("Update service seed-cluster/httpd-service");
  }

  @Test
  void aFixFileOverAnInputOrAnotherOutputIsRefusedBeforeAnyWork(@TempDir Path dir) throws Exception {
    Path snapshot = dir.resolve("account.json");
    Files.copy(Path.of("examples/seed-broken.json"), snapshot);
    String original = Files.readString(snapshot);
    Path report = dir.resolve("report.json");
    List<String[]> clashes = List.of(
        new String[] {"--plan-output", snapshot.toString()},
        new String[] {"--fix-script", snapshot.toString()},
        new String[] {"--plan-output", report.toString(), "--format", "json", "--output", report.toString()},
        new String[] {"--plan-output", dir.resolve("p").toString(), "--fix-script", dir.resolve("p").toString()},
        new String[] {"--plan-output", dir.resolve("q").toString(), "--save-snapshot", dir.resolve("q").toString()});
    for (String[] clash : clashes) {
      err.getBuffer().setLength(0);
      List<String> all = new ArrayList<>(List.of("scan", "--snapshot", snapshot.toString(), "--fix"));
      all.addAll(List.of(clash));
      int exit = run(terminal(null, new ArrayList<>()), all.toArray(String[]::new));
      assertThat(exit).as(String.join(" ", clash)).isEqualTo(ExitCode.USAGE);
      assertThat(err.toString()).as(String.join(" ", clash)).doesNotContain("Exception").hasLineCount(1);
    }
    assertThat(Files.readString(snapshot)).isEqualTo(original);
    assertThat(report).doesNotExist();
  }

  @Test
  void aChangeLogOverAPlanFileIsRefused(@TempDir Path dir) {
    Path same = dir.resolve("same");
    int exit = run(terminal(null, new ArrayList<>()), args(ALLOW, "scan", "--region", "ap-northeast-1", "-q", "--fix",
        "--yes", "--plan-output", same.toString(), "--change-log", same.toString()));

    assertThat(exit).isEqualTo(ExitCode.USAGE);
    assertThat(account.writes).isEmpty();
  }

  @Test
  void aChangeLogThatCannotBeWrittenIsRefusedBeforeTheFirstWrite(@TempDir Path dir) {
    // A directory where the log file should be: appending to it fails.
    int exit = run(terminal(null, new ArrayList<>()), args(ALLOW, "scan", "--region", "ap-northeast-1", "-q", "--fix",
        "--yes", "--change-log", dir.toString()));

    assertThat(exit).as(out + "\n" + err).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("change log").doesNotContain("Exception");
    assertThat(account.writes).isEmpty();

    err.getBuffer().setLength(0);
    Path plan = dir.resolve("plan.json");
    run(terminal(null, new ArrayList<>()), args(ALLOW, "scan", "--region", "ap-northeast-1", "-q", "--fix",
        "--plan-output", plan.toString()));
    exit = run(terminal(null, new ArrayList<>()), "apply", plan.toString(), "--change-log",
        dir.resolve("missing/dir/log.jsonl").toString());
    assertThat(exit).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("change log");
    assertThat(account.writes).isEmpty();
  }

  @Test
  void theChangeLogIsAppendedAcrossRunsOneJsonObjectPerLine(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("changes.jsonl");
    Files.writeString(log, "{\"earlier\":true}\n");
    run(terminal(null, new ArrayList<>()), args(ALLOW, "scan", "--region", "ap-northeast-1", "-q", "--fix", "--yes",
        "--change-log", log.toString()));
    run(terminal(null, new ArrayList<>()), args(ALLOW, "scan", "--region", "ap-northeast-1", "-q", "--fix", "--yes",
        "--change-log", log.toString()));

    List<String> lines = Files.readAllLines(log);
    assertThat(lines.get(0)).isEqualTo("{\"earlier\":true}");
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    for (String line : lines.subList(1, lines.size())) {
      assertThat(json.readTree(line).get("outcome").asText()).isIn("applied", "already-done");
    }
    assertThat(lines).hasSizeGreaterThan(10);
  }

  @Test
  void aMachineReadableReportOnStandardOutputIsNotMixedWithThePlan(@TempDir Path dir) throws Exception {
    for (String format : List.of("json", "sarif", "html")) {
      err.getBuffer().setLength(0);
      int exit = run(terminal(null, new ArrayList<>()), "scan", "--snapshot", "examples/seed-broken.json", "--fix",
          "--format", format);
      assertThat(exit).as(format).isEqualTo(ExitCode.USAGE);
      assertThat(err.toString()).as(format).contains("--output");
    }
    out.getBuffer().setLength(0);
    Path report = dir.resolve("r.json");
    int exit = run(terminal(null, new ArrayList<>()), "scan", "--snapshot", "examples/seed-broken.json", "--fix",
        "--format", "json", "--output", report.toString());
    assertThat(exit).isEqualTo(ExitCode.FINDINGS);
    new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(report));
    assertThat(out.toString()).startsWith("Fix plan pp-");
  }

  @Test
  void applyOfAMissingPlanFileSaysSoInOneLine(@TempDir Path dir) {
    Path missing = dir.resolve("no-plan.json");

    int exit = run(terminal(null, new ArrayList<>()), "apply", missing.toString());

    assertThat(exit).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString().strip()).isEqualTo("pullpath: cannot read the plan " + missing + ": no such file");
    assertThat(account.writes).isEmpty();
  }

  @Test
  void applyRefusesAFileThatIsNotAPlanInOneLine(@TempDir Path dir) throws Exception {
    Path good = dir.resolve("plan.json");
    run(terminal(null, new ArrayList<>()), args(ALLOW, "scan", "--region", "ap-northeast-1", "-q", "--fix",
        "--plan-output", good.toString()));
    String plan = Files.readString(good);
    List<String> bad = List.of(
        "not json",
        "{",
        "[]",
        "{}",
        "{\"formatVersion\":1}",
        "{\"formatVersion\":1,\"planId\":\"pp-x\",\"accountId\":\"111122223333\",\"region\":\"ap-northeast-1\"}",
        "{\"formatVersion\":1,\"planId\":\"pp-x\",\"accountId\":\"111122223333\",\"region\":\"ap-northeast-1\","
            + "\"steps\":[null]}",
        "{\"formatVersion\":1,\"planId\":\"pp-x\",\"accountId\":\"111122223333\",\"region\":\"ap-northeast-1\","
            + "\"steps\":[{\"id\":\"x\"}]}",
        plan.replace("\"formatVersion\" : 1", "\"formatVersion\" : 2"),
        plan.replace("\"kind\" : \"enable-vpc-dns-hostnames\"", "\"kind\" : \"delete-vpc\""));
    for (String text : bad) {
      Path file = dir.resolve("bad.json");
      Files.writeString(file, text);
      err.getBuffer().setLength(0);
      int exit = run(terminal(null, new ArrayList<>()), "apply", file.toString());
      String excerpt = text.substring(0, Math.min(80, text.length()));
      assertThat(exit).as(excerpt + "\n" + err).isEqualTo(ExitCode.USAGE);
      assertThat(err.toString().strip()).as(excerpt).doesNotContain("Exception").doesNotContain("\tat ")
          .hasLineCount(1);
    }
    assertThat(account.writes).isEmpty();
  }

  @Test
  void theFixScriptIsExecutable(@TempDir Path dir) throws Exception {
    Path script = dir.resolve("fix.sh");
    run(terminal(null, new ArrayList<>()), "scan", "--snapshot", "examples/seed-broken.json", "--fix-script",
        script.toString());

    assertThat(Files.isExecutable(script)).isTrue();
  }

  @Test
  void printFixPolicyOfAnEmptyPlanIsStillAValidPolicy() throws Exception {
    int exit = run(terminal(null, new ArrayList<>()), "scan", "--snapshot", "examples/seed-compliant.json",
        "--print-fix-policy");

    assertThat(exit).isEqualTo(ExitCode.OK);
    com.fasterxml.jackson.databind.JsonNode policy = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
    // IAM rejects a policy without a statement.
    assertThat(policy.get("Statement")).isNotEmpty();
  }

  @Test
  void applyPrintsThePlanBeforeApplyingIt(@TempDir Path dir) {
    Path plan = dir.resolve("plan.json");
    run(terminal(null, new ArrayList<>()), args(ALLOW, "scan", "--region", "ap-northeast-1", "-q", "--fix",
        "--plan-output", plan.toString()));
    out.getBuffer().setLength(0);

    int exit = run(terminal(null, new ArrayList<>()), "apply", plan.toString());

    assertThat(exit).as(out + "\n" + err).isEqualTo(ExitCode.OK);
    String printed = out.toString();
    assertThat(printed).startsWith("Fix plan pp-");
    assertThat(printed.indexOf("aws ec2 modify-vpc-attribute")).isLessThan(printed.indexOf("Preflight"));
  }

  @Test
  void failOnDoesNotApplyToAFixSoStepsPendingStillExitOne() {
    int exit = run(terminal(null, new ArrayList<>()), "scan", "--snapshot", "examples/seed-broken.json", "--fix",
        "--fail-on", "never");

    assertThat(exit).isEqualTo(ExitCode.FINDINGS);
    assertThat(out.toString()).contains("Nothing changed: this plan comes from a snapshot file");
  }

  @Test
  void applyRefusesAChangeLogOverItsPlan(@TempDir Path dir) throws Exception {
    Path plan = dir.resolve("plan.json");
    run(terminal(null, new ArrayList<>()), args(ALLOW, "scan", "--region", "ap-northeast-1", "-q", "--fix",
        "--plan-output", plan.toString()));
    String saved = Files.readString(plan);

    int exit = run(terminal(null, new ArrayList<>()), "apply", plan.toString(), "--change-log",
        dir.resolve(".").resolve("plan.json").toString());

    assertThat(exit).isEqualTo(ExitCode.USAGE);
    assertThat(Files.readString(plan)).isEqualTo(saved);
    assertThat(account.writes).isEmpty();
  }

  @Test
  void aPreflightRefusalIsInTheChangeLog(@TempDir Path dir) throws Exception {
    account.deniedActions.add("iam:PutRolePolicy");
    Path log = dir.resolve("log.jsonl");

    int exit = run(terminal(null, new ArrayList<>()), args(ALLOW, "scan", "--region", "ap-northeast-1", "-q", "--fix",
        "--yes", "--change-log", log.toString()));

    assertThat(exit).isEqualTo(ExitCode.AWS_ACCESS);
    List<String> lines = Files.readAllLines(log);
    assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).contains("\"outcome\":\"refused\"")
        .contains("preflight: denied iam:PutRolePolicy"));
  }

  @Test
  void aPlanFileThatCannotBeWrittenLeavesNoReportFileEither(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    Path report = dir.resolve("report.json");

    int exit = run(terminal(null, new ArrayList<>()), "scan", "--snapshot", "examples/seed-broken.json", "--fix",
        "--format", "json", "--output", report.toString(), "--plan-output", file.resolve("plan.json").toString());

    assertThat(exit).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("plan.json");
    assertThat(report).doesNotExist();
  }
}
