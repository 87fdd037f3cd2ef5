package dev.pullpath.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullpath.check.ResourceRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConsoleUrlsTest {
  private static final String EC2 = "arn:aws:ec2:eu-west-1:123456789012:";

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "AWS::EC2::VPC | vpc-0abc | " + EC2 + "vpc/vpc-0abc"
          + " | https://eu-west-1.console.aws.amazon.com/vpcconsole/home?region=eu-west-1#VpcDetails:VpcId=vpc-0abc",
      "AWS::EC2::Subnet | subnet-1 | " + EC2 + "subnet/subnet-1"
          + " | https://eu-west-1.console.aws.amazon.com/vpcconsole/home?region=eu-west-1"
          + "#SubnetDetails:subnetId=subnet-1",
      "AWS::EC2::RouteTable | rtb-1 | " + EC2 + "route-table/rtb-1"
          + " | https://eu-west-1.console.aws.amazon.com/vpcconsole/home?region=eu-west-1"
          + "#RouteTableDetails:RouteTableId=rtb-1",
      "AWS::EC2::VPCEndpoint | vpce-1 | " + EC2 + "vpc-endpoint/vpce-1"
          + " | https://eu-west-1.console.aws.amazon.com/vpcconsole/home?region=eu-west-1"
          + "#EndpointDetails:vpcEndpointId=vpce-1",
      "AWS::EC2::SecurityGroup | sg-1 | " + EC2 + "security-group/sg-1"
          + " | https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#SecurityGroup:groupId=sg-1",
      "AWS::ECS::Service | shop/api | arn:aws:ecs:eu-west-1:123456789012:service/shop/api"
          + " | https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/shop/services/api/health?region=eu-west-1",
      "AWS::ECS::TaskDefinition | api:7 | arn:aws:ecs:eu-west-1:123456789012:task-definition/api:7"
          + " | https://eu-west-1.console.aws.amazon.com/ecs/v2/task-definitions/api/7/containers?region=eu-west-1",
      "AWS::IAM::Role | api-exec | arn:aws:iam::123456789012:role/svc/api-exec"
          + " | https://console.aws.amazon.com/iam/home#/roles/details/api-exec",
      "AWS::ECR::PullThroughCacheRule | docker-hub | arn:aws:ecr:eu-west-1:123456789012:repository/docker-hub/*"
          + " | https://eu-west-1.console.aws.amazon.com/ecr/private-registry/pull-through-cache?region=eu-west-1",
      "AWS::ECR::Repository | docker-hub/library/nginx"
          + " | arn:aws:ecr:eu-west-1:123456789012:repository/docker-hub/library/nginx"
          + " | https://eu-west-1.console.aws.amazon.com/ecr/repositories/private/123456789012/docker-hub/library/nginx"
          + "?region=eu-west-1",
      "AWS::SecretsManager::Secret | dockerhub-creds-AbC123"
          + " | arn:aws:secretsmanager:eu-west-1:123456789012:secret:dockerhub-creds-AbC123"
          + " | https://eu-west-1.console.aws.amazon.com/secretsmanager/secret?name=dockerhub-creds&region=eu-west-1",
  })
  void linksKnownTypes(String type, String id, String arn, String url) {
    assertThat(ConsoleUrls.of(new ResourceRef(type, id, arn), "eu-west-1")).contains(url);
  }

  @Test
  void noLinkForTypesWithoutAPage() {
    ResourceRef account = new ResourceRef("AWS::::Account", "123456789012", "arn:aws:iam::123456789012:root");

    assertThat(ConsoleUrls.of(account, "eu-west-1")).isEmpty();
  }

  @Test
  void aRegionThatIsNotARegionCannotChooseTheHost() {
    ResourceRef vpc = Fixtures.vpc("vpc-0abc");

    assertThat(ConsoleUrls.of(vpc, "evil.example/#")).isEmpty();
    assertThat(ConsoleUrls.of(vpc, null)).isEmpty();
  }

  @Test
  void otherPartitionsAreNotLinked() {
    ResourceRef vpc = new ResourceRef("AWS::EC2::VPC", "vpc-1", "arn:aws-cn:ec2:cn-north-1:123456789012:vpc/vpc-1");

    assertThat(ConsoleUrls.of(vpc, "cn-north-1")).isEmpty();
  }

  @Test
  void idsCannotAddQueryOrFragmentParts() {
    ResourceRef vpc = Fixtures.vpc("vpc-1&region=x#y/z");

    assertThat(ConsoleUrls.of(vpc, "eu-west-1"))
        .contains("https://eu-west-1.console.aws.amazon.com/vpcconsole/home?region=eu-west-1"
            + "#VpcDetails:VpcId=vpc-1%26region%3Dx%23y%2Fz");
  }
}
