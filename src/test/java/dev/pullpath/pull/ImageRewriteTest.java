package dev.pullpath.pull;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullpath.pull.ImageReference.EcrRegistry;
import dev.pullpath.snapshot.PullThroughCacheRule;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The URI --fix writes is the one PP008 and PP009 ask for: the same pieces, composed. */
class ImageRewriteTest {
  private static final EcrRegistry OWN = new EcrRegistry("111122223333", "ap-northeast-1");
  private static final String HOST = "111122223333.dkr.ecr.ap-northeast-1.amazonaws.com";
  private static final List<PullThroughCacheRule> RULES = List.of(
      new PullThroughCacheRule("hub", "docker-hub", "registry-1.docker.io", null, null),
      new PullThroughCacheRule("quay", "quay", "quay.io", null, null));

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      nginx:1.27                                                      | @/hub/library/nginx:1.27
      bitnami/redis:7                                                 | @/hub/bitnami/redis:7
      public.ecr.aws/docker/library/httpd:2.4                         | @/hub/library/httpd:2.4
      public.ecr.aws/nginx/nginx:1                                    | @/ecr-public/nginx/nginx:1
      quay.io/prometheus/node-exporter:v1                             | @/quay/prometheus/node-exporter:v1
      docker.io/Bitnami/Redis:7                                       | @/hub/bitnami/redis:7
      @/hub/nginx:1.27                                                | @/hub/library/nginx:1.27
      @/hub/library/bitnami/redis:7                                   | @/hub/bitnami/redis:7
      @/hub/library/nginx:1.27                                        | -
      @/quay/prometheus/node-exporter:v1                              | -
      @/team/app:1                                                    | -
      111122223333.dkr-ecr.ap-northeast-1.on.aws/hub/nginx:1          | @/hub/library/nginx:1
      111122223333.dkr-ecr.ap-northeast-1.on.aws/team/app:1           | @/team/app:1
      111122223333.dkr.ecr.eu-west-1.amazonaws.com/team/app:1         | -
      mcr.microsoft.com/dotnet/aspnet:8.0                             | -
      """)
  void rewritesAsTheRulesAsk(String image, String expected) {
    assertThat(ImageRewrite.of(OWN, RULES, image.replace("@", HOST)))
        .isEqualTo(java.util.Optional.ofNullable(expected).map(e -> e.replace("@", HOST)));
  }
}
