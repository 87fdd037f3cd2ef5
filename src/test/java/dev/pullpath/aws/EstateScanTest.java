package dev.pullpath.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pullpath.cli.PullpathCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several accounts and regions in one live run, against the stub: each account entered by assuming the
 * same role name, one account refusing it.
 */
class EstateScanTest {
  private static final String OTHER = "444455556666";
  private static AwsStub stub;
  @TempDir static Path home;

  @BeforeAll
  static void start() throws Exception {
    stub = new AwsStub();
    TestProfile.install(home);
  }

  @AfterAll
  static void stop() {
    stub.close();
    TestProfile.remove();
  }

  private static void registerAccounts() {
    stub.server().resetAll();
    FixtureAccount.register(stub);
    stub.answerAssumeRole("arn:aws:iam::" + FixtureAccount.ACCOUNT + ":role/pullpath-audit", "ASIAASSUMEDEXAMPLE01");
    stub.answer(AwsStub.Api.STS, "AssumeRole", 403, AwsStub.error(AwsStub.Api.STS, "AccessDenied"),
        AwsStub.form("RoleArn", "arn:aws:iam::" + OTHER + ":role/pullpath-audit"));
  }

  private static int run(StringWriter out, StringWriter err, String... args) {
    return PullpathCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void aDeniedAccountIsPp000WhileTheOtherReportsNormally(@TempDir Path dir) throws Exception {
    registerAccounts();
    Path json = dir.resolve("estate.json");
    Path sarif = dir.resolve("estate.sarif");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int exit = run(out, err, "scan", "--profile", TestProfile.NAME, "--endpoint-url", stub.endpoint().toString(),
        "--accounts", FixtureAccount.ACCOUNT + "," + OTHER, "--assume-role-name", "pullpath-audit",
        "--regions", FixtureAccount.REGION, "--max-attempts", "1", "--fail-on", "never", "-q",
        "--format", "json", "--output", json.toString(), "--format", "sarif", "--output", sarif.toString(),
        "--format", "text");

    assertThat(exit).as(err.toString()).isEqualTo(3);
    assertThat(err.toString()).contains("account " + OTHER + " in " + FixtureAccount.REGION + " not scanned: "
        + "cannot assume role arn:aws:iam::" + OTHER + ":role/pullpath-audit (AccessDenied)");
    JsonNode estate = new ObjectMapper().readTree(json.toFile());
    assertThat(estate.at("/summary/pairs").asInt()).isEqualTo(2);
    assertThat(estate.at("/summary/incompletePairs").asInt()).isEqualTo(1);
    JsonNode good = estate.at("/scans/0");
    JsonNode denied = estate.at("/scans/1");
    assertThat(good.path("accountId").asText()).isEqualTo(FixtureAccount.ACCOUNT);
    assertThat(good.path("findings")).isNotEmpty()
        .noneSatisfy(f -> assertThat(f.path("ruleId").asText()).isEqualTo("PP000"));
    assertThat(denied.path("accountId").asText()).isEqualTo(OTHER);
    assertThat(denied.path("findings")).hasSize(1);
    assertThat(denied.at("/findings/0/ruleId").asText()).isEqualTo("PP000");
    assertThat(denied.at("/findings/0/message").asText()).contains("was not scanned");
    JsonNode runs = new ObjectMapper().readTree(sarif.toFile()).path("runs");
    assertThat(runs).hasSize(2);
    assertThat(runs.get(1).at("/automationDetails/id").asText()).isEqualTo("pullpath/" + OTHER + "/eu-west-1/");
    assertThat(out.toString()).containsPattern(OTHER + " +eu-west-1 +incomplete");
    // Only the entered account was read: every read call is signed with the assumed role's key.
    long reads = stub.server().getAllServeEvents().stream()
        .filter(e -> !e.getRequest().getBodyAsString().contains("Action=AssumeRole"))
        .filter(e -> !e.getRequest().getHeader("Authorization").contains("Credential=ASIAASSUMEDEXAMPLE01/"))
        .count();
    assertThat(reads).isZero();
  }

  @Test
  void estateOptionsAreCheckedBeforeAnyCall() {
    registerAccounts();
    int before = stub.server().getAllServeEvents().size();
    StringWriter err = new StringWriter();
    String endpoint = stub.endpoint().toString();

    assertThat(run(new StringWriter(), err, "scan", "--endpoint-url", endpoint, "--accounts", "12345")).isEqualTo(2);
    assertThat(run(new StringWriter(), err, "scan", "--endpoint-url", endpoint, "--accounts", "123456789012",
        "--assume-role-name", "r", "--regions", "all,eu-west-1")).isEqualTo(2);
    assertThat(run(new StringWriter(), err, "scan", "--endpoint-url", endpoint, "--region", "eu-west-1",
        "--regions", "us-east-1")).isEqualTo(2);
    assertThat(run(new StringWriter(), err, "scan", "--endpoint-url", endpoint, "--accounts", "123456789012,x",
        "--assume-role-name", "r")).isEqualTo(2);

    assertThat(err.toString()).contains("--accounts needs --assume-role-name", "--regions all stands alone",
        "give --region for one region or --regions for several", "'x' is not a 12-digit account id");
    assertThat(stub.server().getAllServeEvents()).hasSize(before);
  }
}
