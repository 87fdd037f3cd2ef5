package dev.pullpath.pull;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullpath.pull.ImageReference.EcrRegistry;
import dev.pullpath.snapshot.PullThroughCacheRule;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ImageReferenceTest {
  private static final EcrRegistry OWN = new EcrRegistry("111122223333", "ap-northeast-1");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      httpd                                      | docker.io       | library/httpd          | -      | -
      httpd:latest                               | docker.io       | library/httpd          | latest | -
      bitnami/nginx:1.27                         | docker.io       | bitnami/nginx          | 1.27   | -
      docker.io/library/httpd:2.4                | docker.io       | library/httpd          | 2.4    | -
      public.ecr.aws/docker/library/httpd:latest | public.ecr.aws  | docker/library/httpd   | latest | -
      ghcr.io/acme/app@sha256:abc                | ghcr.io         | acme/app               | -      | sha256:abc
      localhost:5000/app:1                       | localhost:5000  | app                    | 1      | -
      quay.io/prometheus/node-exporter:v1@sha256:d | quay.io       | prometheus/node-exporter | v1   | sha256:d
      """)
  void splitsReferencesAsDockerDoes(String image, String host, String repository, String tag, String digest) {
    ImageReference ref = ImageReference.parse(image);
    assertThat(ref.host()).isEqualTo(host);
    assertThat(ref.repository()).isEqualTo(repository);
    assertThat(ref.tag()).isEqualTo(tag);
    assertThat(ref.digest()).isEqualTo(digest);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Httpd:latest                                           | httpd:latest
      docker.io/Bitnami/Redis:7.2-Debian                     | docker.io/bitnami/redis:7.2-Debian
      111122223333.dkr.ecr.eu-west-1.amazonaws.com/Team/App:V1@sha256:ABC | 111122223333.dkr.ecr.eu-west-1.amazonaws.com/team/app:V1@sha256:ABC
      localhost:5000/MyApp                                   | localhost:5000/myapp
      """)
  void lowercasesOnlyTheRepositoryPath(String image, String lowercased) {
    ImageReference ref = ImageReference.parse(image);
    assertThat(ref.hasUppercaseRepository()).isTrue();
    assertThat(ref.withLowercaseRepository()).isEqualTo(lowercased);
    assertThat(ImageReference.parse(lowercased).hasUppercaseRepository()).isFalse();
  }

  @Test
  void uppercaseInTheTagIsNoUppercaseRepository() {
    assertThat(ImageReference.parse("ghcr.io/acme/app:V1.2-RC").hasUppercaseRepository()).isFalse();
  }

  @Test
  void recognisesPrivateEcrRegistries() {
    assertThat(ImageReference.parse("111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/docker-hub/library/httpd:1")
        .ecrRegistry()).contains(OWN);
    assertThat(ImageReference.parse("public.ecr.aws/docker/library/httpd").ecrRegistry()).isEmpty();
  }

  @Test
  void recognisesTheDualStackNameOfAPrivateRegistry() {
    ImageReference dualStack = ImageReference.parse("111122223333.dkr-ecr.ap-northeast-1.on.aws/team/app:1");
    assertThat(dualStack.ecrRegistry()).contains(OWN);
    assertThat(dualStack.isDualStackEcr()).isTrue();
    assertThat(ImageReference.parse("111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/team/app:1").isDualStackEcr())
        .isFalse();
  }

  @Test
  void mapsHostsToUpstreams() {
    assertThat(ImageReference.parse("httpd").upstream()).contains(Upstream.DOCKER_HUB);
    assertThat(ImageReference.parse("myreg.azurecr.io/team/app:1").upstream()).contains(Upstream.AZURE);
    assertThat(ImageReference.parse("registry.k8s.io/pause:3.9").upstream()).contains(Upstream.K8S);
    assertThat(ImageReference.parse("mcr.microsoft.com/dotnet/aspnet:8.0").upstream()).isEmpty();
  }

  @Test
  void cachedUriKeepsTagAndDigest() {
    ImageReference ref = ImageReference.parse("httpd:2.4@sha256:abc");
    assertThat(PullThroughCache.cachedUri(OWN, "docker-hub", ref))
        .isEqualTo("111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/docker-hub/library/httpd:2.4@sha256:abc");
    assertThat(PullThroughCache.cachedUri(OWN, "ROOT", ref))
        .isEqualTo("111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/library/httpd:2.4@sha256:abc");
  }

  @Test
  void repositoryMatchesTheLongestPrefixThenRoot() {
    List<PullThroughCacheRule> rules = List.of(
        new PullThroughCacheRule("ROOT", "quay", "quay.io", null, null),
        new PullThroughCacheRule("hub", "docker-hub", "registry-1.docker.io", null, null),
        new PullThroughCacheRule("hub/team", "github-container-registry", "ghcr.io", null, null));
    assertThat(PullThroughCache.ruleForRepository(rules, "hub/team/app").orElseThrow().ecrRepositoryPrefix())
        .isEqualTo("hub/team");
    assertThat(PullThroughCache.ruleForRepository(rules, "hub/library/httpd").orElseThrow().ecrRepositoryPrefix())
        .isEqualTo("hub");
    assertThat(PullThroughCache.ruleForRepository(rules, "hubble/x").orElseThrow().ecrRepositoryPrefix())
        .isEqualTo("ROOT");
    assertThat(PullThroughCache.ruleForRepository(rules.subList(1, 3), "other/x")).isEmpty();
  }
}
