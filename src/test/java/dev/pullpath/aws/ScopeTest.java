package dev.pullpath.aws;

import static dev.pullpath.aws.AwsStub.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pullpath.aws.AwsStub.Api;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.EcsService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** --cluster, --service, --vpc and --role-arn, and a region without ECS services. */
class ScopeTest {
  private AwsStub stub;
  private final CallRecorder recorder = new CallRecorder();

  @BeforeEach
  void start() {
    stub = new AwsStub();
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  private CollectionResult scan(List<String> clusters, List<String> services, List<String> vpcs, String roleArn) {
    LiveScanOptions options = new LiveScanOptions(FixtureAccount.REGION, null, stub.endpoint(), roleArn, clusters,
        services, vpcs, 3, 4);
    return LiveScanTestSupport.collector().collect(options, ProgressListener.silent(), recorder);
  }

  private List<String> actions() {
    return recorder.calls().stream().map(ApiCall::action).toList();
  }

  @Test
  void aRegionWithoutEcsServicesReadsOnlyTheRegistry() {
    stub.answerFile(Api.STS, "GetCallerIdentity", "account/sts/GetCallerIdentity.xml");
    stub.answer(Api.ECS, "ListClusters", 200, "{\"clusterArns\":[]}");
    stub.answer(Api.ECR, "DescribePullThroughCacheRules", 200, "{\"pullThroughCacheRules\":[]}");
    stub.answer(Api.ECR, "GetRegistryPolicy", 400, AwsStub.error(Api.ECR, "RegistryPolicyNotFoundException"));

    CollectionResult result = scan(List.of(), List.of(), List.of(), null);

    AccountSnapshot snapshot = result.snapshot();
    assertThat(snapshot.services()).isEmpty();
    assertThat(snapshot.vpcs()).isEmpty();
    assertThat(snapshot.unreadable()).isEmpty();
    assertThat(actions()).containsExactlyInAnyOrder("sts:GetCallerIdentity", "ecs:ListClusters",
        "ecr:DescribePullThroughCacheRules", "ecr:GetRegistryPolicy");
    assertThat(result.summary()).startsWith("Collected account 111122223333 in eu-west-1: 0 services")
        .contains("4 API calls");
  }

  @Test
  void namedClustersAndServicesAreDescribedWithoutListing() {
    FixtureAccount.register(stub);

    scan(List.of("web"), List.of("frontend"), List.of(), null);

    assertThat(actions()).doesNotContain("ecs:ListClusters", "ecs:ListServices");
    assertThat(recorder.calls()).filteredOn(c -> c.action().equals("ecs:DescribeServices"))
        .singleElement().extracting(ApiCall::request).asString().contains("Cluster=web", "Services=[frontend]");
  }

  @Test
  void withVpcsOnlyTheirServicesAreScannedAndEveryReadIsFilteredByVpc() {
    FixtureAccount.register(stub);
    stub.answer(Api.EC2, "DescribeSubnets", 200,
        AwsStub.read("account/ec2/DescribeSubnets-1.xml").replace("<nextToken>subnets-page-2</nextToken>", ""),
        form("Filter.1.Name", "vpc-id"));

    AccountSnapshot snapshot = scan(List.of(), List.of(), List.of("vpc-0a1b2c3d4e5f60001"), null).snapshot();

    assertThat(snapshot.services()).extracting(EcsService::workloadName).containsExactly("web/api", "web/frontend");
    assertThat(recorder.calls()).filteredOn(c -> c.action().startsWith("ec2:Describe")
            && !c.action().equals("ec2:DescribeVpcAttribute")
            // Filtered by the ids the VPC's security groups name, so scoped by VPC too.
            && !c.action().equals("ec2:DescribeManagedPrefixLists"))
        .allSatisfy(c -> assertThat(c.request()).contains("Name=vpc-id", "Values=[vpc-0a1b2c3d4e5f60001]"));
  }

  @Test
  void aRoleIsAssumedFirstAndItsCredentialsSignEveryCall() {
    FixtureAccount.register(stub);
    stub.answerAssumeRole("arn:aws:iam::111122223333:role/scanner", "ASIAASSUMEDEXAMPLE01");

    CollectionResult result = scan(List.of(), List.of(), List.of(), "arn:aws:iam::111122223333:role/scanner");

    assertThat(result.snapshot().services()).hasSize(3);
    assertThat(actions()).filteredOn(a -> a.equals("sts:AssumeRole")).hasSize(1);
    List<String> keys = new ArrayList<>();
    stub.server().getAllServeEvents().forEach(e -> {
      String body = e.getRequest().getBodyAsString();
      if (!body.contains("Action=AssumeRole")) {
        keys.add(e.getRequest().getHeader("Authorization"));
      }
    });
    assertThat(keys).hasSize(FixtureAccount.MINIMUM_CALLS)
        .allSatisfy(auth -> assertThat(auth).contains("Credential=ASIAASSUMEDEXAMPLE01/"));
  }

  @Test
  void progressIsReportedAsPartsComplete() {
    FixtureAccount.register(stub);
    List<String> messages = new CopyOnWriteArrayList<>();
    LiveScanOptions options = LiveScanTestSupport.options(stub);

    LiveScanTestSupport.collector().collect(options, messages::add);

    assertThat(messages).contains("ECS: 3 services in 2 clusters", "ECS: 2 task definitions",
        "EC2: 2 VPCs, 3 subnets, 4 route tables, 5 endpoints, 3 security groups", "IAM: 2 execution roles",
        "IAM simulator: 16 answers");
  }
}
