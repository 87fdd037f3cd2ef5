package dev.pullpath.planned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.EcsService;
import dev.pullpath.snapshot.SnapshotJson;
import dev.pullpath.snapshot.SnapshotPart;
import dev.pullpath.snapshot.TaskDefinition;
import dev.pullpath.snapshot.UnreadablePart;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannedOverlayTest {
  private static final PlannedTaskDefinition HTTPD =
      TaskDefinitionFiles.read(Path.of("examples/taskdef-public-image.json"), "taskdef.json");

  @Test
  void replacesTheFamilysLatestRevisionUnderItsServices() {
    AccountSnapshot seed = SnapshotJson.read(Path.of("examples/seed-compliant.json"));

    PlannedOverlay overlay = PlannedOverlay.of(seed, List.of(HTTPD));

    AccountSnapshot planned = overlay.snapshot();
    assertThat(planned.taskDefinitions()).extracting(TaskDefinition::displayName).containsExactly("httpd:2");
    EcsService service = planned.services().get(0);
    assertThat(service.taskDefinitionArn()).isEqualTo("arn:aws:ecs:ap-northeast-1:111122223333:task-definition/httpd:2");
    assertThat(planned.taskDefinitionOf(service).orElseThrow().containers().get(0).image())
        .isEqualTo("public.ecr.aws/nginx/nginx:1.27");
    assertThat(overlay.planned()).containsOnlyKeys("seed-cluster/httpd-service");
    assertThat(planned.vpcs()).isEqualTo(seed.vpcs());
    assertThat(planned.unreadable()).isEmpty();
    assertThat(overlay.notes()).isEmpty();
  }

  @Test
  void keepsEveryPartOfTheAccountItDoesNotPlan() {
    AccountSnapshot s = SnapshotJson.read(Path.of("examples/seed-compliant.json"));
    AccountSnapshot account = new AccountSnapshot(s.schemaVersion(), s.accountId(), s.region(), s.collectedAt(),
        s.vpcs(), s.subnets(), s.routeTables(), s.vpcEndpoints(), s.securityGroups(), s.services(),
        s.taskDefinitions(), s.pullThroughCacheRules(), s.registryPolicy(), s.iamRoles(), s.secrets(), s.simulations(),
        s.unreadable(), List.of(new dev.pullpath.snapshot.ManagedPrefixList("pl-61a54008", "com.amazonaws.ap-northeast-1.s3",
            List.of("52.219.0.0/16"))), List.of(new dev.pullpath.snapshot.Repository("docker-hub/library/nginx",
            List.of("1.27"))), List.of(new dev.pullpath.snapshot.LogGroup("/ecs/httpd")));

    AccountSnapshot planned = PlannedOverlay.of(account, List.of(HTTPD)).snapshot();

    // Dropping them would make a cached image look uncached and a created log group look missing.
    assertThat(planned.managedPrefixLists()).isEqualTo(account.managedPrefixLists());
    assertThat(planned.repositories()).isEqualTo(account.repositories());
    assertThat(planned.logGroups()).isEqualTo(account.logGroups());
  }

  @Test
  void aFamilyNoServiceRunsBecomesAPlannedWorkload() {
    AccountSnapshot seed = SnapshotJson.read(Path.of("examples/seed-compliant.json"));
    PlannedTaskDefinition other = TaskDefinitionFiles.parse(
        "{\"family\": \"batch\", \"containerDefinitions\": [{\"name\": \"b\", \"image\": \"busybox\"}]}", "b.json");

    PlannedOverlay overlay = PlannedOverlay.of(seed, List.of(other));

    assertThat(overlay.snapshot().services()).extracting(EcsService::workloadName)
        .containsExactly("seed-cluster/httpd-service", "planned/batch");
    assertThat(overlay.snapshot().taskDefinitions()).extracting(TaskDefinition::displayName)
        .containsExactlyInAnyOrder("httpd:1", "batch:1");
    assertThat(overlay.notes()).containsExactly("b.json: no service runs family batch yet; it is checked as "
        + "planned/batch, without subnets or security groups");
  }

  @Test
  void withoutAnAccountEverythingButTheFilesIsNotGiven() {
    PlannedOverlay overlay = PlannedOverlay.of(null, List.of(HTTPD));

    AccountSnapshot planned = overlay.snapshot();
    assertThat(planned.accountId()).isEqualTo("111122223333");
    assertThat(planned.region()).isEqualTo("ap-northeast-1");
    assertThat(planned.services()).extracting(EcsService::workloadName).containsExactly("planned/httpd");
    assertThat(planned.unreadable()).allMatch(UnreadablePart::isNotGiven)
        .extracting(UnreadablePart::part)
        .doesNotContain(SnapshotPart.SERVICES, SnapshotPart.TASK_DEFINITIONS)
        .contains(SnapshotPart.SUBNETS, SnapshotPart.IAM_ROLES, SnapshotPart.PULL_THROUGH_CACHE_RULES);
  }

  @Test
  void withoutAnAccountTheFileMustNameIt() {
    PlannedTaskDefinition anonymous = TaskDefinitionFiles.parse(
        "{\"family\": \"f\", \"containerDefinitions\": [{\"name\": \"c\", \"image\": \"busybox\"}]}", "f.json");

    assertThatThrownBy(() -> PlannedOverlay.of(null, List.of(anonymous)))
        .isInstanceOf(PlannedInputException.class)
        .hasMessageContaining("f.json: no ARN in the file names the account")
        .hasMessageContaining("--snapshot FILE or --region REGION");
  }

  @Test
  void oneFamilyIsPlannedOnce() {
    assertThatThrownBy(() -> PlannedOverlay.of(null, List.of(HTTPD, HTTPD)))
        .hasMessageContaining("family httpd is planned twice");
  }
}
