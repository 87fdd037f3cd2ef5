package dev.pullpath.pull;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullpath.pull.ImageReference.EcrRegistry;
import dev.pullpath.snapshot.ContainerDefinition;
import dev.pullpath.snapshot.PullThroughCacheRule;
import dev.pullpath.snapshot.TaskDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class PullThroughCacheTest {
  private static final EcrRegistry REGISTRY = new EcrRegistry("111122223333", "ap-northeast-1");
  private static final String SECRETS = "arn:aws:secretsmanager:ap-northeast-1:111122223333:secret:";

  private static TaskDefinition running(String... images) {
    List<ContainerDefinition> containers = java.util.Arrays.stream(images)
        .map(i -> new ContainerDefinition("c" + i.length(), i, null, null, null, null, null, null)).toList();
    return new TaskDefinition("arn:aws:ecs:ap-northeast-1:111122223333:task-definition/app:1", "app", 1, null, containers);
  }

  @Test
  void theConventionalSecretIsReadWhereNoCredentialArnNamesIt() {
    List<PullThroughCacheRule> rules = List.of(
        // names another secret: the conventional one may exist and be the fix
        new PullThroughCacheRule("docker-hub", "docker-hub", "registry-1.docker.io", SECRETS + "ecr-pullthroughcache/dockerhub-Qw34Er", null),
        // names the conventional one already: reading it by ARN is enough
        new PullThroughCacheRule("gitlab", "gitlab-container-registry", "registry.gitlab.com", SECRETS + "ecr-pullthroughcache/gitlab-Ab12Cd", null),
        // needs no credentials
        new PullThroughCacheRule("quay", "quay", "quay.io", null, null));
    TaskDefinition td = running(
        "111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/github/org/app:1", // a credentialed prefix without a rule
        "111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/k8s/pause:3", // a prefix without credentials
        "111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/team/app:1", // not a cache prefix
        "444455556666.dkr.ecr.ap-northeast-1.amazonaws.com/github/org/app:1"); // another registry

    assertThat(PullThroughCache.conventionalSecretNames(REGISTRY, rules, List.of(td)))
        .containsExactly("ecr-pullthroughcache/docker-hub", "ecr-pullthroughcache/github");
  }
}
