package dev.pullpath.report;

import dev.pullpath.check.Finding;
import dev.pullpath.check.NotEvaluated;
import dev.pullpath.check.ResourceRef;
import dev.pullpath.check.RuleDescriptor;
import dev.pullpath.check.ScanResult;
import dev.pullpath.check.Severity;
import dev.pullpath.snapshot.SnapshotPart;
import java.util.List;

/** Hand-built scan results, so report tests do not depend on any rule implementation. */
final class Fixtures {
  static final String ACCOUNT = "123456789012";
  static final String REGION = "eu-west-1";
  static final String SOURCE = "examples/seed-broken.json";
  static final ReportOptions OPTIONS = ReportOptions.plain("0.1.0");

  static final RuleDescriptor VPC_DNS =
      new RuleDescriptor("PP011", "vpc-dns", "VPC resolves private endpoint names",
          "Interface endpoints answer the public names only when the VPC has DNS support and hostnames on.",
          Severity.ERROR, List.of(SnapshotPart.VPCS));
  static final RuleDescriptor ECR_API =
      new RuleDescriptor("PP012", "ecr-api-endpoint", "VPC has an ECR API interface endpoint",
          "Tasks in private subnets reach the ECR API only through an interface endpoint.",
          Severity.ERROR, List.of(SnapshotPart.VPC_ENDPOINTS));
  static final RuleDescriptor ROLE =
      new RuleDescriptor("PP030", "execution-role-scope", "Execution role is scoped to the cache",
          "An execution role that may pull any repository works, but is wider than the pull needs.",
          Severity.NOTE, List.of(SnapshotPart.IAM_ROLES));

  /** The snapshot file the results below came from; each resource id is on a known line. */
  static final String SOURCE_TEXT = """
      {
        "schemaVersion" : 1,
        "accountId" : "123456789012",
        "region" : "eu-west-1",
        "vpcs" : [ {
          "vpcId" : "vpc-0abc",
          "enableDnsSupport" : false,
          "enableDnsHostnames" : false
        } ],
        "roles" : [ {
          "roleName" : "shop-worker-exec"
        } ]
      }
      """;
  static final int VPC_LINE = 6;
  static final int ROLE_LINE = 11;
  static final int ACCOUNT_LINE = 3;

  private Fixtures() {}

  static ResourceRef vpc(String id) {
    return new ResourceRef("AWS::EC2::VPC", id, "arn:aws:ec2:" + REGION + ":" + ACCOUNT + ":vpc/" + id);
  }

  /**
   * Two errors on shop/api, one note on shop/worker, one account-wide warning (PP000); shop/web is clean
   * and PP012 passed.
   */
  static ScanResult broken() {
    Finding dnsSupport = Finding.builder(VPC_DNS, vpc("vpc-0abc"), "shop/api")
        .message("VPC vpc-0abc has enableDnsSupport off, so private DNS names of its interface endpoints do not "
            + "resolve")
        .fix("Turn on enableDnsSupport for VPC vpc-0abc.",
            "aws ec2 modify-vpc-attribute --region eu-west-1 --vpc-id vpc-0abc --enable-dns-support "
                + "'{\"Value\":true}'")
        .evidence("enableDnsSupport = false")
        .build();
    Finding dnsHostnames = Finding.builder(VPC_DNS, vpc("vpc-0abc"), "shop/api")
        .message("VPC vpc-0abc has enableDnsHostnames off, so private DNS names of its interface endpoints do not "
            + "resolve")
        .fix("Turn on enableDnsHostnames for VPC vpc-0abc.",
            "aws ec2 modify-vpc-attribute --region eu-west-1 --vpc-id vpc-0abc --enable-dns-hostnames "
                + "'{\"Value\":true}'")
        .evidence("enableDnsHostnames = false")
        .build();
    Finding wideRole = Finding.builder(ROLE,
            new ResourceRef("AWS::IAM::Role", "shop-worker-exec",
                "arn:aws:iam::" + ACCOUNT + ":role/shop-worker-exec"),
            "shop/worker")
        .message("Role shop-worker-exec may pull from every repository")
        .fix("Scope ecr:BatchGetImage to the cache prefix.", null)
        .evidence("ecr:BatchGetImage on *")
        .evidence("attached policy: AmazonECSTaskExecutionRolePolicy")
        .build();
    Finding notEvaluated = Finding.builder(NotEvaluated.DESCRIPTOR,
            new ResourceRef("AWS::::Account", ACCOUNT, "arn:aws:iam::" + ACCOUNT + ":root"), null)
        .message("PP030 execution-role-scope not evaluated: missing permission `iam:GetRole` to read roles")
        .fix("Allow `iam:GetRole` to the identity that runs pullpath and scan again.", null)
        .evidence("collector error: access denied")
        .build();
    return new ScanResult(ACCOUNT, REGION, SOURCE,
        List.of(NotEvaluated.DESCRIPTOR, VPC_DNS, ECR_API, ROLE),
        List.of(wideRole, notEvaluated, dnsHostnames, dnsSupport),
        List.of("shop/api", "shop/worker", "shop/web"));
  }

  /** Every rule passed. */
  static ScanResult clean() {
    return new ScanResult(ACCOUNT, REGION, SOURCE, List.of(VPC_DNS, ECR_API), List.of(),
        List.of("shop/api", "shop/web"));
  }

  /** Scan data an attacker shaped: markup, quotes and ampersands in every field a finding carries. */
  static ScanResult hostile() {
    String id = "<script>alert(1)</script>\"onmouseover=alert(2) x='&amp;";
    Finding finding = Finding.builder(VPC_DNS,
            new ResourceRef("AWS::EC2::VPC", id, "arn:aws:ec2:eu-west-1:" + ACCOUNT + ":vpc/" + id),
            "evil/<img src=x onerror=alert(3)>")
        .message("Message with <b>markup</b> & \"quotes\" and 'apostrophes' onmouseover=\"alert(4)\"")
        .fix("Fix <i>it</i>", "aws ec2 describe-vpcs --vpc-ids '</pre><script>alert(5)</script>'")
        .evidence("<svg onload=alert(6)>")
        .build();
    return new ScanResult(ACCOUNT, REGION, "snap\"<x>.json", List.of(VPC_DNS), List.of(finding),
        List.of("evil/<img src=x onerror=alert(3)>"));
  }
}
