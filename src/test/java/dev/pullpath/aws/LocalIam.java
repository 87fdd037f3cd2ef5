package dev.pullpath.aws;

import static dev.pullpath.aws.AwsWire.element;
import static dev.pullpath.aws.AwsWire.members;
import static dev.pullpath.aws.AwsWire.one;

import dev.pullpath.aws.AwsWire.Answer;
import dev.pullpath.policy.Decision;
import dev.pullpath.policy.PolicyDocument;
import dev.pullpath.policy.PolicyEvaluator;
import dev.pullpath.policy.PolicyRequest;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.IamRole;
import dev.pullpath.snapshot.IamRole.NamedPolicy;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The IAM part of {@link LocalAccountServer} in the query protocol: roles with their policies (documents
 * URL-encoded as IAM sends them), inline policy and trust policy writes, and the policy simulator.
 */
final class LocalIam {
  private final String caller;
  private final Map<String, IamRole> roles = new LinkedHashMap<>();
  private final Map<String, NamedPolicy> managedPolicies = new LinkedHashMap<>();
  /** Actions a service control policy of the organization denies the account's roles. */
  private final Set<String> organizationDenies = new HashSet<>();
  private final Set<String> callerDenies = new HashSet<>();

  LocalIam(AccountSnapshot seed) {
    this.caller = "arn:aws:iam::" + seed.accountId() + ":user/admin";
    seed.iamRoles().forEach(r -> {
      roles.put(r.roleName(), r);
      r.attachedPolicies().forEach(p -> managedPolicies.put(p.policyArn(), p));
      if (r.permissionsBoundary() != null) {
        managedPolicies.put(r.permissionsBoundary().policyArn(), r.permissionsBoundary());
      }
    });
  }

  /** The organization denies {@code action} to the account's roles (an SCP), which the simulator includes. */
  void denyByOrganization(String action) {
    organizationDenies.add(action);
  }

  /** The identity that signs the requests may not make {@code action}: the simulator answers so for it. */
  void denyToCaller(String action) {
    callerDenies.add(action);
  }

  /** Who signs every request, as GetCallerIdentity names it: an administrator of the account. */
  String caller() {
    return caller;
  }

  Answer answer(String action, Map<String, List<String>> p, String requestId) {
    String roleName = one(p, "RoleName");
    IamRole role = roleName == null ? null : roles.get(roleName);
    if (roleName != null && role == null) {
      return AwsWire.queryError(404, "NoSuchEntity", "The role with name " + roleName + " cannot be found.");
    }
    String inner;
    switch (action) {
      case "GetRole" -> {
        StringBuilder x = new StringBuilder("<Role>").append(element("Path", "/")).append(element("RoleName", role.roleName()))
            .append(element("RoleId", "AROA" + role.roleName().toUpperCase(Locale.ROOT)))
            .append(element("Arn", role.arn())).append(element("CreateDate", "2024-01-01T00:00:00Z"));
        if (role.assumeRolePolicyDocument() != null) {
          x.append(element("AssumeRolePolicyDocument", encoded(role.assumeRolePolicyDocument())));
        }
        if (role.permissionsBoundary() != null) {
          x.append("<PermissionsBoundary>").append(element("PermissionsBoundaryType", "Policy"))
              .append(element("PermissionsBoundaryArn", role.permissionsBoundary().policyArn())).append("</PermissionsBoundary>");
        }
        inner = x.append("</Role>").toString();
      }
      case "ListAttachedRolePolicies" -> {
        StringBuilder x = new StringBuilder("<AttachedPolicies>");
        role.attachedPolicies().forEach(a -> x.append("<member>").append(element("PolicyName", a.policyName()))
            .append(element("PolicyArn", a.policyArn())).append("</member>"));
        inner = x.append("</AttachedPolicies>").append(element("IsTruncated", false)).toString();
      }
      case "ListRolePolicies" -> {
        StringBuilder x = new StringBuilder("<PolicyNames>");
        role.inlinePolicies().forEach(i -> x.append(element("member", i.policyName())));
        inner = x.append("</PolicyNames>").append(element("IsTruncated", false)).toString();
      }
      case "GetRolePolicy" -> {
        Optional<NamedPolicy> policy = role.inlinePolicies().stream()
            .filter(i -> i.policyName().equals(one(p, "PolicyName"))).findFirst();
        if (policy.isEmpty()) {
          return AwsWire.queryError(404, "NoSuchEntity", "The role policy with name " + one(p, "PolicyName")
              + " cannot be found.");
        }
        inner = element("RoleName", roleName) + element("PolicyName", policy.get().policyName())
            + element("PolicyDocument", encoded(policy.get().document()));
      }
      case "GetPolicy", "GetPolicyVersion" -> {
        NamedPolicy policy = managedPolicies.get(one(p, "PolicyArn"));
        if (policy == null) {
          return AwsWire.queryError(404, "NoSuchEntity", "Policy " + one(p, "PolicyArn") + " does not exist.");
        }
        inner = action.equals("GetPolicy")
            ? "<Policy>" + element("PolicyName", policy.policyName()) + element("Arn", policy.policyArn())
                + element("DefaultVersionId", "v1") + "</Policy>"
            : "<PolicyVersion>" + element("Document", encoded(policy.document())) + element("VersionId", "v1")
                + element("IsDefaultVersion", true) + "</PolicyVersion>";
      }
      case "SimulatePrincipalPolicy" -> {
        return simulate(p, requestId);
      }
      case "PutRolePolicy", "UpdateAssumeRolePolicy" -> {
        PolicyDocument document = PolicyDocument.parse(one(p, "PolicyDocument"));
        if (!document.isParsable()) {
          return AwsWire.queryError(400, "MalformedPolicyDocument", "Syntax errors in policy.");
        }
        roles.put(roleName, action.equals("PutRolePolicy") ? withInline(role, one(p, "PolicyName"), document)
            : new IamRole(role.roleName(), role.arn(), document, role.attachedPolicies(), role.inlinePolicies(),
                role.permissionsBoundary()));
        inner = "";
      }
      default -> throw new IllegalArgumentException("iam has no operation " + action + " here");
    }
    return AwsWire.query("iam", action, requestId, inner);
  }

