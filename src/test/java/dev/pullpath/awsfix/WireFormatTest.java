package dev.pullpath.awsfix;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.pullpath.fix.AccountWriter;
import dev.pullpath.fix.PermissionCheck;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The write calls as they go over the wire, in each service's own protocol: EC2 and IAM query (form
 * fields such as {@code RouteTableId.N}, {@code PolicyDocument}, {@code PrivateDnsEnabled}), ECR and ECS
 * JSON 1.1 ({@code credentialArn}). The stub answers just enough for the SDK to parse.
 */
class WireFormatTest {
  private static final String EC2_NS = " xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"";
  private WireMockServer server;
  private AccountWriter writer;
  private AccountWriter withIdentity;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    ec2("CreateVpcEndpoint", "<vpcEndpoint><vpcEndpointId>vpce-0new</vpcEndpointId><state>pending</state></vpcEndpoint>");
    ec2("DescribeVpcEndpoints", "<vpcEndpointSet><item><vpcEndpointId>vpce-0new</vpcEndpointId><state>available</state>"
        + "</item></vpcEndpointSet>");
    ec2("ModifyVpcEndpoint", "<return>true</return>");
    ec2("ModifyVpcAttribute", "<return>true</return>");
    ec2("AuthorizeSecurityGroupIngress", "<return>true</return>");
    ec2("AuthorizeSecurityGroupEgress", "<return>true</return>");
    server.stubFor(any(anyUrl()).withRequestBody(containing("Action=PutRolePolicy")).willReturn(aResponse()
        .withHeader("Content-Type", "text/xml").withBody("<PutRolePolicyResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
            + "<ResponseMetadata><RequestId>iam-1</RequestId></ResponseMetadata></PutRolePolicyResponse>")));
    iam("UpdateAssumeRolePolicy", "");
    iam("GetRole", "<GetRoleResult><Role><RoleName>apiTaskExecutionRole</RoleName><Path>/</Path><RoleId>AROAEXAMPLE</RoleId>"
        + "<Arn>arn:aws:iam::111122223333:role/apiTaskExecutionRole</Arn><CreateDate>2024-01-01T00:00:00Z</CreateDate></Role>"
        + "</GetRoleResult>");
    iam("SimulatePrincipalPolicy", "<SimulatePrincipalPolicyResult><IsTruncated>false</IsTruncated><EvaluationResults><member>"
        + "<EvalActionName>ecr:CreateRepository</EvalActionName><EvalResourceName>*</EvalResourceName>"
        + "<EvalDecision>allowed</EvalDecision></member></EvaluationResults></SimulatePrincipalPolicyResult>");
    json("AmazonEC2ContainerRegistry_V20150921.CreatePullThroughCacheRule", "{\"ecrRepositoryPrefix\":\"docker-hub\"}");
    json("AmazonEC2ContainerRegistry_V20150921.ValidatePullThroughCacheRule", "{\"isValid\":true}");
    json("AmazonEC2ContainerServiceV20141113.DescribeTaskDefinition", "{\"taskDefinition\":{"
        + "\"taskDefinitionArn\":\"arn:aws:ecs:eu-west-1:111122223333:task-definition/api:7\",\"family\":\"api\","
        + "\"revision\":7,\"status\":\"ACTIVE\",\"cpu\":\"256\",\"memory\":\"512\",\"networkMode\":\"awsvpc\","
        + "\"requiresCompatibilities\":[\"FARGATE\"],\"compatibilities\":[\"EC2\",\"FARGATE\"],"
        + "\"registeredAt\":1700000000,\"registeredBy\":\"arn:aws:iam::111122223333:user/ci\","
        + "\"requiresAttributes\":[{\"name\":\"com.amazonaws.ecs.capability.ecr-auth\"}],"
        + "\"executionRoleArn\":\"arn:aws:iam::111122223333:role/apiTaskExecutionRole\","
        + "\"runtimePlatform\":{\"cpuArchitecture\":\"ARM64\",\"operatingSystemFamily\":\"LINUX\"},"
        + "\"containerDefinitions\":[{\"name\":\"app\",\"image\":\"nginx:1.27\",\"essential\":true,"
        + "\"environment\":[{\"name\":\"MODE\",\"value\":\"prod\"}]},{\"name\":\"metrics\",\"image\":\"quay.io/x:1\"}]},"
        + "\"tags\":[{\"key\":\"team\",\"value\":\"platform\"}]}");
    json("AmazonEC2ContainerServiceV20141113.RegisterTaskDefinition", "{\"taskDefinition\":{"
        + "\"taskDefinitionArn\":\"arn:aws:ecs:eu-west-1:111122223333:task-definition/api:8\",\"family\":\"api\",\"revision\":8}}");
    URI endpoint = URI.create(server.baseUrl());
    StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"));
    Region region = Region.EU_WEST_1;
    writer = new SdkAccountWriter(
        Ec2Client.builder().region(region).credentialsProvider(credentials).endpointOverride(endpoint).build(),
        EcsClient.builder().region(region).credentialsProvider(credentials).endpointOverride(endpoint).build(),
        EcrClient.builder().region(region).credentialsProvider(credentials).endpointOverride(endpoint).build(),
        IamClient.builder().region(Region.AWS_GLOBAL).credentialsProvider(credentials).endpointOverride(endpoint).build(),
        Duration.ZERO, Duration.ofSeconds(5));
    IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL).credentialsProvider(credentials).endpointOverride(endpoint)
        .build();
    withIdentity = new SdkAccountWriter(
        Ec2Client.builder().region(region).credentialsProvider(credentials).endpointOverride(endpoint).build(),
        EcsClient.builder().region(region).credentialsProvider(credentials).endpointOverride(endpoint).build(),
        EcrClient.builder().region(region).credentialsProvider(credentials).endpointOverride(endpoint).build(), iam,
        new OwnPermissions(StsClient.builder().region(region).credentialsProvider(credentials).endpointOverride(endpoint)
            .build(), iam, "eu-west-1"),
        Duration.ZERO, Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private void ec2(String action, String inner) {
    server.stubFor(any(anyUrl()).withRequestBody(containing("Action=" + action + "&")).willReturn(aResponse()
        .withHeader("Content-Type", "text/xml")
        .withBody("<" + action + "Response" + EC2_NS + "><requestId>req-" + action + "</requestId>" + inner + "</"
            + action + "Response>")));
  }

  private void iam(String action, String result) {
    server.stubFor(any(anyUrl()).withRequestBody(containing("Action=" + action + "&")).willReturn(aResponse()
        .withHeader("Content-Type", "text/xml").withBody("<" + action + "Response xmlns=\"https://iam.amazonaws.com/doc/"
            + "2010-05-08/\">" + result + "<ResponseMetadata><RequestId>iam-" + action + "</RequestId></ResponseMetadata></"
            + action + "Response>")));
  }

  private void json(String target, String body) {
    server.stubFor(any(anyUrl()).withHeader("X-Amz-Target", equalTo(target)).willReturn(aResponse()
        .withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body)));
  }

  /** The decoded form fields of the one request with this EC2/IAM action. */
  private String form(String action) {
    List<LoggedRequest> requests = server.findAll(postRequestedFor(urlPathEqualTo("/"))
        .withRequestBody(containing("Action=" + action + "&")));
    assertThat(requests).hasSize(1);
    return URLDecoder.decode(requests.get(0).getBodyAsString(), StandardCharsets.UTF_8);
  }

  /** EC2 answers a DryRun request with an error: {@code DryRunOperation} (412) or {@code UnauthorizedOperation} (403). */
  private void ec2DryRunAnswers(String action, int status, String code) {
    server.stubFor(any(anyUrl()).withRequestBody(containing("Action=" + action + "&")).withRequestBody(containing("DryRun=true"))
        .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "text/xml")
            .withBody("<Response><Errors><Error><Code>" + code + "</Code><Message>Request would have succeeded, but DryRun "
                + "flag is set.</Message></Error></Errors><RequestID>req-dry</RequestID></Response>")));
  }

  @Test
  void thePreflightSendsTheSameCreateVpcEndpointWithDryRunAndDoesNotWait() {
    ec2DryRunAnswers("CreateVpcEndpoint", 412, "DryRunOperation");
    List<PermissionCheck> checks = new ArrayList<>();

    writer.preflight(checks::add).orElseThrow().createInterfaceEndpoint("vpc-1", "com.amazonaws.eu-west-1.ecr.api",
        List.of("subnet-a"), List.of("sg-1"), new AccountWriter.Tagging("token-1", Map.of("pullpath:plan", "pp-1")));

    assertThat(form("CreateVpcEndpoint")).contains("DryRun=true", "VpcEndpointType=Interface", "VpcId=vpc-1",
        "SubnetId.1=subnet-a", "SecurityGroupId.1=sg-1", "PrivateDnsEnabled=true", "ClientToken=token-1",
        "TagSpecification.1.Tag.1.Key=pullpath:plan");
    assertThat(checks).singleElement().satisfies(c -> {
      assertThat(c.action()).isEqualTo("ec2:CreateVpcEndpoint");
      assertThat(c.verdict()).isEqualTo(PermissionCheck.Verdict.ALLOWED);
    });
    assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/")).withRequestBody(containing("Action=DescribeVpcEndpoints"))))
        .as("a dry run creates nothing to wait for").isEmpty();
  }

  @Test
  void anUnauthorizedDryRunIsADenial() {
    ec2DryRunAnswers("AuthorizeSecurityGroupIngress", 403, "UnauthorizedOperation");
    List<PermissionCheck> checks = new ArrayList<>();

    writer.preflight(checks::add).orElseThrow().authorizeIngress("sg-1", 443, List.of("10.0.2.0/24"), List.of());

    assertThat(form("AuthorizeSecurityGroupIngress")).contains("DryRun=true", "GroupId=sg-1",
        "IpPermissions.1.IpRanges.1.CidrIp=10.0.2.0/24");
    assertThat(checks).singleElement().satisfies(c -> {
      assertThat(c.verdict()).isEqualTo(PermissionCheck.Verdict.DENIED);
      assertThat(c.resource()).isEqualTo("sg-1");
      assertThat(c.detail()).contains("UnauthorizedOperation");
    });
  }

  @Test
  void aWriteWithoutDryRunIsSimulatedForTheCallersRoleWithTheRequestsConditionKeys() {
    server.stubFor(any(anyUrl()).withRequestBody(containing("Action=GetCallerIdentity&")).willReturn(aResponse()
        .withHeader("Content-Type", "text/xml").withBody("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/"
            + "2011-06-15/\"><GetCallerIdentityResult><Arn>arn:aws:sts::111122223333:assumed-role/pullpath-fixer/ci</Arn>"
            + "<UserId>AROAFIXER:ci</UserId><Account>111122223333</Account></GetCallerIdentityResult><ResponseMetadata>"
            + "<RequestId>sts-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>")));
    server.stubFor(any(anyUrl()).withRequestBody(containing("Action=GetRole&")).withRequestBody(containing("RoleName=pullpath-fixer"))
        .willReturn(aResponse().withHeader("Content-Type", "text/xml").withBody("<GetRoleResponse xmlns=\"https://iam."
            + "amazonaws.com/doc/2010-05-08/\"><GetRoleResult><Role><RoleName>pullpath-fixer</RoleName><Path>/automation/</Path>"
            + "<RoleId>AROAFIXER</RoleId><Arn>arn:aws:iam::111122223333:role/automation/pullpath-fixer</Arn><CreateDate>"
            + "2024-01-01T00:00:00Z</CreateDate></Role></GetRoleResult></GetRoleResponse>")));
    List<PermissionCheck> checks = new ArrayList<>();

    withIdentity.preflight(checks::add).orElseThrow().putRolePolicy("apiTaskExecutionRole", "pullpath-pull-through-cache",
        "{\"Version\":\"2012-10-17\",\"Statement\":[]}");

    assertThat(form("GetCallerIdentity")).contains("Action=GetCallerIdentity");
    assertThat(form("SimulatePrincipalPolicy")).contains(
        "PolicySourceArn=arn:aws:iam::111122223333:role/automation/pullpath-fixer",
        "ActionNames.member.1=iam:PutRolePolicy",
        "ResourceArns.member.1=arn:aws:iam::111122223333:role/apiTaskExecutionRole",
        "ContextEntries.member.1.ContextKeyName=iam:PolicyName",
        "ContextEntries.member.1.ContextKeyValues.member.1=pullpath-pull-through-cache",
        "ContextEntries.member.1.ContextKeyType=string");
    assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/")).withRequestBody(containing("Action=PutRolePolicy"))))
        .as("nothing written").isEmpty();
    assertThat(checks).singleElement().extracting(PermissionCheck::verdict).isEqualTo(PermissionCheck.Verdict.ALLOWED);
  }

  @Test
  void interfaceEndpointIsCreatedWithPrivateDnsClientTokenAndTagThenAwaited() {
    AccountWriter.Written written = writer.createInterfaceEndpoint("vpc-1", "com.amazonaws.eu-west-1.ecr.api",
        List.of("subnet-a", "subnet-b"), List.of("sg-1"), new AccountWriter.Tagging("token-1", Map.of("pullpath:plan", "pp-1")));

    String body = form("CreateVpcEndpoint");
    assertThat(body).contains("VpcEndpointType=Interface", "VpcId=vpc-1", "ServiceName=com.amazonaws.eu-west-1.ecr.api",
        "SubnetId.1=subnet-a", "SubnetId.2=subnet-b", "SecurityGroupId.1=sg-1", "PrivateDnsEnabled=true",
        "ClientToken=token-1", "TagSpecification.1.ResourceType=vpc-endpoint", "TagSpecification.1.Tag.1.Key=pullpath:plan",
        "TagSpecification.1.Tag.1.Value=pp-1");
    assertThat(written.createdId()).isEqualTo("vpce-0new");
    assertThat(written.requestIds()).containsExactly("req-CreateVpcEndpoint");
    assertThat(form("DescribeVpcEndpoints")).contains("VpcEndpointId.1=vpce-0new");
  }

  @Test
  void gatewayRoutesAndEndpointPolicyGoAsModifyVpcEndpointFields() {
    writer.addEndpointRouteTables("vpce-s3", List.of("rtb-1", "rtb-2"));
    String body = form("ModifyVpcEndpoint");
    assertThat(body).contains("VpcEndpointId=vpce-s3", "AddRouteTableId.1=rtb-1", "AddRouteTableId.2=rtb-2");

    server.resetRequests();
    String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
    writer.setEndpointPolicy("vpce-s3", policy);
    assertThat(form("ModifyVpcEndpoint")).contains("PolicyDocument=" + policy);
  }

  @Test
  void vpcDnsAttributesAreTwoCalls() {
    writer.enableVpcDnsSupport("vpc-1");
    assertThat(form("ModifyVpcAttribute")).contains("EnableDnsSupport.Value=true").doesNotContain("EnableDnsHostnames");
  }

  @Test
  void ingressRuleNamesPortAndPeers() {
    writer.authorizeIngress("sg-1", 443, List.of("10.0.2.0/24"), List.of("sg-2"));
    assertThat(form("AuthorizeSecurityGroupIngress")).contains("GroupId=sg-1", "IpPermissions.1.IpProtocol=tcp",
        "IpPermissions.1.FromPort=443", "IpPermissions.1.ToPort=443", "IpPermissions.1.IpRanges.1.CidrIp=10.0.2.0/24",
        "IpPermissions.1.Groups.1.GroupId=sg-2");
  }

  @Test
  void egressRuleNamesEndpointSubnetsAndPrefixLists() {
    AccountWriter.Written written = writer.authorizeEgress("sg-task", 443, List.of("10.0.1.0/24", "10.0.2.0/24"),
        List.of("pl-61a54008"));
    assertThat(form("AuthorizeSecurityGroupEgress")).contains("GroupId=sg-task", "IpPermissions.1.IpProtocol=tcp",
        "IpPermissions.1.FromPort=443", "IpPermissions.1.ToPort=443", "IpPermissions.1.IpRanges.1.CidrIp=10.0.1.0/24",
        "IpPermissions.1.IpRanges.2.CidrIp=10.0.2.0/24", "IpPermissions.1.PrefixListIds.1.PrefixListId=pl-61a54008");
    assertThat(written.requestIds()).containsExactly("req-AuthorizeSecurityGroupEgress");
  }

  @Test
  void rolePolicyIsFormEncodedJson() {
    String document = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ecr:CreateRepository\",\"Resource\":\"*\"}]}";
    writer.putRolePolicy("apiTaskExecutionRole", "pullpath-pull-through-cache", document);
    assertThat(form("PutRolePolicy")).contains("RoleName=apiTaskExecutionRole", "PolicyName=pullpath-pull-through-cache",
        "PolicyDocument=" + document);
    // Then it waits for the simulator to allow what was granted, asking as the role.
    assertThat(form("SimulatePrincipalPolicy")).contains(
        "PolicySourceArn=arn:aws:iam::111122223333:role/apiTaskExecutionRole", "ActionNames.member.1=ecr:CreateRepository",
        "ResourceArns.member.1=*");
  }

  @Test
  void trustPolicyIsFormEncodedJson() {
    String document = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"PullpathEcsTasks\",\"Effect\":\"Allow\","
        + "\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    AccountWriter.Written written = writer.updateAssumeRolePolicy("apiTaskExecutionRole", document);
    assertThat(form("UpdateAssumeRolePolicy")).contains("RoleName=apiTaskExecutionRole", "PolicyDocument=" + document);
    assertThat(written.requestIds()).containsExactly("iam-UpdateAssumeRolePolicy");
  }

  @Test
  void aNewRevisionCarriesEveryFieldButTheReadOnlyOnesWithItsTags() {
    writer.registerTaskDefinitionRevision("arn:aws:ecs:eu-west-1:111122223333:task-definition/api:7",
        Map.of("app", "111122223333.dkr.ecr.eu-west-1.amazonaws.com/docker-hub/library/nginx:1.27"),
        new AccountWriter.Tagging("t", Map.of("pullpath:plan", "pp-1")));

    assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/")).withHeader("X-Amz-Target",
        equalTo("AmazonEC2ContainerServiceV20141113.DescribeTaskDefinition")))).singleElement()
        .satisfies(r -> assertThat(r.getBodyAsString()).contains("\"include\":[\"TAGS\"]"));
    List<LoggedRequest> register = server.findAll(postRequestedFor(urlPathEqualTo("/")).withHeader("X-Amz-Target",
        equalTo("AmazonEC2ContainerServiceV20141113.RegisterTaskDefinition")));
    assertThat(register).singleElement().satisfies(r -> assertThat(r.getBodyAsString())
        .contains("\"family\":\"api\"", "\"cpu\":\"256\"", "\"memory\":\"512\"", "\"networkMode\":\"awsvpc\"",
            "\"requiresCompatibilities\":[\"FARGATE\"]", "\"cpuArchitecture\":\"ARM64\"",
            "\"executionRoleArn\":\"arn:aws:iam::111122223333:role/apiTaskExecutionRole\"",
            "\"image\":\"111122223333.dkr.ecr.eu-west-1.amazonaws.com/docker-hub/library/nginx:1.27\"",
            "\"image\":\"quay.io/x:1\"", "{\"name\":\"MODE\",\"value\":\"prod\"}",
            "{\"key\":\"team\",\"value\":\"platform\"}", "{\"key\":\"pullpath:plan\",\"value\":\"pp-1\"}")
        .doesNotContain("taskDefinitionArn", "\"revision\"", "\"status\"", "compatibilities\":[\"EC2",
            "registeredAt", "registeredBy", "requiresAttributes"));
  }

  @Test
  void cacheRuleCarriesItsCredentialArnAndIsValidated() {
    String secret = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:ecr-pullthroughcache/docker-hub-Ab12Cd";
    writer.createPullThroughCacheRule("docker-hub", "docker-hub", "registry-1.docker.io", secret);

    List<LoggedRequest> create = server.findAll(postRequestedFor(urlPathEqualTo("/")).withHeader("X-Amz-Target",
        equalTo("AmazonEC2ContainerRegistry_V20150921.CreatePullThroughCacheRule")));
    assertThat(create).singleElement().satisfies(r -> assertThat(r.getBodyAsString())
        .contains("\"credentialArn\":\"" + secret + "\"", "\"ecrRepositoryPrefix\":\"docker-hub\"",
            "\"upstreamRegistry\":\"docker-hub\"", "\"upstreamRegistryUrl\":\"registry-1.docker.io\""));
    assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/")).withHeader("X-Amz-Target",
        equalTo("AmazonEC2ContainerRegistry_V20150921.ValidatePullThroughCacheRule")))).hasSize(1);
  }
}
