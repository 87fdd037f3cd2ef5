package dev.pullpath.aws;

import static dev.pullpath.aws.AwsStub.form;
import static dev.pullpath.aws.AwsStub.json;

import dev.pullpath.aws.AwsStub.Api;

/**
 * The recorded-shape account under {@code src/test/resources/aws/account}: account 111122223333 in
 * eu-west-1 with two clusters, three services in two VPCs, two task definitions (one shared), two
 * execution roles, three pull-through cache rules (one credential secret missing) and a registry policy.
 * Several answers come in two pages. {@code aws/account-snapshot.json} is the same account as a snapshot.
 */
final class FixtureAccount {
  static final String ACCOUNT = "111122223333";
  static final String REGION = "eu-west-1";

  /**
   * The fewest calls this account can be read with (docs/live-scan.md gives the formula): STS 1; ECS
   * ListClusters 2 pages + ListServices 3 pages + DescribeServices 2 + DescribeTaskDefinition 2; ECR 2 rule
   * pages + registry policy 1; Secrets Manager 2; EC2 subnets 2 pages + VPCs 1 + attributes 4 + route tables
   * 1 + endpoints 2 pages + security groups 1 + prefix lists 1 + entries of the 2 lists rules name; IAM 2 GetRole + 3 ListAttachedRolePolicies pages + 2
   * ListRolePolicies + 1 GetRolePolicy + 3 GetPolicy + 3 GetPolicyVersion; simulator 2 roles x 4 resource
   * sets + 1 extra page + 1 set for the secret the frontend task injects; then the cache repositories in use
   * (DescribeRepositories 1, DescribeImages 1 for the one that exists), the secret the frontend task names by
   * partial ARN (DescribeSecret 1) and its awslogs-create-group log group (DescribeLogGroups 1).
   */
  static final int MINIMUM_CALLS = 1 + (2 + 3 + 2 + 2) + (2 + 1) + 2 + (2 + 1 + 4 + 1 + 2 + 1 + 1 + 2)
      + (2 + 3 + 2 + 1 + 3 + 3) + (8 + 1 + 1) + (1 + 1 + 1 + 1);

  private static final String EXEC = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";

  private FixtureAccount() {}

