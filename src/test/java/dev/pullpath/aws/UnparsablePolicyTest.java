package dev.pullpath.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullpath.aws.AwsStub.Api;
import dev.pullpath.check.Finding;
import dev.pullpath.check.NotEvaluated;
import dev.pullpath.check.RuleRegistry;
import dev.pullpath.check.ScanResult;
import dev.pullpath.check.Scanner;
import dev.pullpath.check.Severity;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.SnapshotJson;
import dev.pullpath.snapshot.VpcEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An endpoint policy and a role policy that do not parse, as the APIs could return them: the live scan
 * keeps them with the reason, reports PP000 for the checks that read them, and goes on with the rest.
 */
class UnparsablePolicyTest {
  private AwsStub stub;

  @BeforeEach
  void start() {
    stub = new AwsStub();
    FixtureAccount.register(stub);
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  @Test
  void aPolicyThatDoesNotParseIsReportedAndTheScanGoesOn() {
    String endpoints = AwsStub.read("account/ec2/DescribeVpcEndpoints-1.xml")
        .replace("\"Effect\": \"Allow\"", "\"Effect\": \"Alow\"");
    stub.answer(Api.EC2, "DescribeVpcEndpoints", 200, endpoints);
    String rolePolicy = AwsStub.read("account/iam/GetRolePolicy-api-exec-logs-extra.xml")
        .replaceFirst("<PolicyDocument>[^<]*</PolicyDocument>", "<PolicyDocument>%7B%22Statement%22%3A%5B</PolicyDocument>");
    stub.answer(Api.IAM, "GetRolePolicy", 200, rolePolicy, AwsStub.form("PolicyName", "logs-extra"));

    AccountSnapshot live = LiveScanTestSupport.collector()
        .collect(LiveScanTestSupport.options(stub), ProgressListener.silent(), new CallRecorder())
        .snapshot();

    VpcEndpoint dkr = live.vpcEndpoints().stream().filter(e -> e.vpcEndpointId().equals("vpce-0a00000000000e002"))
        .findFirst().orElseThrow();
    assertThat(dkr.policyDocument().parseError()).hasValueSatisfying(r -> assertThat(r).contains("Effect 'Alow'"));
    assertThat(live.unreadable()).isEmpty();
    AccountSnapshot reread = SnapshotJson.parse(SnapshotJson.write(live), "saved.json");
    assertThat(reread).isEqualTo(live);

    ScanResult result = new Scanner(RuleRegistry.loadInstalled().all())
        .scan(live, "aws://111122223333/eu-west-1", Severity.NOTE);

    assertThat(result.findingsOf(NotEvaluated.DESCRIPTOR.id()))
        .anySatisfy(f -> assertPp000(f, "vpce-0a00000000000e002", "PP006", "Effect 'Alow'"))
        .anySatisfy(f -> assertPp000(f, "api-exec", "PP007", "policy logs-extra of role api-exec does not parse"));
    assertThat(result.findings()).anyMatch(f -> !f.ruleId().equals(NotEvaluated.DESCRIPTOR.id()));
  }

  private static void assertPp000(Finding f, String resource, String rule, String text) {
    assertThat(f.resource().id()).isEqualTo(resource);
    assertThat(f.message()).startsWith(rule + " ").contains(text);
    assertThat(f.workloads()).isNotEmpty();
  }
}
