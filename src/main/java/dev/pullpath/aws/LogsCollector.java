package dev.pullpath.aws;

import dev.pullpath.snapshot.ContainerDefinition;
import dev.pullpath.snapshot.LogGroup;
import dev.pullpath.snapshot.SnapshotPart;
import dev.pullpath.snapshot.TaskDefinition;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * Whether the log groups that containers ask the awslogs driver to create ({@code awslogs-create-group}
 * {@code true}) exist already: only then does the execution role need no {@code logs:CreateLogGroup}.
 */
final class LogsCollector {
  private final CloudWatchLogsClient logs;
  private final ScanContext scan;

  LogsCollector(CloudWatchLogsClient logs, ScanContext scan) {
    this.logs = logs;
    this.scan = scan;
  }

  /** One DescribeLogGroups per such group in {@code region}; groups in other regions are not read. */
  CompletableFuture<List<LogGroup>> groupsToCreate(List<TaskDefinition> taskDefinitions, String region) {
    List<String> names = taskDefinitions.stream()
        .flatMap(td -> td.containers().stream())
        .filter(ContainerDefinition::usesAwsLogs)
        .filter(c -> "true".equalsIgnoreCase(c.logOptions().get("awslogs-create-group")))
        .filter(c -> region.equals(c.logOptions().getOrDefault("awslogs-region", region)))
        .map(c -> c.logOptions().get("awslogs-group"))
        .filter(java.util.Objects::nonNull)
        .distinct()
        .sorted()
        .toList();
    return ScanContext.flatten(names.stream().map(this::describe).toList());
  }

  private CompletableFuture<List<LogGroup>> describe(String name) {
    return scan.call(
        SnapshotPart.LOG_GROUPS,
        "logs:DescribeLogGroups",
        // Groups come back in name order, so the group itself is the first one its name prefixes.
        () -> logs.describeLogGroups(b -> b.logGroupNamePrefix(name).limit(1)).logGroups().stream()
            .filter(g -> name.equals(g.logGroupName()))
            .map(g -> new LogGroup(g.logGroupName()))
            .toList(),
        List.of());
  }
}
