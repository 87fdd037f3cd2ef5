package dev.pullpath.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A generated snapshot of any size, for the offline-scale benchmark (bench/offline-scale.sh) and the tests
 * that need a large account: services spread over VPCs (one VPC per 20 services), each VPC with a different
 * mix of faults, task definitions both shared by many services and one family per service, execution roles
 * shared by several families, public, cached and private images, and injected secrets.
 *
 * <p>Written as JSON rather than through the records, so it keeps compiling when the records gain
 * components: the snapshot format is the contract, and old files must load anyway.
 *
 * <p>Faults by VPC number {@code v % 6}: 0 compliant; 1 no ecr.dkr endpoint; 2 S3 gateway endpoint not on the
 * private route table; 3 endpoint security group without 443 and an S3 endpoint policy denying the layer
 * bucket; 4 a NAT route, no endpoints and DNS hostnames off; 5 endpoints in one AZ only and DNS hostnames
 * off. Roles alternate between complete and missing the pull-through cache actions; every fifth task
 * definition runs a public image.
 */
public final class SyntheticSnapshot {
  static final String ACCOUNT = "210987654321";
  static final String REGION = "eu-west-1";
  static final int SERVICES_PER_VPC = 20;
  static final int SHARED_FAMILIES = 10;
  static final int ROLES = 10;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SyntheticSnapshot() {}

