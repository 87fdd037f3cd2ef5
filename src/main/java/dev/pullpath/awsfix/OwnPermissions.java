package dev.pullpath.awsfix;

import dev.pullpath.fix.PermissionCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * pullpath's own identity, asked about in the IAM policy simulator: may it make a write that has no EC2
 * {@code DryRun}? Who is calling comes from STS GetCallerIdentity (which needs no permission); an
 * assumed-role session is simulated as its role, a user as itself. The root user and federated users cannot
 * be simulated, and the simulator itself may be denied: then every check is skipped, with the reason once.
 */
public final class OwnPermissions {
  private final StsClient sts;
  private final IamClient iam;
  private final String region;
  private Identity identity;

  /**
   * @param sts signed with the same credentials as the writes
   * @param region the region the fix writes in, for the ARNs of regional resources
   */
  public OwnPermissions(StsClient sts, IamClient iam, String region) {
    this.sts = sts;
    this.iam = iam;
    this.region = region;
  }

  /**
   * Who is calling, and the ARN the simulator knows it by.
   *
   * @param principalArn {@code null} when it cannot be simulated
   * @param unavailable why not, when {@code principalArn} is null
   */
  private record Identity(String partition, String accountId, String principalArn, String unavailable) {
    static Identity unavailable(String why) {
      return new Identity("aws", "", null, why);
    }
  }

  /** The ARN of a regional resource of the account being fixed, e.g. {@code ec2}, {@code vpc/vpc-0abc}. */
  String arn(String service, String resource) {
    Identity id = identity();
    return "arn:" + id.partition() + ":" + service + ":" + region + ":" + id.accountId() + ":" + resource;
  }

  /** The ARN of a role of the account being fixed; {@code GetRole} gives it with its path. */
  String roleArn(String roleName) {
    Identity id = identity();
    if (id.principalArn() == null) {
      return "arn:" + id.partition() + ":iam::" + id.accountId() + ":role/" + roleName; // only named, not simulated
    }
    try {
      return iam.getRole(b -> b.roleName(roleName)).role().arn();
    } catch (SdkException e) {
      return "arn:" + id.partition() + ":iam::" + id.accountId() + ":role/" + roleName;
    }
  }

  /**
   * Asks the simulator whether this identity may call {@code action} on each resource.
   *
   * @param context condition keys the real request carries (e.g. {@code iam:PolicyName}), so a policy
   *     that grants the action only under that condition is judged as AWS would
   */
  List<PermissionCheck> check(String action, List<String> resources, Map<String, String> context) {
    Identity id = identity();
    if (id.principalArn() == null) {
      return resources.stream().map(r -> PermissionCheck.skipped(action, r, id.unavailable())).toList();
    }
    List<EvaluationResult> results;
    try {
      results = iam.simulatePrincipalPolicy(b -> b.policySourceArn(id.principalArn()).actionNames(action)
          .resourceArns(resources)
          .contextEntries(context.entrySet().stream().map(e -> ContextEntry.builder().contextKeyName(e.getKey())
              .contextKeyType(ContextKeyTypeEnum.STRING).contextKeyValues(e.getValue()).build()).toList()))
          .evaluationResults();
    } catch (SdkException e) {
      // Denied or unsupported once, the same for every later check: say it once, ask no more.
      identity = Identity.unavailable("the IAM policy simulator cannot be asked about " + id.principalArn() + " ("
          + firstLine(e) + ")");
      return resources.stream().map(r -> PermissionCheck.skipped(action, r, identity.unavailable())).toList();
    }
    List<PermissionCheck> checks = new ArrayList<>();
    for (EvaluationResult result : results) {
      String resource = result.evalResourceName() == null ? String.join(",", resources) : result.evalResourceName();
      String decision = String.valueOf(result.evalDecisionAsString()).toLowerCase(Locale.ROOT);
      if (decision.equals("allowed")) {
        checks.add(PermissionCheck.allowed(action, resource));
      } else if (decision.equals("explicitdeny")) {
        checks.add(PermissionCheck.denied(action, resource, "explicitly denied for " + id.principalArn()));
      } else if (result.hasMissingContextValues() && !result.missingContextValues().isEmpty()) {
        checks.add(PermissionCheck.inconclusive(action, resource, "the simulator needs values of "
            + String.join(", ", result.missingContextValues())));
      } else {
        checks.add(PermissionCheck.denied(action, resource, "no policy of " + id.principalArn() + " allows it"));
      }
    }
    return checks;
  }

  private Identity identity() {
    if (identity == null) {
      identity = resolve();
    }
    return identity;
  }

  private Identity resolve() {
    if (sts == null) {
      return Identity.unavailable("the writer does not know its own identity");
    }
    GetCallerIdentityResponse caller;
    try {
      caller = sts.getCallerIdentity(b -> { });
    } catch (SdkException e) {
      return Identity.unavailable("STS GetCallerIdentity failed (" + firstLine(e) + ")");
    }
    String arn = caller.arn();
    String[] parts = arn.split(":", 6);
    if (parts.length < 6) {
      return Identity.unavailable("the caller " + arn + " is not an ARN the simulator takes");
    }
    String partition = parts[1];
    String account = caller.account() == null ? parts[4] : caller.account();
    String resource = parts[5];
    if (parts[2].equals("iam") && resource.startsWith("user/")) {
      return new Identity(partition, account, arn, null);
    }
    if (parts[2].equals("sts") && resource.startsWith("assumed-role/")) {
      String roleName = resource.split("/")[1];
      String roleArn;
      try {
        roleArn = iam.getRole(b -> b.roleName(roleName)).role().arn();
      } catch (SdkException e) {
        // Without GetRole the path is unknown; most roles have none.
        roleArn = "arn:" + partition + ":iam::" + account + ":role/" + roleName;
      }
      return new Identity(partition, account, roleArn, null);
    }
    Identity unknown = Identity.unavailable(resource.equals("root")
        ? "the account's root user cannot be simulated"
        : "the caller " + arn + " cannot be simulated (only IAM users and assumed roles can)");
    return new Identity(partition, account, null, unknown.unavailable());
  }

  private static String firstLine(SdkException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
