package dev.pullpath.aws;

import dev.pullpath.snapshot.ContainerDefinition;
import dev.pullpath.snapshot.EcsService;
import dev.pullpath.snapshot.SnapshotPart;
import dev.pullpath.snapshot.TaskDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.Service;

/** ECS clusters, services and the task definitions they run. */
final class EcsCollector {
  /** DescribeServices refuses more: "service names can have at most 10 items". */
  static final int DESCRIBE_SERVICES_BATCH = 10;

  private final EcsClient ecs;
  private final ScanContext scan;

  EcsCollector(EcsClient ecs, ScanContext scan) {
    this.ecs = ecs;
    this.scan = scan;
  }

  /**
   * The active services of {@code clusters} (all clusters when empty), restricted to {@code names} when
   * given. Named services are described directly, which saves the ListServices pages.
   */
  CompletableFuture<List<EcsService>> services(List<String> clusters, List<String> names) {
    CompletableFuture<List<String>> clusterIds = clusters.isEmpty()
        ? scan.call(SnapshotPart.SERVICES, "ecs:ListClusters",
            () -> ecs.listClustersPaginator(b -> b.maxResults(100)).clusterArns().stream().toList(), List.of())
        : CompletableFuture.completedFuture(clusters);
    return clusterIds
        .thenCompose(ids -> ScanContext.flatten(ids.stream().map(id -> servicesOf(id, names)).toList()))
        .thenApply(all -> all.stream()
            .sorted(Comparator.comparing(EcsService::clusterName).thenComparing(EcsService::serviceName))
            .toList());
  }

  private CompletableFuture<List<EcsService>> servicesOf(String cluster, List<String> names) {
    CompletableFuture<List<String>> serviceIds = names.isEmpty()
        ? scan.call(SnapshotPart.SERVICES, "ecs:ListServices",
            () -> ecs.listServicesPaginator(b -> b.cluster(cluster).maxResults(100)).serviceArns().stream().toList(),
            List.of())
        : CompletableFuture.completedFuture(names);
    return serviceIds.thenCompose(ids -> ScanContext.flatten(
        ScanContext.chunks(ids, DESCRIBE_SERVICES_BATCH).stream().map(batch -> describe(cluster, batch)).toList()));
  }

  private CompletableFuture<List<EcsService>> describe(String cluster, List<String> batch) {
    return scan.call(
        SnapshotPart.SERVICES,
        "ecs:DescribeServices",
        // Services named with --service but absent from this cluster come back as failures: not an error.
        () -> ecs.describeServices(b -> b.cluster(cluster).services(batch)).services().stream()
            .filter(s -> !"INACTIVE".equals(s.status()))
            .filter(s -> s.taskDefinition() != null)
            .map(EcsCollector::toService)
            .toList(),
        List.of());
  }

  private static EcsService toService(Service s) {
    AwsVpcConfiguration vpc = s.networkConfiguration() == null ? null : s.networkConfiguration().awsvpcConfiguration();
    return new EcsService(
        clusterName(s.clusterArn()),
        s.clusterArn(),
        s.serviceName(),
        s.serviceArn(),
        s.launchTypeAsString(),
        s.platformVersion(),
        vpc == null ? List.of() : vpc.subnets(),
        vpc == null ? List.of() : vpc.securityGroups(),
        vpc != null && vpc.assignPublicIp() == AssignPublicIp.ENABLED,
        s.taskDefinition());
  }

  /** {@code web} from {@code arn:aws:ecs:eu-west-1:111122223333:cluster/web}. */
  static String clusterName(String clusterArn) {
    return clusterArn.substring(clusterArn.lastIndexOf('/') + 1);
  }

  /**
   * The services with the task definitions they run.
   *
   * @param services each pointing at its task definition's full ARN when ECS could resolve its reference
   * @param taskDefinitions each distinct task definition once, by ARN
   */
  record Resolved(List<EcsService> services, List<TaskDefinition> taskDefinitions) {}

  /** One reference as a service wrote it and the task definition ECS resolved it to. */
  private record Described(String reference, TaskDefinition definition) {}

  /**
   * Describes each distinct task-definition reference once, however many services use it. A service may
   * hold a bare family or {@code family:revision} (an emulator, or an API that stored what
   * {@code update-service --task-definition app} was given): ECS resolves such a reference itself (a bare
   * family to its latest ACTIVE revision), so it is described as written, and the service then points at
   * the ARN it resolved to.
   */
  CompletableFuture<Resolved> resolve(List<EcsService> services) {
    List<CompletableFuture<List<Described>>> fetches = services.stream()
        .map(EcsService::taskDefinitionArn)
        .distinct()
        .map(this::taskDefinition)
        .toList();
    return ScanContext.flatten(fetches).thenApply(all -> {
      Map<String, String> arnOf = new LinkedHashMap<>();
      Map<String, TaskDefinition> byArn = new java.util.TreeMap<>();
      for (Described d : all) {
        arnOf.put(d.reference(), d.definition().taskDefinitionArn());
        byArn.putIfAbsent(d.definition().taskDefinitionArn(), d.definition());
      }
      List<EcsService> pointed = services.stream()
          .map(s -> arnOf.containsKey(s.taskDefinitionArn()) ? s.withTaskDefinitionArn(arnOf.get(s.taskDefinitionArn())) : s)
          .toList();
      return new Resolved(pointed, List.copyOf(byArn.values()));
    });
  }

  private CompletableFuture<List<Described>> taskDefinition(String reference) {
    return scan.call(
        SnapshotPart.TASK_DEFINITIONS,
        "ecs:DescribeTaskDefinition",
        () -> {
          var td = ecs.describeTaskDefinition(b -> b.taskDefinition(reference)).taskDefinition();
          List<ContainerDefinition> containers = td.containerDefinitions().stream()
              .map(EcsCollector::toContainer)
              .toList();
          return List.of(new Described(reference, new TaskDefinition(
              td.taskDefinitionArn(), td.family(), td.revision() == null ? 0 : td.revision(),
              td.executionRoleArn(), containers)));
        },
        List.of());
  }

  static ContainerDefinition toContainer(software.amazon.awssdk.services.ecs.model.ContainerDefinition c) {
    List<ContainerDefinition.PortMapping> ports = c.portMappings().stream()
        .filter(p -> p.containerPort() != null)
        .map(p -> new ContainerDefinition.PortMapping(p.containerPort(), p.protocolAsString()))
        .toList();
    LogConfiguration log = c.logConfiguration();
    Map<String, String> logOptions = log == null ? Map.of() : new LinkedHashMap<>(log.options());
    List<String> secrets = new ArrayList<>();
    c.secrets().stream().map(Secret::valueFrom).filter(Objects::nonNull).forEach(secrets::add);
    List<String> logSecrets = log == null ? List.of()
        : log.secretOptions().stream().map(Secret::valueFrom).filter(Objects::nonNull).toList();
    String registryCredentials = c.repositoryCredentials() == null ? null
        : c.repositoryCredentials().credentialsParameter();
    return new ContainerDefinition(c.name(), c.image(), ports, log == null ? null : log.logDriverAsString(),
        logOptions, secrets, logSecrets, registryCredentials);
  }
}