  static void register(AwsStub stub) {
    stub.answerFile(Api.STS, "GetCallerIdentity", "account/sts/GetCallerIdentity.xml");

    stub.answerFile(Api.ECS, "ListClusters", "account/ecs/ListClusters-1.json");
    stub.answerFile(Api.ECS, "ListClusters", "account/ecs/ListClusters-2.json",
        json("nextToken", "clusters-page-2"));
    stub.answerFile(Api.ECS, "ListServices", "account/ecs/ListServices-web-1.json",
        "cluster/web");
    stub.answerFile(Api.ECS, "ListServices", "account/ecs/ListServices-web-2.json",
        json("nextToken", "web-page-2"));
    stub.answerFile(Api.ECS, "ListServices", "account/ecs/ListServices-batch.json",
        "cluster/batch");
    stub.answerFile(Api.ECS, "DescribeServices", "account/ecs/DescribeServices-web.json",
        "cluster/web");
    stub.answerFile(Api.ECS, "DescribeServices", "account/ecs/DescribeServices-batch.json",
        "cluster/batch");
    stub.answerFile(Api.ECS, "DescribeTaskDefinition", "account/ecs/DescribeTaskDefinition-frontend-3.json",
        "task-definition/frontend:3");
    stub.answerFile(Api.ECS, "DescribeTaskDefinition", "account/ecs/DescribeTaskDefinition-api-7.json",
        "task-definition/api:7");

    stub.answerFile(Api.ECR, "DescribePullThroughCacheRules", "account/ecr/DescribePullThroughCacheRules-1.json");
    stub.answerFile(Api.ECR, "DescribePullThroughCacheRules", "account/ecr/DescribePullThroughCacheRules-2.json",
        json("nextToken", "ptc-page-2"));
    stub.answerFile(Api.ECR, "GetRegistryPolicy", "account/ecr/GetRegistryPolicy.json");

    stub.answerFile(Api.SECRETS, "DescribeSecret", "account/secretsmanager/DescribeSecret-docker-hub.json",
        "ecr-pullthroughcache/docker-hub");
    // The frontend task names its secret by partial ARN; Secrets Manager answers with the full one.
    stub.answerFile(Api.SECRETS, "DescribeSecret", "account/secretsmanager/DescribeSecret-app-db-password.json",
        json("SecretId", "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:app/db-password"));
    stub.answerFile(Api.ECR, "DescribeRepositories", "account/ecr/DescribeRepositories.json");
    stub.answerFile(Api.ECR, "DescribeImages", "account/ecr/DescribeImages-nginx-1.27.json",
        json("repositoryName", "docker-hub/library/nginx"), json("imageTag", "1.27"));
    stub.answerFile(Api.LOGS, "DescribeLogGroups", "account/logs/DescribeLogGroups-frontend.json",
        json("logGroupNamePrefix", "/ecs/frontend"));
    stub.answer(Api.SECRETS, "DescribeSecret", 400, AwsStub.read("account/secretsmanager/DescribeSecret-ghcr.json"),
        "ecr-pullthroughcache/ghcr");

    stub.answerFile(Api.EC2, "DescribeSubnets", "account/ec2/DescribeSubnets-1.xml");
    stub.answerFile(Api.EC2, "DescribeSubnets", "account/ec2/DescribeSubnets-2.xml",
        form("NextToken", "subnets-page-2"));
    stub.answerFile(Api.EC2, "DescribeVpcs", "account/ec2/DescribeVpcs.xml");
    for (String vpc : new String[] {"1", "2"}) {
      for (String attribute : new String[] {"enableDnsSupport", "enableDnsHostnames"}) {
        stub.answerFile(Api.EC2, "DescribeVpcAttribute",
            "account/ec2/DescribeVpcAttribute-" + vpc + "-" + attribute + ".xml",
            form("Attribute", attribute), form("VpcId", "vpc-0a1b2c3d4e5f6000" + vpc));
      }
    }
    stub.answerFile(Api.EC2, "DescribeRouteTables", "account/ec2/DescribeRouteTables.xml");
    stub.answerFile(Api.EC2, "DescribeVpcEndpoints", "account/ec2/DescribeVpcEndpoints-1.xml");
    stub.answerFile(Api.EC2, "DescribeVpcEndpoints", "account/ec2/DescribeVpcEndpoints-2.xml",
        form("NextToken", "endpoints-page-2"));
    stub.answerFile(Api.EC2, "DescribeSecurityGroups", "account/ec2/DescribeSecurityGroups.xml");
    stub.answerFile(Api.EC2, "DescribeManagedPrefixLists", "account/ec2/DescribeManagedPrefixLists.xml");
    stub.answerFile(Api.EC2, "GetManagedPrefixListEntries", "account/ec2/GetManagedPrefixListEntries-office.xml",
        form("PrefixListId", "pl-0a00000000000c001"));
    stub.answerFile(Api.EC2, "GetManagedPrefixListEntries", "account/ec2/GetManagedPrefixListEntries-s3.xml",
        form("PrefixListId", "pl-6da54004"));

    for (String role : new String[] {"ecsTaskExecutionRole", "api-exec"}) {
      stub.answerFile(Api.IAM, "GetRole", "account/iam/GetRole-" + role + ".xml",
        form("RoleName", role));
      stub.answerFile(Api.IAM, "ListRolePolicies", "account/iam/ListRolePolicies-" + role + ".xml",
        form("RoleName", role));
    }
    stub.answerFile(Api.IAM, "ListAttachedRolePolicies", "account/iam/ListAttachedRolePolicies-ecsTaskExecutionRole-1.xml",
        form("RoleName", "ecsTaskExecutionRole"));
    stub.answerFile(Api.IAM, "ListAttachedRolePolicies", "account/iam/ListAttachedRolePolicies-ecsTaskExecutionRole-2.xml",
        form("Marker", "attached-page-2"));
    stub.answerFile(Api.IAM, "ListAttachedRolePolicies", "account/iam/ListAttachedRolePolicies-api-exec.xml",
        form("RoleName", "api-exec"));
    stub.answerFile(Api.IAM, "GetRolePolicy", "account/iam/GetRolePolicy-api-exec-logs-extra.xml",
        form("PolicyName", "logs-extra"));
    String[][] policies = {
      {"AmazonECSTaskExecutionRolePolicy", EXEC},
      {"pull-through-cache", "arn:aws:iam::" + ACCOUNT + ":policy/pull-through-cache"},
      {"ecs-boundary", "arn:aws:iam::" + ACCOUNT + ":policy/ecs-boundary"},
    };
    for (String[] policy : policies) {
      stub.answerFile(Api.IAM, "GetPolicy", "account/iam/GetPolicy-" + policy[0] + ".xml",
        form("PolicyArn", policy[1]));
      stub.answerFile(Api.IAM, "GetPolicyVersion", "account/iam/GetPolicyVersion-" + policy[0] + ".xml",
        form("PolicyArn", policy[1]));
    }
    registerSimulations(stub);
  }

  private static void registerSimulations(AwsStub stub) {
    String[][] roles = {
      {"ecsTaskExecutionRole", "arn:aws:iam::" + ACCOUNT + ":role/ecsTaskExecutionRole"},
      {"api-exec", "arn:aws:iam::" + ACCOUNT + ":role/service-role/api-exec"},
    };
    // One call per resource set, told apart by its first action.
    String[][] resourceSets = {
      {"token", "ecr:GetAuthorizationToken"},
      {"repo", "ecr:BatchCheckLayerAvailability"},
      {"group", "logs:CreateLogStream"},
      {"stream", "logs:PutLogEvents"},
    };
    for (String[] role : roles) {
      for (String[] set : resourceSets) {
        boolean paged = role[0].equals("api-exec") && set[0].equals("repo");
        stub.answerFile(Api.IAM, "SimulatePrincipalPolicy",
            "account/iam/SimulatePrincipalPolicy-" + role[0] + "-" + set[0] + (paged ? "-1" : "") + ".xml",
            form("PolicySourceArn", role[1]), form("ActionNames.member.1", set[1]) + "&");
      }
    }
    stub.answerFile(Api.IAM, "SimulatePrincipalPolicy", "account/iam/SimulatePrincipalPolicy-api-exec-repo-2.xml",
        form("Marker", "simulation-page-2"));
    // Only the frontend task (run by ecsTaskExecutionRole) injects a secret.
    stub.answerFile(Api.IAM, "SimulatePrincipalPolicy",
        "account/iam/SimulatePrincipalPolicy-ecsTaskExecutionRole-secret.xml",
        form("PolicySourceArn", roles[0][1]), form("ActionNames.member.1", "secretsmanager:GetSecretValue") + "&");
  }
}
