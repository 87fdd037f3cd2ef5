package dev.pullpath.rules;

import static dev.pullpath.check.ShellQuote.quote;

import dev.pullpath.check.Finding;
import dev.pullpath.check.RuleInfo;
import dev.pullpath.check.Severity;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.EcsService;
import dev.pullpath.snapshot.SnapshotPart;
import dev.pullpath.snapshot.Vpc;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@RuleInfo(
    id = "PP011",
    name = "vpc-dns",
    title = "VPC resolves private endpoint names",
    summary = "Interface endpoints answer the public ECR and CloudWatch Logs names only when the VPC has both "
        + "DNS support and DNS hostnames enabled. Without them tasks resolve the public addresses, which a "
        + "private subnet cannot reach.",
    severity = Severity.ERROR,
    reads = {SnapshotPart.SERVICES, SnapshotPart.SUBNETS, SnapshotPart.VPCS})
// Route tables are read only to relax the hostnames check, so they are not a declared read: unread, the rule
// is only stricter.
public final class VpcDnsRule extends AbstractRule {

  @Override
  public List<Finding> check(AccountSnapshot snapshot) {
    List<Finding> findings = new ArrayList<>();
    for (EcsService service : snapshot.services()) {
      Optional<Vpc> vpc = snapshot.vpcOf(service);
      if (vpc.isEmpty()) {
        continue;
      }
      if (!vpc.get().enableDnsSupport()) {
        findings.add(missing(snapshot, service, vpc.get(), "enableDnsSupport", "--enable-dns-support"));
      }
      // Hostnames matter only for private DNS of interface endpoints; a workload that pulls over NAT or an
      // internet gateway resolves public names, which DNS support alone does.
      if (!vpc.get().enableDnsHostnames() && !NetworkPaths.hasInternetPath(snapshot, service)) {
        findings.add(missing(snapshot, service, vpc.get(), "enableDnsHostnames", "--enable-dns-hostnames"));
      }
    }
    return findings;
  }

  private Finding missing(AccountSnapshot snapshot, EcsService service, Vpc vpc, String attribute, String flag) {
    return finding(Resources.vpc(snapshot, vpc.vpcId()), service.workloadName())
        .message("VPC " + vpc.vpcId() + " has " + attribute + " off, so private DNS names of its interface "
            + "endpoints do not resolve")
        .fix("Turn on " + attribute + " for VPC " + vpc.vpcId() + ".",
            "aws ec2 modify-vpc-attribute --region " + quote(snapshot.region()) + " --vpc-id " + quote(vpc.vpcId())
                + " " + flag + " " + quote("{\"Value\":true}"))
        .evidence(attribute + " = false")
        .build();
  }
}
