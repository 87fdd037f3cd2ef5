package dev.pullpath.pull;

import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.ContainerDefinition;
import dev.pullpath.snapshot.TaskDefinition;
import dev.pullpath.snapshot.PullThroughCacheRule;
import dev.pullpath.snapshot.SecretInfo;
import dev.pullpath.snapshot.SnapshotPart;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a task definition needs its execution role to be allowed: the ECR pull actions for each private
 * image, the pull-through cache actions for cached repositories (which the managed
 * {@code AmazonECSTaskExecutionRolePolicy} lacks), the CloudWatch Logs actions for {@code awslogs}, and
 * reading the secrets its containers inject (also missing from the managed policy).
 * Rules check these; the live collector asks the IAM Policy Simulator the same questions.
 */
public final class ExecutionRolePermissions {
  public static final String GET_AUTHORIZATION_TOKEN = "ecr:GetAuthorizationToken";
  public static final List<String> PULL_ACTIONS =
      List.of("ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage");
  public static final String IMPORT_UPSTREAM_IMAGE = "ecr:BatchImportUpstreamImage";
  public static final String CREATE_REPOSITORY = "ecr:CreateRepository";
  public static final List<String> CACHE_ACTIONS = List.of(IMPORT_UPSTREAM_IMAGE, CREATE_REPOSITORY);
  public static final List<String> LOG_ACTIONS = List.of("logs:CreateLogStream", "logs:PutLogEvents");
  public static final String CREATE_LOG_GROUP = "logs:CreateLogGroup";
  public static final String GET_SECRET_VALUE = "secretsmanager:GetSecretValue";
  public static final String GET_PARAMETERS = "ssm:GetParameters";

  /** The hyphen and six characters Secrets Manager appends to a secret's name in its ARN. */
  private static final java.util.regex.Pattern FULL_SECRET_ARN = java.util.regex.Pattern.compile("-[A-Za-z0-9]{6}$");

  private ExecutionRolePermissions() {}

  public static List<RequiredPermission> of(AccountSnapshot snapshot, TaskDefinition taskDefinition) {
    Map<String, RequiredPermission> needed = new LinkedHashMap<>();
    for (ContainerDefinition container : taskDefinition.containers()) {
      ImageReference image = ImageReference.parse(container.image());
      image.ecrRegistry().ifPresent(registry -> {
        add(needed, GET_AUTHORIZATION_TOKEN, "*", "*", "registry authentication");
        String repositoryArn = repositoryArn(registry.region(), registry.accountId(), image.repository());
        for (String action : PULL_ACTIONS) {
          add(needed, action, repositoryArn, repositoryArn, "pull " + image.repository());
        }
        boolean ownRegistry =
            registry.accountId().equals(snapshot.accountId()) && registry.region().equals(snapshot.region());
        Optional<String> cachePrefix = ownRegistry
            ? PullThroughCache.ruleForRepository(snapshot.pullThroughCacheRules(), image.repository())
                .map(PullThroughCacheRule::ecrRepositoryPrefix)
                // A default cache prefix without its rule yet (PP009 asks for the rule): once the rule exists,
                // the pull imports through it, so the role needs the cache actions for that prefix too.
                .or(() -> Upstream.ofDefaultPrefix(image.repository().split("/", 2)[0])
                    .filter(u -> image.repository().contains("/")).map(u -> image.repository().split("/", 2)[0]))
            : Optional.empty();
        cachePrefix.ifPresent(prefix -> {
          // The cache creates one repository per upstream image, so a fix grants the whole prefix.
          String prefixArn = repositoryArn(registry.region(), registry.accountId(),
              PullThroughCache.ROOT.equals(prefix) ? "*" : prefix + "/*");
          String why = "pull-through cache import of " + image.repository();
          add(needed, IMPORT_UPSTREAM_IMAGE, repositoryArn, prefixArn, why);
          // ECR creates the cache repository on the first pull only: once it exists, CreateRepository is not
          // asked for. Without the repositories (not read, or an older snapshot) it stays required.
          if (snapshot.repository(image.repository()).isEmpty()) {
            add(needed, CREATE_REPOSITORY, repositoryArn, prefixArn, why + (snapshot.isReadable(SnapshotPart.REPOSITORIES)
                ? ", whose repository does not exist yet" : ", repositories not readable"));
          }
        });
      });
      if (container.usesAwsLogs()) {
        String group = container.logOptions().get("awslogs-group");
        if (group != null) {
          String region = container.logOptions().getOrDefault("awslogs-region", snapshot.region());
          // CloudWatch Logs names a log group "...:log-group:NAME:*" (DescribeLogGroups), and policies
          // are written against that form, so the group ARN is checked with its ":*".
          String groupArn = "arn:aws:logs:" + region + ":" + snapshot.accountId() + ":log-group:" + group;
          String prefix = container.logOptions().getOrDefault("awslogs-stream-prefix", "ecs");
          String why = "awslogs for container " + container.name();
          String everyStream = groupArn + ":*";
          // The driver creates the group only when it is missing; a group of this region known to exist
          // needs no CreateLogGroup. Groups of other regions and unread ones stay required.
          boolean exists = region.equals(snapshot.region()) && snapshot.logGroup(group).isPresent();
          if ("true".equalsIgnoreCase(container.logOptions().get("awslogs-create-group")) && !exists) {
            add(needed, CREATE_LOG_GROUP, everyStream, everyStream, why + " (awslogs-create-group)");
          }
          add(needed, LOG_ACTIONS.get(0), everyStream, everyStream, why);
          // Each task writes its own stream, PREFIX/CONTAINER/TASK-ID: check one, grant them all.
          add(needed, LOG_ACTIONS.get(1), groupArn + ":log-stream:" + prefix + "/" + container.name() + "/task-id",
              everyStream, why);
        }
      }
    }
    for (ContainerDefinition container : taskDefinition.containers()) {
      for (String valueFrom : container.secrets()) {
        addSecret(needed, snapshot, valueFrom, "secret injected into container " + container.name());
      }
      for (String valueFrom : container.logSecrets()) {
        addSecret(needed, snapshot, valueFrom, "log driver secret of container " + container.name());
      }
      if (container.repositoryCredentials() != null) {
        addSecret(needed, snapshot, container.repositoryCredentials(),
            "private registry credentials of container " + container.name());
      }
    }
    return new ArrayList<>(needed.values());
  }