  /** {@code SyntheticSnapshot SERVICES FILE}: writes a snapshot of that many services to FILE. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: SyntheticSnapshot SERVICES FILE");
      System.exit(2);
    }
    Path file = Path.of(args[1]);
    Files.writeString(file, json(Integer.parseInt(args[0])));
  }

  /** The snapshot of {@code services} services as JSON text. */
  public static String json(int services) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schemaVersion", 1).put("accountId", ACCOUNT).put("region", REGION)
        .put("collectedAt", "2026-12-01T00:00:00Z");
    ArrayNode vpcs = root.putArray("vpcs");
    ArrayNode subnets = root.putArray("subnets");
    ArrayNode routeTables = root.putArray("routeTables");
    ArrayNode endpoints = root.putArray("vpcEndpoints");
    ArrayNode groups = root.putArray("securityGroups");
    int vpcCount = Math.max(1, (services + SERVICES_PER_VPC - 1) / SERVICES_PER_VPC);
    for (int v = 0; v < vpcCount; v++) {
      network(v, vpcs, subnets, routeTables, endpoints, groups);
    }
    ArrayNode serviceArray = root.putArray("services");
    ArrayNode taskDefinitions = root.putArray("taskDefinitions");
    for (int f = 0; f < SHARED_FAMILIES; f++) {
      taskDefinitions.add(taskDefinition("shared-" + f, 3, f));
    }
    for (int s = 0; s < services; s++) {
      int v = s / SERVICES_PER_VPC;
      String family;
      if (s % 4 == 0) {
        family = "shared-" + (s / 4 % SHARED_FAMILIES);
      } else {
        family = "app-" + s;
        taskDefinitions.add(taskDefinition(family, 1 + s % 5, s));
      }
      int revision = family.startsWith("shared-") ? 3 : 1 + s % 5;
      ObjectNode service = serviceArray.addObject()
          .put("clusterName", "cluster-" + (s % 8))
          .put("clusterArn", "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":cluster/cluster-" + (s % 8))
          .put("serviceName", "svc-" + s)
          .put("serviceArn", "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":service/cluster-" + (s % 8) + "/svc-" + s)
          .put("launchType", "FARGATE")
          .put("platformVersion", "LATEST")
          .put("assignPublicIp", false)
          .put("taskDefinitionArn", taskDefinitionArn(family, revision));
      service.putArray("subnetIds").add(subnetId(v, 0)).add(subnetId(v, 1));
      service.putArray("securityGroupIds").add(groupId(v, "task"));
    }
    root.set("pullThroughCacheRules", JSON.createArrayNode()
        .add(JSON.createObjectNode().put("ecrRepositoryPrefix", "docker-hub").put("upstreamRegistry", "docker-hub")
            .put("upstreamRegistryUrl", "registry-1.docker.io")
            .put("credentialArn", secretArn("ecr-pullthroughcache/docker-hub")))
        .add(JSON.createObjectNode().put("ecrRepositoryPrefix", "ecr-public").put("upstreamRegistry", "ecr-public")
            .put("upstreamRegistryUrl", "public.ecr.aws")));
    ArrayNode roles = root.putArray("iamRoles");
    for (int r = 0; r < ROLES; r++) {
      roles.add(role(r));
    }
    ArrayNode secrets = root.putArray("secrets");
    secrets.addObject().put("name", "ecr-pullthroughcache/docker-hub")
        .put("arn", secretArn("ecr-pullthroughcache/docker-hub"));
    secrets.addObject().put("name", "db-password").put("arn", secretArn("db-password"));
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void network(
      int v, ArrayNode vpcs, ArrayNode subnets, ArrayNode routeTables, ArrayNode endpoints, ArrayNode groups) {
    int fault = v % 6;
    String vpcId = vpcId(v);
    String cidr = "10." + (v / 256) + "." + (v % 256) + ".0/24";
    String prefix = "10." + (v / 256) + "." + (v % 256) + ".";
    vpcs.addObject().put("vpcId", vpcId).put("cidrBlock", cidr).put("enableDnsSupport", true)
        .put("enableDnsHostnames", fault != 4 && fault != 5);
    String[] azs = {REGION + "a", REGION + "b"};
    for (int i = 0; i < 2; i++) {
      subnets.addObject().put("subnetId", subnetId(v, i)).put("vpcId", vpcId).put("availabilityZone", azs[i])
          .put("cidrBlock", prefix + (i * 128) + "/25");
    }
    ObjectNode main = routeTables.addObject().put("routeTableId", "rtb-main" + hex(v)).put("vpcId", vpcId)
        .put("main", true);
    main.putArray("subnetIds");
    main.putArray("routes").addObject().put("destination", cidr).put("targetType", "local").put("targetId", "local");
    ObjectNode privateTable = routeTables.addObject().put("routeTableId", routeTableId(v)).put("vpcId", vpcId)
        .put("main", false);
    privateTable.putArray("subnetIds").add(subnetId(v, 0)).add(subnetId(v, 1));
    ArrayNode routes = privateTable.putArray("routes");
    routes.addObject().put("destination", cidr).put("targetType", "local").put("targetId", "local");

    ObjectNode endpointGroup = groups.addObject().put("groupId", groupId(v, "vpce")).put("groupName", "endpoints")
        .put("vpcId", vpcId);
    ObjectNode ingress = endpointGroup.putArray("ingress").addObject().put("protocol", "tcp")
        .put("fromPort", fault == 3 ? 80 : 443).put("toPort", fault == 3 ? 80 : 443);
    ingress.putArray("cidrs").add(cidr);
    allEgress(endpointGroup);
    ObjectNode taskGroup = groups.addObject().put("groupId", groupId(v, "task")).put("groupName", "tasks")
        .put("vpcId", vpcId);
    ObjectNode web = taskGroup.putArray("ingress").addObject().put("protocol", "tcp").put("fromPort", 8080)
        .put("toPort", 8080);
    web.putArray("cidrs").add(cidr);
    allEgress(taskGroup);

    if (fault == 4) {
      routes.addObject().put("destination", "0.0.0.0/0").put("targetType", "nat").put("targetId", "nat-" + hex(v));
      return;
    }
    String endpointSubnets = fault == 5 ? "one" : "both";
    for (String service : List.of("ecr.api", "ecr.dkr", "logs", "secretsmanager")) {
      if (fault == 1 && service.equals("ecr.dkr")) {
        continue;
      }
      ObjectNode endpoint = endpoints.addObject()
          .put("vpcEndpointId", "vpce-" + service.replace(".", "") + hex(v))
          .put("vpcId", vpcId)
          .put("serviceName", "com.amazonaws." + REGION + "." + service)
          .put("type", "Interface")
          .put("state", "available")
          .put("privateDnsEnabled", true);
      ArrayNode ids = endpoint.putArray("subnetIds").add(subnetId(v, 0));
      if (endpointSubnets.equals("both")) {
        ids.add(subnetId(v, 1));
      }
      endpoint.putArray("securityGroupIds").add(groupId(v, "vpce"));
    }
    ObjectNode s3 = endpoints.addObject()
        .put("vpcEndpointId", "vpce-s3" + hex(v))
        .put("vpcId", vpcId)
        .put("serviceName", "com.amazonaws." + REGION + ".s3")
        .put("type", "Gateway")
        .put("state", "available");
    ArrayNode tables = s3.putArray("routeTableIds");
    if (fault != 2) {
      tables.add(routeTableId(v));
      routes.addObject().put("destinationPrefixListId", "pl-6da54004").put("targetType", "vpce")
          .put("targetId", "vpce-s3" + hex(v));
    }
    if (fault == 3) {
      ObjectNode policy = s3.putObject("policyDocument").put("Version", "2012-10-17");
      ArrayNode statements = policy.putArray("Statement");
      statements.addObject().put("Effect", "Allow").put("Principal", "*").put("Action", "s3:*").put("Resource", "*");
      statements.addObject().put("Sid", "NoLayers").put("Effect", "Deny").put("Principal", "*")
          .put("Action", "s3:GetObject").put("Resource", "arn:aws:s3:::prod-" + REGION + "-starport-layer-bucket/*");
    }
  }

  private static void allEgress(ObjectNode group) {
    group.putArray("egress").addObject().put("protocol", "-1").putArray("cidrs").add("0.0.0.0/0");
  }

  private static ObjectNode taskDefinition(String family, int revision, int seed) {
    ObjectNode td = JSON.createObjectNode()
        .put("taskDefinitionArn", taskDefinitionArn(family, revision))
        .put("family", family)
        .put("revision", revision)
        .put("executionRoleArn", roleArn(seed % ROLES));
    ArrayNode containers = td.putArray("containers");
    String own = ACCOUNT + ".dkr.ecr." + REGION + ".amazonaws.com/";
    String image = switch (seed % 5) {
      case 0 -> "docker.io/library/nginx:1.27";
      case 1 -> own + "docker-hub/library/redis:7";
      case 2 -> own + "ecr-public/docker/library/httpd:2.4";
      case 3 -> own + "team/" + family + ":v" + revision;
      default -> own + "docker-hub/bitnami/postgresql:16";
    };
    ObjectNode app = containers.addObject().put("name", "app").put("image", image)
        .put("logDriver", "awslogs");
    app.putArray("portMappings").addObject().put("containerPort", 8080).put("protocol", "tcp");
    app.putObject("logOptions").put("awslogs-group", "/ecs/" + family).put("awslogs-region", REGION)
        .put("awslogs-stream-prefix", "ecs");
    if (seed % 3 == 0) {
      app.putArray("secrets").add(secretArn("db-password"));
    }
    if (seed % 7 == 0) {
      ObjectNode sidecar = containers.addObject().put("name", "metrics")
          .put("image", own + "ecr-public/aws-observability/aws-otel-collector:latest");
      sidecar.putArray("portMappings").addObject().put("containerPort", 4317).put("protocol", "tcp");
    }
    return td;
  }

  private static ObjectNode role(int r) {
    ObjectNode role = JSON.createObjectNode().put("roleName", "exec-" + r).put("arn", roleArn(r));
    ObjectNode trust = role.putObject("assumeRolePolicyDocument").put("Version", "2012-10-17");
    trust.putArray("Statement").addObject().put("Effect", "Allow").put("Action", "sts:AssumeRole")
        .putObject("Principal").put("Service", "ecs-tasks.amazonaws.com");
    ObjectNode managed = role.putArray("attachedPolicies").addObject()
        .put("policyName", "AmazonECSTaskExecutionRolePolicy")
        .put("policyArn", "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy");
    ObjectNode document = managed.putObject("document").put("Version", "2012-10-17");
    ObjectNode allow = document.putArray("Statement").addObject().put("Effect", "Allow").put("Resource", "*");
    ArrayNode actions = allow.putArray("Action");
    for (String action : List.of("ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability",
        "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage", "logs:CreateLogStream", "logs:PutLogEvents")) {
      actions.add(action);
    }
    ArrayNode inline = role.putArray("inlinePolicies");
    if (r % 2 == 0) {
      ObjectNode cache = inline.addObject().put("policyName", "pull-through-cache");
      ObjectNode statement = cache.putObject("document").put("Version", "2012-10-17").putArray("Statement")
          .addObject().put("Effect", "Allow").put("Resource", "*");
      statement.putArray("Action").add("ecr:BatchImportUpstreamImage").add("ecr:CreateRepository")
          .add("secretsmanager:GetSecretValue");
    }
    return role;
  }

  private static String hex(int n) {
    return String.format(Locale.ROOT, "%08x", n);
  }

  private static String vpcId(int v) {
    return "vpc-0" + hex(v) + "0000000";
  }

  private static String subnetId(int v, int i) {
    return "subnet-0" + hex(v) + "00000" + i + "0";
  }

  private static String routeTableId(int v) {
    return "rtb-priv" + hex(v);
  }

  private static String groupId(int v, String kind) {
    return "sg-" + kind + hex(v);
  }

  private static String roleArn(int r) {
    return "arn:aws:iam::" + ACCOUNT + ":role/exec-" + r;
  }

  private static String secretArn(String name) {
    return "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:" + name + "-AbCdEf";
  }

  private static String taskDefinitionArn(String family, int revision) {
    return "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":task-definition/" + family + ":" + revision;
  }
}