  private static IamRole withInline(IamRole role, String name, PolicyDocument document) {
    List<NamedPolicy> inline = new ArrayList<>(role.inlinePolicies().stream()
        .filter(i -> !i.policyName().equals(name)).toList());
    inline.add(new NamedPolicy(name, null, document));
    return new IamRole(role.roleName(), role.arn(), role.assumeRolePolicyDocument(), role.attachedPolicies(), inline,
        role.permissionsBoundary());
  }

  /**
   * The simulator, as the role: its identity policies and boundary as they are now, evaluated by pullpath's evaluator. */
  private Answer simulate(Map<String, List<String>> p, String requestId) {
    String source = one(p, "PolicySourceArn");
    Optional<IamRole> role = roles.values().stream().filter(r -> r.arn().equals(source)).findFirst();
    if (role.isEmpty() && !source.equals(caller)) {
      return AwsWire.queryError(404, "NoSuchEntity", "The user or role " + source + " cannot be found.");
    }
    StringBuilder x = new StringBuilder("<EvaluationResults>");
    for (String action : members(p, "ActionNames.member.")) {
      for (String resource : members(p, "ResourceArns.member.")) {
        // The caller administers the account: it may do anything it is not denied.
        Decision decision = role.isEmpty()
            ? (callerDenies.contains(action) ? Decision.IMPLICIT_DENY : Decision.ALLOWED)
            : PolicyEvaluator.evaluateWithBoundary(
            role.get().identityPolicies(),
            role.get().permissionsBoundary() == null ? null : role.get().permissionsBoundary().document(),
            PolicyRequest.of(action, resource)).decision();
        if (role.isPresent() && organizationDenies.contains(action)) {
          decision = Decision.EXPLICIT_DENY;
        }
        String answer = decision == Decision.ALLOWED ? "allowed"
            : decision == Decision.EXPLICIT_DENY ? "explicitDeny" : "implicitDeny";
        x.append("<member>").append(element("EvalActionName", action)).append(element("EvalResourceName", resource))
            .append(element("EvalDecision", answer)).append("</member>");
      }
    }
    return AwsWire.query("iam", "SimulatePrincipalPolicy", requestId,
        x.append("</EvaluationResults>").append(element("IsTruncated", false)).toString());
  }

  /** IAM sends policy documents URL-encoded (RFC 3986). */
  private static String encoded(PolicyDocument document) {
    return URLEncoder.encode(document.toJsonText(), StandardCharsets.UTF_8).replace("+", "%20");
  }
}
