package dev.pullpath.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pullpath.cli.PullpathCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live scan end to end through the command line, against the stubbed fixture account: the CLI's own
 * credential chain (a named profile in a temporary credentials file), reports and exit codes.
 */
class CliLiveScanTest {
  private static AwsStub stub;
  @TempDir static Path home;

  @BeforeAll
  static void start() throws Exception {
    stub = new AwsStub();
    FixtureAccount.register(stub);
    TestProfile.install(home);
  }

  @AfterAll
  static void stop() {
    stub.close();
    TestProfile.remove();
  }

  private static String[] run(int[] exit, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    exit[0] = PullpathCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new String[] {out.toString(), err.toString()};
  }

  @Test
  void liveScanReportsWhatTheSnapshotFileReports(@TempDir Path dir) throws Exception {
    Path saved = dir.resolve("account.json");
    Path sarif = dir.resolve("pullpath.sarif");
    int[] live = new int[1];
    String[] liveRun = run(live, "scan", "--region", FixtureAccount.REGION, "--profile", "pullpath-test",
        "--endpoint-url", stub.endpoint().toString(), "--save-snapshot", saved.toString(), "--max-attempts", "2",
        "--format", "json", "--format", "sarif", "--output", sarif.toString());
    Path expected = dir.resolve("expected.json");
    Files.writeString(expected, AwsStub.read("account-snapshot.json"));
    int[] offline = new int[1];
    String[] offlineRun = run(offline, "scan", "--snapshot", expected.toString(), "--format", "json");

    ObjectMapper json = new ObjectMapper();
    JsonNode liveReport = json.readTree(liveRun[0]);
    JsonNode offlineReport = json.readTree(offlineRun[0]);
    assertThat(liveReport.path("findings")).isNotEmpty();
    assertThat(liveReport.path("findings")).isEqualTo(offlineReport.path("findings"));
    assertThat(live[0]).isEqualTo(offline[0]).isEqualTo(1);
    assertThat(liveRun[1]).contains("API calls in");
    assertThat(saved).exists();
    JsonNode location = json.readTree(sarif.toFile())
        .at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri");
    assertThat(location.asText()).endsWith("account.json");
    // The report names what was scanned, the account, even though SARIF points into the saved file.
    assertThat(liveReport.path("source").asText()).isEqualTo("aws://111122223333/eu-west-1");
    assertThat(json.readTree(sarif.toFile()).at("/runs/0/results/0/locations/0/physicalLocation/region/startLine")
        .asInt()).isPositive();
  }

  @Test
  void missingCredentialsGiveOneLineAndExitThree() {
    int[] exit = new int[1];
    String[] output = run(exit, "scan", "--region", FixtureAccount.REGION, "--profile", "nobody",
        "--endpoint-url", stub.endpoint().toString());

    assertThat(exit[0]).isEqualTo(3);
    assertThat(output[1].lines()).hasSize(1);
    assertThat(output[1]).startsWith("pullpath: no AWS credentials for profile 'nobody'");
    assertThat(output[0]).isEmpty();
  }

  @Test
  void aServiceOrVpcThatMatchesNothingIsATypoNotACleanAccount() {
    int[] exit = new int[1];
    String[] service = run(exit, "scan", "--region", FixtureAccount.REGION, "--profile", "pullpath-test",
        "--endpoint-url", stub.endpoint().toString(), "--service", "no-such-service");
    assertThat(exit[0]).isEqualTo(2);
    assertThat(service[1]).contains("--service: no active service no-such-service");

    // EC2 answers filtered reads for an unknown VPC with empty lists, not an error.
    String dead = "vpc-0000000000000dead";
    String[][] emptyAnswers = {{"DescribeSubnets", "subnetSet"}, {"DescribeVpcs", "vpcSet"},
        {"DescribeRouteTables", "routeTableSet"}, {"DescribeVpcEndpoints", "vpcEndpointSet"},
        {"DescribeSecurityGroups", "securityGroupInfo"}};
    for (String[] answer : emptyAnswers) {
      stub.answer(AwsStub.Api.EC2, answer[0], 200, "<" + answer[0] + "Response xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
          + "<requestId>r</requestId><" + answer[1] + "/></" + answer[0] + "Response>", AwsStub.form("Filter.1.Value.1", dead));
    }
    stub.answer(AwsStub.Api.EC2, "DescribeVpcAttribute", 400, AwsStub.error(AwsStub.Api.EC2, "InvalidVpcID.NotFound"),
        AwsStub.form("VpcId", dead));
    String[] vpc = run(exit, "scan", "--region", FixtureAccount.REGION, "--profile", "pullpath-test",
        "--endpoint-url", stub.endpoint().toString(), "--vpc", dead);
    assertThat(exit[0]).isEqualTo(2);
    assertThat(vpc[1]).contains("--vpc: no VPC vpc-0000000000000dead");
  }

  @Test
  void badLiveOptionsCostNoCall() {
    int before = stub.server().getAllServeEvents().size();
    int[] exit = new int[1];
    String[] output = run(exit, "scan", "--region", FixtureAccount.REGION, "--profile", "pullpath-test",
        "--endpoint-url", stub.endpoint().toString(), "--concurrency", "-1");
    assertThat(exit[0]).isEqualTo(2);
    assertThat(output[1]).contains("--concurrency");
    assertThat(stub.server().getAllServeEvents()).hasSize(before);
  }

  @Test
  void snapshotAndLiveOptionsAreExclusive() {
    int[] exit = new int[1];
    String[] output = run(exit, "scan", "--snapshot", "examples/seed-broken.json", "--region", "eu-west-1");
    assertThat(exit[0]).isEqualTo(2);
    assertThat(output[1]).contains("give one or the other");
  }
}
