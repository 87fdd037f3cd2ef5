package dev.pullpath.aws;

import dev.pullpath.policy.PolicyDocument;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.EcsService;
import dev.pullpath.pull.ImageReference.EcrRegistry;
import dev.pullpath.pull.PullThroughCache;
import dev.pullpath.snapshot.IamRole;
import dev.pullpath.snapshot.LogGroup;
import dev.pullpath.snapshot.Repository;
import dev.pullpath.snapshot.PullThroughCacheRule;
import dev.pullpath.snapshot.SecretInfo;
import dev.pullpath.snapshot.SimulationResult;
import dev.pullpath.snapshot.SnapshotPart;
import dev.pullpath.snapshot.Subnet;
import dev.pullpath.snapshot.TaskDefinition;
import dev.pullpath.snapshot.UnreadablePart;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Reads one region of an AWS account into an {@link AccountSnapshot}, with read-only calls only. Calls
 * run concurrently on a bounded pool and wait only for the calls whose answers they need:
 *
 * <ol>
 *   <li>STS caller identity, ECS clusters, ECR pull-through cache rules and registry policy;
 *   <li>ECS services (then DescribeServices by 10), Secrets Manager for the rules' credentials;
 *   <li>task definitions, each once; subnets of the services, then everything of their VPCs;
 *   <li>execution roles with their policies; the IAM Policy Simulator for what those roles need.
 * </ol>
 *
 * A refused read leaves its part unknown ({@link AccountSnapshot#unreadable()}) and the scan goes on;
 * missing, expired or rejected credentials and unreachable endpoints end it with {@link AwsAccessException}.
 */
public final class LiveCollector {
  private final AwsCredentialsProvider credentials;
  private final BackoffStrategy backoff;

  public LiveCollector() {
    this(null, null);
  }

  /**
   * The test seam.
   *
   * @param credentials used instead of the profile or default chain when not {@code null}
   * @param backoff the delay between retries when not {@code null}, so retry tests run fast
   */
  LiveCollector(AwsCredentialsProvider credentials, BackoffStrategy backoff) {
    this.credentials = credentials;
    this.backoff = backoff;
  }

  public CollectionResult collect(LiveScanOptions options, ProgressListener progress) {
    return collect(options, progress, new CallRecorder());
  }

  CollectionResult collect(LiveScanOptions options, ProgressListener progress, CallRecorder recorder) {
    long start = System.nanoTime();
    return withSession(options, recorder, session -> {
      progress.onProgress("scanning " + session.region() + " with " + options.concurrency() + " concurrent calls");
      AccountSnapshot snapshot;
      try (AwsClients clients = AwsClients.create(session.settings(), session.http());
          ScanContext scan = new ScanContext(options.concurrency(), progress, session.region(), session.regionKnown())) {
        snapshot = new Plan(clients, scan, options, session.region()).run();
      }
      return new CollectionResult(snapshot, recorder.callCount(), Duration.ofNanos(System.nanoTime() - start));
    });
  }

  /**
   * The regions enabled for the account the options sign in to (EC2 {@code DescribeRegions}, which lists
   * only enabled regions by default), for {@code --regions all}.
   */
  public List<String> enabledRegions(LiveScanOptions options) {
    return withSession(options, new CallRecorder(), session -> {
      try (Ec2Client ec2 = AwsClients.ec2(session.settings(), session.http())) {
        return ec2.describeRegions().regions().stream().map(software.amazon.awssdk.services.ec2.model.Region::regionName)
            .sorted().toList();
      } catch (SdkException e) {
        throw AwsAccessException.cannotList("the enabled regions (ec2:DescribeRegions)", e);
      }
    });
  }

  /** The ACTIVE accounts of the caller's organization, for {@code --accounts organization}. */
  public List<String> organizationAccounts(LiveScanOptions options) {
    return withSession(options, new CallRecorder(), session ->
        new OrganizationAccounts(session.http(), session.settings().credentials(), options.endpointOverride()).list());
  }

  /**
   * The signed-in part of a scan: region, HTTP client and credentials (the role assumed first when asked),
   * checked once so missing credentials give one clear message; closed after {@code work}.
   */
  private <T> T withSession(LiveScanOptions options, CallRecorder recorder, java.util.function.Function<Session, T> work) {
    Region region = region(options);
    boolean regionKnown = options.endpointOverride() != null || Region.regions().contains(region);
    SdkHttpClient http = AwsClients.httpClient();
    AwsCredentialsProvider base = credentials != null ? credentials : chain(options);
    AwsClients.Settings settings =
        new AwsClients.Settings(region, base, options.endpointOverride(), options.maxAttempts(), backoff, recorder);
    StsClient assumeRoleSts = null;
    AwsCredentialsProvider provider = base;
    try {
      if (options.roleArn() != null) {
        assumeRoleSts = AwsClients.sts(settings, http);
        StsClient client = assumeRoleSts;
        provider = StsAssumeRoleCredentialsProvider.builder()
            .stsClient(client)
            .refreshRequest(b -> b.roleArn(options.roleArn()).roleSessionName("pullpath-scan"))
            .build();
      }
      checkCredentials(provider, options, region.id(), regionKnown);
      return work.apply(new Session(region.id(), regionKnown, http, settings.withCredentials(provider)));
    } finally {
      if (provider instanceof SdkAutoCloseable closeable) {
        closeable.close();
      }
      if (assumeRoleSts != null) {
        assumeRoleSts.close();
      }
      http.close();
    }
  }

  private record Session(String region, boolean regionKnown, SdkHttpClient http, AwsClients.Settings settings) {}

  private static Region region(LiveScanOptions options) {
    if (options.region() != null) {
      return Region.of(options.region());
    }
    try {
      return DefaultAwsRegionProviderChain.builder().profileName(options.profile()).build().getRegion();
    } catch (SdkClientException e) {
      throw AwsAccessException.noRegion(e);
    }
  }

  private static AwsCredentialsProvider chain(LiveScanOptions options) {
    return options.profile() != null
        ? ProfileCredentialsProvider.builder().profileName(options.profile()).build()
        : DefaultCredentialsProvider.builder().build();
  }

  /** Resolves the credentials once before any call, so that missing ones give one clear message. */
  private static void checkCredentials(
      AwsCredentialsProvider provider, LiveScanOptions options, String region, boolean regionKnown) {
    try {
      provider.resolveCredentials();
    } catch (SdkException e) {
      AwsServiceException refused = serviceCause(e);
      if (refused != null) {
        ErrorKind kind = ErrorKind.of(refused);
        String code = ErrorKind.errorCode(refused);
        throw switch (kind) {
          case EXPIRED_CREDENTIALS -> AwsAccessException.expiredCredentials(code, e);
          case REJECTED_CREDENTIALS -> AwsAccessException.rejectedCredentials(code, region, e);
          default -> AwsAccessException.cannotAssumeRole(options.roleArn(), code, e);
        };
      }
      if (ErrorKind.of(e) == ErrorKind.UNREACHABLE) {
        throw regionKnown
            ? AwsAccessException.unreachable("the STS endpoint of " + region, e)
            : AwsAccessException.unknownRegion(region, e);
      }
      // The SDK names an expired `aws sso login` session only in its message, also inside the chain's.
      String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
      if (message.contains("sso session")) {
        throw AwsAccessException.ssoSessionUnusable(e);
      }
      throw options.profile() != null
          ? AwsAccessException.noCredentialsForProfile(options.profile(), e)
          : AwsAccessException.noCredentials(e);
    }
  }

  private static AwsServiceException serviceCause(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof AwsServiceException service) {
        return service;
      }
    }
    return null;
  }

  /** One scan's calls, wired by what each needs. */
  private static final class Plan {
    private final ScanContext scan;
    private final LiveScanOptions options;
    private final String region;
    private final StsCollector sts;
    private final EcsCollector ecs;
    private final EcrCollector ecr;
    private final Ec2Collector ec2;
    private final IamCollector iam;
    private final SecretsCollector secrets;
    private final SimulationCollector simulator;
    private final LogsCollector logs;

    Plan(AwsClients clients, ScanContext scan, LiveScanOptions options, String region) {
      this.scan = scan;
      this.options = options;
      this.region = region;
      this.sts = new StsCollector(clients.sts(), scan);
      this.ecs = new EcsCollector(clients.ecs(), scan);
      this.ecr = new EcrCollector(clients.ecr(), scan);
      this.ec2 = new Ec2Collector(clients.ec2(), scan);
      this.iam = new IamCollector(clients.iam(), scan);
      this.secrets = new SecretsCollector(clients.secretsManager(), scan);
      this.simulator = new SimulationCollector(clients.iam(), scan);
      this.logs = new LogsCollector(clients.logs(), scan);
    }

    AccountSnapshot run() {
      boolean vpcMode = !options.vpcIds().isEmpty();
      CompletableFuture<String> account = sts.accountId();
      CompletableFuture<List<PullThroughCacheRule>> rules = ecr.pullThroughCacheRules();
      CompletableFuture<Optional<PolicyDocument>> registryPolicy = ecr.registryPolicy();
      CompletableFuture<List<SecretInfo>> credentials = rules.thenCompose(secrets::credentialsOf);
      CompletableFuture<List<EcsService>> listed = ecs.services(options.clusters(), options.services());
      listed.thenAccept(s -> scan.progress("ECS: " + s.size() + " services in "
          + s.stream().map(EcsService::clusterName).distinct().count() + " clusters"));
      CompletableFuture<Network> network;
      CompletableFuture<List<EcsService>> services;
      if (vpcMode) {
        network = ec2.networkOfVpcs(options.vpcIds());
        services = listed.thenCombine(network, this::inScannedVpcs);
      } else {
        network = listed.thenCompose(s -> ec2.networkOfSubnets(subnetIds(s)));
        services = listed;
      }
      network.thenAccept(n -> scan.progress("EC2: " + n.vpcs().size() + " VPCs, " + n.subnets().size()
          + " subnets, " + n.routeTables().size() + " route tables, " + n.vpcEndpoints().size() + " endpoints, "
          + n.securityGroups().size() + " security groups"));
      CompletableFuture<EcsCollector.Resolved> resolved = services.thenCompose(ecs::resolve);
      CompletableFuture<List<TaskDefinition>> taskDefinitions = resolved.thenApply(EcsCollector.Resolved::taskDefinitions);
      taskDefinitions.thenAccept(t -> scan.progress("ECS: " + t.size() + " task definitions"));
      CompletableFuture<List<IamRole>> roles = taskDefinitions.thenCompose(t -> iam.roles(executionRoles(t)));
      roles.thenAccept(r -> scan.progress("IAM: " + r.size() + " execution roles"));
      CompletableFuture<List<SecretInfo>> secretsInUse = account.thenCombine(taskDefinitions, (id, t) -> id)
          .thenCompose(id -> id == null
              ? CompletableFuture.completedFuture(List.<SecretInfo>of())
              : secrets.secretsInUse(taskDefinitions.join(), id, region));
      CompletableFuture<List<SecretInfo>> conventional = account.thenCombine(rules, (id, r) -> id)
          .thenCombine(taskDefinitions, (id, t) -> id == null
              ? CompletableFuture.completedFuture(List.<SecretInfo>of())
              : secrets.named(PullThroughCache.conventionalSecretNames(new EcrRegistry(id, region), rules.join(), t)))
          .thenCompose(f -> f);
      CompletableFuture<List<SecretInfo>> secretInfos = credentials.thenCombine(secretsInUse, Plan::bothSorted)
          .thenCombine(conventional, Plan::bothSorted);
      CompletableFuture<List<Repository>> repositories = account
          .thenCombine(rules, (id, r) -> id == null ? null : new EcrRegistry(id, region))
          .thenCombine(taskDefinitions, (registry, t) -> registry == null
              ? CompletableFuture.completedFuture(List.<Repository>of())
              : ecr.cacheRepositories(PullThroughCache.cachedImagesInUse(registry, rules.join(), t)))
          .thenCompose(f -> f);
      CompletableFuture<List<LogGroup>> logGroups = taskDefinitions.thenCompose(t -> logs.groupsToCreate(t, region));
      CompletableFuture<List<SimulationResult>> simulations = account
          .thenCombine(rules, (id, r) -> id)
          .thenCombine(secretInfos, (id, s) -> id)
          .thenCombine(repositories, (id, r) -> id)
          .thenCombine(logGroups, (id, g) -> id == null ? null
              : questionContext(id, rules.join(), secretInfos.join(), repositories.join(), g))
          .thenCombine(taskDefinitions, (context, t) -> context == null
              ? CompletableFuture.completedFuture(List.<SimulationResult>of())
              : simulator.simulate(context, t))
          .thenCompose(f -> f);
      simulations.thenAccept(s -> scan.progress("IAM simulator: " + s.size() + " answers"));

      join(CompletableFuture.allOf(
          account, rules, registryPolicy, secretInfos, services, network, resolved, taskDefinitions, roles,
          simulations, repositories, logGroups));
      scan.throwIfFatal();
      markDependentParts(vpcMode);
      throwIfNothingReadable();
      Network n = network.join();
      return new AccountSnapshot(
          AccountSnapshot.SCHEMA_VERSION,
          account.join(),
          region,
          Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
          n.vpcs(),
          n.subnets(),
          n.routeTables(),
          n.vpcEndpoints(),
          n.securityGroups(),
          resolved.join().services(),
          taskDefinitions.join(),
          rules.join(),
          registryPolicy.join().orElse(null),
          roles.join(),
          secretInfos.join(),
          simulations.join(),
          scan.unreadable(),
          n.managedPrefixLists(),
          repositories.join(),
          logGroups.join());
    }

    /** With --vpc, the services with a subnet in those VPCs (all of them if subnets could not be read). */
    private List<EcsService> inScannedVpcs(List<EcsService> all, Network network) {
      if (!scan.isReadable(SnapshotPart.SUBNETS)) {
        return all;
      }
      Set<String> subnets = network.subnets().stream().map(Subnet::subnetId).collect(Collectors.toSet());
      return all.stream().filter(s -> s.subnetIds().stream().anyMatch(subnets::contains)).toList();
    }

    /** What decides PP007's questions: the cache rules, and which secrets, repositories and groups exist. */
    private AccountSnapshot questionContext(String accountId, List<PullThroughCacheRule> rules,
        List<SecretInfo> secretInfos, List<Repository> repositories, List<LogGroup> logGroups) {
      return new AccountSnapshot(0, accountId, region, null, null, null, null, null, null, null, null, rules,
          null, null, secretInfos, null, null, null, repositories, logGroups);
    }

    /** Both lists as one, each secret once, by ARN. */
    private static List<SecretInfo> bothSorted(List<SecretInfo> first, List<SecretInfo> second) {
      java.util.Map<String, SecretInfo> byArn = new java.util.TreeMap<>();
      first.forEach(s -> byArn.putIfAbsent(s.arn(), s));
      second.forEach(s -> byArn.putIfAbsent(s.arn(), s));
      return List.copyOf(byArn.values());
    }

    private static List<String> subnetIds(List<EcsService> services) {
      return services.stream().flatMap(s -> s.subnetIds().stream()).distinct().sorted().toList();
    }

    private static List<String> executionRoles(List<TaskDefinition> taskDefinitions) {
      return taskDefinitions.stream()
          .map(TaskDefinition::executionRoleArn)
          .filter(Objects::nonNull)
          .distinct()
          .sorted()
          .toList();
    }

    /**
     * A part read from an unreadable one is unknown too: the route tables of services nobody could list
     * are not "none". Marked in dependency order, so the gap travels down the chain.
     */
    private void markDependentParts(boolean vpcMode) {
      derive(SnapshotPart.SERVICES, vpcMode
          ? List.of(SnapshotPart.TASK_DEFINITIONS)
          : List.of(SnapshotPart.TASK_DEFINITIONS, SnapshotPart.SUBNETS));
      if (!vpcMode) {
        derive(SnapshotPart.SUBNETS, List.of(SnapshotPart.VPCS, SnapshotPart.ROUTE_TABLES,
            SnapshotPart.VPC_ENDPOINTS, SnapshotPart.SECURITY_GROUPS));
      }
      // The lists are found through the security groups' rules.
      derive(SnapshotPart.SECURITY_GROUPS, List.of(SnapshotPart.MANAGED_PREFIX_LISTS));
      derive(SnapshotPart.TASK_DEFINITIONS, List.of(SnapshotPart.IAM_ROLES, SnapshotPart.SIMULATIONS,
          SnapshotPart.SECRETS, SnapshotPart.REPOSITORIES, SnapshotPart.LOG_GROUPS));
      derive(SnapshotPart.PULL_THROUGH_CACHE_RULES, List.of(SnapshotPart.SECRETS, SnapshotPart.REPOSITORIES));
    }

    private void derive(SnapshotPart from, List<SnapshotPart> dependents) {
      if (scan.isReadable(from)) {
        return;
      }
      UnreadablePart gap = scan.firstGap(from);
      for (SnapshotPart part : dependents) {
        if (scan.isReadable(part)) {
          scan.markUnreadable(new UnreadablePart(part, gap.action(),
              "not collected: needs " + from.fieldName() + " (" + gap.reason() + ")"));
        }
      }
    }

    private void throwIfNothingReadable() {
      if (Arrays.stream(SnapshotPart.values()).noneMatch(scan::isReadable)) {
        String refusals = scan.unreadable().stream()
            .filter(u -> u.reason() == null || !u.reason().startsWith("not collected"))
            .map(u -> u.action() + " " + u.reason())
            .distinct()
            .collect(Collectors.joining(", "));
        throw AwsAccessException.nothingReadable(region, refusals);
      }
    }

    private static void join(CompletableFuture<?> all) {
      try {
        all.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException cause) {
          throw cause;
        }
        throw e;
      }
    }
  }
}