  /**
   * The agent reads injected secrets as the execution role (the managed policy does not allow it). A Secrets
   * Manager {@code valueFrom} may name a JSON key, stage or version after the secret's ARN; the permission is
   * on the secret. A parameter may be named by ARN or, in the task's region, by name.
   */
  private static void addSecret(
      Map<String, RequiredPermission> needed, AccountSnapshot snapshot, String valueFrom, String reason) {
    if (valueFrom.startsWith("arn:aws:secretsmanager:")) {
      String[] fields = valueFrom.split(":");
      String named = String.join(":", java.util.Arrays.copyOf(fields, Math.min(fields.length, 7)));
      // A partial ARN (no -XXXXXX suffix) works in ECS, but IAM checks the request against the secret's
      // full ARN: a grant on secret:db-?????? covers it, one on secret:db does not.
      // Not in the snapshot: a name without the suffix stands for every suffix, as a CDK grant writes it.
      String secretArn = snapshot.secretByFullOrPartialArn(named).map(SecretInfo::arn)
          .orElse(FULL_SECRET_ARN.matcher(named).find() ? named : named + "-??????");
      add(needed, GET_SECRET_VALUE, secretArn, secretArn, reason);
    } else if (valueFrom.startsWith("arn:aws:ssm:")) {
      add(needed, GET_PARAMETERS, valueFrom, valueFrom, reason);
    } else if (!valueFrom.startsWith("arn:")) {
      String name = valueFrom.startsWith("/") ? valueFrom : "/" + valueFrom;
      String parameterArn = "arn:aws:ssm:" + snapshot.region() + ":" + snapshot.accountId() + ":parameter" + name;
      add(needed, GET_PARAMETERS, parameterArn, parameterArn, reason);
    }
  }

  public static String repositoryArn(String region, String accountId, String repository) {
    return "arn:aws:ecr:" + region + ":" + accountId + ":repository/" + repository;
  }

  /**
   * Groups permissions into (resources, actions) pairs where every action is needed on every resource, the
   * shape of both a policy statement and one IAM Policy Simulator call.
   *
   * @param resourceOf which resource to group by: {@link RequiredPermission#resource} to ask questions,
   *     {@link RequiredPermission#grantResource} to write a policy
   */
  public static Map<List<String>, List<String>> groupByResources(
      Collection<RequiredPermission> permissions, Function<RequiredPermission, String> resourceOf) {
    Map<String, List<String>> resourcesByAction = new LinkedHashMap<>();
    for (RequiredPermission p : permissions) {
      List<String> resources = resourcesByAction.computeIfAbsent(p.action(), a -> new ArrayList<>());
      if (!resources.contains(resourceOf.apply(p))) {
        resources.add(resourceOf.apply(p));
      }
    }
    Map<List<String>, List<String>> actionsByResources = new LinkedHashMap<>();
    resourcesByAction.forEach((action, resources) ->
        actionsByResources.computeIfAbsent(List.copyOf(resources), r -> new ArrayList<>()).add(action));
    return actionsByResources;
  }

  private static void add(
      Map<String, RequiredPermission> needed, String action, String resource, String grantResource, String reason) {
    needed.putIfAbsent(action + " " + resource, new RequiredPermission(action, resource, grantResource, reason));
  }
}
