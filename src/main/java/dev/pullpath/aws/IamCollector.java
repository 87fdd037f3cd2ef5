package dev.pullpath.aws;

import dev.pullpath.policy.PolicyDocument;
import dev.pullpath.snapshot.IamRole;
import dev.pullpath.snapshot.IamRole.NamedPolicy;
import dev.pullpath.snapshot.SnapshotPart;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * Execution roles with every policy that decides what they may do. A managed policy shared by many roles
 * (AmazonECSTaskExecutionRolePolicy above all) is fetched once. IAM URL-encodes its documents;
 * {@link PolicyDocument#parse} decodes them.
 */
final class IamCollector {
  private static final SnapshotPart PART = SnapshotPart.IAM_ROLES;

  private final IamClient iam;
  private final ScanContext scan;
  private final Map<String, CompletableFuture<Optional<NamedPolicy>>> managedPolicies = new ConcurrentHashMap<>();

  IamCollector(IamClient iam, ScanContext scan) {
    this.iam = iam;
    this.scan = scan;
  }

  /** The roles with these ARNs; a role that does not exist is left out for the rules to notice. */
  CompletableFuture<List<IamRole>> roles(Collection<String> roleArns) {
    List<CompletableFuture<List<IamRole>>> reads = roleArns.stream().distinct().map(this::role).toList();
    return ScanContext.flatten(reads)
        .thenApply(all -> all.stream().sorted(Comparator.comparing(IamRole::arn)).toList());
  }

  private CompletableFuture<List<IamRole>> role(String roleArn) {
    String name = roleName(roleArn);
    // GetRole and both listings need only the name, so all three start together.
    CompletableFuture<Optional<Role>> role = scan.call(PART, "iam:GetRole", () -> {
      try {
        return Optional.of(iam.getRole(b -> b.roleName(name)).role());
      } catch (NoSuchEntityException e) {
        return Optional.<Role>empty();
      }
    }, Optional.empty());
    CompletableFuture<List<NamedPolicy>> attached = scan.call(PART, "iam:ListAttachedRolePolicies", () -> {
      try {
        return iam.listAttachedRolePoliciesPaginator(b -> b.roleName(name)).attachedPolicies().stream()
            .map(AttachedPolicy::policyArn)
            .toList();
      } catch (NoSuchEntityException e) {
        return List.<String>of();
      }
    }, List.<String>of()).thenCompose(this::managedPolicies);
    CompletableFuture<List<NamedPolicy>> inline = scan.call(PART, "iam:ListRolePolicies", () -> {
      try {
        return iam.listRolePoliciesPaginator(b -> b.roleName(name)).policyNames().stream().toList();
      } catch (NoSuchEntityException e) {
        return List.<String>of();
      }
    }, List.<String>of()).thenCompose(names -> ScanContext.flatten(
        names.stream().map(policyName -> inlinePolicy(name, policyName)).toList()));
    CompletableFuture<Optional<NamedPolicy>> boundary = role.thenCompose(r -> r
        .filter(found -> found.permissionsBoundary() != null)
        .map(found -> managedPolicy(found.permissionsBoundary().permissionsBoundaryArn()))
        .orElse(CompletableFuture.completedFuture(Optional.empty())));
    return CompletableFuture.allOf(role, attached, inline, boundary).thenApply(done -> role.join()
        .map(r -> List.of(new IamRole(
            r.roleName(),
            r.arn(),
            r.assumeRolePolicyDocument() == null ? null : PolicyDocument.parse(r.assumeRolePolicyDocument()),
            attached.join(),
            inline.join(),
            boundary.join().orElse(null))))
        .orElse(List.of()));
  }

  private CompletableFuture<List<NamedPolicy>> managedPolicies(List<String> arns) {
    return ScanContext.flatten(arns.stream()
        .map(arn -> managedPolicy(arn).thenApply(p -> p.map(List::of).orElse(List.of())))
        .toList());
  }

  /** A managed policy with its default version's document, read once per scan. */
  private CompletableFuture<Optional<NamedPolicy>> managedPolicy(String arn) {
    return managedPolicies.computeIfAbsent(arn, key -> scan.call(PART, "iam:GetPolicy", () -> {
      try {
        return Optional.of(iam.getPolicy(b -> b.policyArn(key)).policy());
      } catch (NoSuchEntityException e) {
        return Optional.<software.amazon.awssdk.services.iam.model.Policy>empty();
      }
    }, Optional.<software.amazon.awssdk.services.iam.model.Policy>empty()).thenCompose(policy -> policy
        .map(p -> scan.call(PART, "iam:GetPolicyVersion", () -> {
          String document = iam.getPolicyVersion(b -> b.policyArn(key).versionId(p.defaultVersionId()))
              .policyVersion().document();
          return Optional.of(new NamedPolicy(p.policyName(), key, PolicyDocument.parse(document)));
        }, Optional.<NamedPolicy>empty()))
        .orElse(CompletableFuture.completedFuture(Optional.empty()))));
  }

  private CompletableFuture<List<NamedPolicy>> inlinePolicy(String roleName, String policyName) {
    return scan.call(PART, "iam:GetRolePolicy", () -> {
      String document = iam.getRolePolicy(b -> b.roleName(roleName).policyName(policyName)).policyDocument();
      return List.of(new NamedPolicy(policyName, null, PolicyDocument.parse(document)));
    }, List.of());
  }

  /**
   * {@code name} from {@code arn:aws:iam::111122223333:role/service-role/name}: IAM's API wants the name
   * without the path. ECS also accepts a bare role name, which passes through.
   */
  static String roleName(String roleArnOrName) {
    return roleArnOrName.substring(roleArnOrName.lastIndexOf('/') + 1);
  }
}
