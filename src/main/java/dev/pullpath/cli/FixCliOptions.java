package dev.pullpath.cli;

import dev.pullpath.fix.FixOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options of scan --fix: what to plan, what the user allows, where the plan goes. */
final class FixCliOptions {
  @Option(names = "--fix", description = "Plan the changes that fix the findings and print the plan (standard "
      + "output: a --format report then needs --output); apply it after 'yes' typed on a terminal, or with --yes.")
  boolean fix;

  @Option(names = "--yes", description = "Apply the plan without asking (automation). Needs a live scan.")
  boolean yes;

  @Option(names = "--plan-output", paramLabel = "FILE",
      description = "Write the plan as JSON (docs/fix-plan.md), for 'pullpath apply FILE' later.")
  Path planOutput;

  @Option(names = "--fix-script", paramLabel = "FILE",
      description = "Write the plan as a reviewable, executable bash script of AWS CLI commands.")
  Path fixScript;

  @Option(names = "--print-fix-policy",
      description = "Print the IAM policy this plan's writes need (with docs/iam-policy-scan.json for the reads), "
          + "scoped to its resources (widened to resource types beyond IAM's 6,144 characters), and stop.")
  boolean printFixPolicy;

  @Option(names = "--change-log", paramLabel = "FILE",
      description = "Append one JSON line per attempted step (request ids, before/after) to this file.")
  Path changeLog;

  @Option(names = "--allow-policy-rewrite",
      description = "Let the plan rewrite existing policies: drop endpoint-policy Deny statements that block image "
          + "pulls, and add ecs-tasks.amazonaws.com to an execution role's trust policy.")
  boolean allowPolicyRewrite;

  @Option(names = "--credential-arn", paramLabel = "PREFIX=ARN",
      description = "Secret (named ecr-pullthroughcache/...) for a cache prefix whose upstream needs credentials; "
          + "repeatable.")
  List<String> credentialArns = new ArrayList<>();

  @Option(names = "--allow-ingress", paramLabel = "CIDR|sg-id",
      description = "Peer a closed service port may be opened to (PP010); repeatable. Without it no port is opened.")
  List<String> allowIngress = new ArrayList<>();

  @Option(names = "--update-services",
      description = "Move services to the new task-definition revisions (UpdateService, a new deployment).")
  boolean updateServices;

  boolean requested() {
    return fix || printFixPolicy || planOutput != null || fixScript != null;
  }

  boolean anyFixOnlyOptionGiven() {
    return yes || changeLog != null || allowPolicyRewrite || !credentialArns.isEmpty() || !allowIngress.isEmpty()
        || updateServices;
  }

  FixOptions toFixOptions() {
    Map<String, String> credentials = new LinkedHashMap<>();
    for (String pair : credentialArns) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new UserInputException("--credential-arn takes PREFIX=ARN, not '" + pair + "'");
      }
      String arn = pair.substring(eq + 1);
      if (!arn.matches("arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:ecr-pullthroughcache/.+")) {
        throw new UserInputException("--credential-arn " + pair + ": the secret must be a Secrets Manager ARN named "
            + "ecr-pullthroughcache/... (ECR only reads secrets with that prefix)");
      }
      credentials.put(pair.substring(0, eq), arn);
    }
    for (String peer : allowIngress) {
      boolean group = peer.matches("sg-[0-9a-f]+");
      boolean cidr = dev.pullpath.snapshot.Cidr.isIpv4(peer);
      if (!group && !cidr) {
        throw new UserInputException("--allow-ingress takes an IPv4 CIDR or a security group id, not '" + peer + "'");
      }
      // EC2 keeps a CIDR's network, so any /0 (0.0.0.1/0, 10.0.0.0/0...) is 0.0.0.0/0.
      if (cidr && dev.pullpath.snapshot.Cidr.parse(peer).prefixLength() == 0) {
        throw new UserInputException("--allow-ingress " + peer + " would open the service port to the internet; name the "
            + "load balancer's security group or the VPC CIDR");
      }
    }
    return new FixOptions(allowPolicyRewrite, credentials, allowIngress, updateServices);
  }
}
