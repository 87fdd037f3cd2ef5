package dev.pullpath.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullpath.pull.ExecutionRolePermissions;
import dev.pullpath.pull.RequiredPermission;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulationGroupingTest {

  @Test
  void actionsAreBatchedPerResourceSetSoNoUnaskedPairIsSimulated() {
    LinkedHashSet<RequiredPermission> needed = new LinkedHashSet<>(List.of(
        new RequiredPermission("ecr:GetAuthorizationToken", "*", "*", ""),
        new RequiredPermission("ecr:BatchGetImage", "repo/a", "repo/a", ""),
        new RequiredPermission("ecr:BatchGetImage", "repo/b", "repo/b", ""),
        new RequiredPermission("ecr:GetDownloadUrlForLayer", "repo/a", "repo/a", ""),
        new RequiredPermission("ecr:GetDownloadUrlForLayer", "repo/b", "repo/b", ""),
        new RequiredPermission("ecr:BatchImportUpstreamImage", "repo/b", "repo/b", "")));

    Map<List<String>, List<String>> calls = ExecutionRolePermissions.groupByResources(needed, RequiredPermission::resource);

    assertThat(calls).containsExactly(
        Map.entry(List.of("*"), List.of("ecr:GetAuthorizationToken")),
        Map.entry(List.of("repo/a", "repo/b"), List.of("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer")),
        Map.entry(List.of("repo/b"), List.of("ecr:BatchImportUpstreamImage")));
  }

  @Test
  void roleNamesDropThePath() {
    assertThat(IamCollector.roleName("arn:aws:iam::111122223333:role/service-role/api-exec")).isEqualTo("api-exec");
    assertThat(IamCollector.roleName("ecsTaskExecutionRole")).isEqualTo("ecsTaskExecutionRole");
  }
}
