package dev.pullpath.aws;

import static dev.pullpath.aws.AwsWire.form;
import static dev.pullpath.aws.AwsWire.members;
import static dev.pullpath.aws.AwsWire.one;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pullpath.aws.AwsWire.Answer;
import dev.pullpath.policy.Decision;
import dev.pullpath.policy.PolicyDocument;
import dev.pullpath.policy.PolicyEvaluator;
import dev.pullpath.policy.PolicyRequest;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.ContainerDefinition;
import dev.pullpath.snapshot.EcsService;
import dev.pullpath.snapshot.IamRole;
import dev.pullpath.snapshot.IamRole.NamedPolicy;
import dev.pullpath.snapshot.ManagedPrefixList;
import dev.pullpath.snapshot.PullThroughCacheRule;
import dev.pullpath.snapshot.Route;
import dev.pullpath.snapshot.RouteTable;
import dev.pullpath.snapshot.SecretInfo;
import dev.pullpath.snapshot.SecurityGroup;
import dev.pullpath.snapshot.SecurityGroupRule;
import dev.pullpath.snapshot.Subnet;
import dev.pullpath.snapshot.TaskDefinition;
import dev.pullpath.snapshot.Vpc;
import dev.pullpath.snapshot.VpcEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * One stateful AWS account served over local HTTP in each service's wire protocol, seeded from a snapshot:
 * every read a live scan makes (EC2 query/XML; ECS, ECR, Secrets Manager and CloudWatch Logs JSON 1.1; IAM
 * and STS query/XML) answers from the account's current state, and every write the fix writer makes
 * changes that state, with the answers AWS gives: a duplicate security-group rule is
 * {@code InvalidPermission.Duplicate}, a private-DNS endpoint in a VPC without DNS hostnames is refused, an
 * EC2 request with {@code DryRun=true} is {@code DryRunOperation}, the policy simulator answers from the
 * role's policies as they are now. It records every request so a test can count the writes on the wire.
 *
 * <p>Where AWS is eventually consistent it answers as soon as it can: a new interface endpoint is
 * {@code pending} in CreateVpcEndpoint's answer and {@code available} on the next describe, a service moved
 * to a new revision is rolling out in UpdateService's answer and stable on the next DescribeServices, and
 * IAM changes show in the simulator at once. Those are the behaviours only a real account proves.
 */
final class LocalAccountServer implements AutoCloseable {
  static {
    // The JDK server writes an answer's headers and body apart; with Nagle's algorithm and the client's
    // delayed ACK each answer would wait ~40 ms. Read once, when the first server of the JVM starts.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEFAULT_ENDPOINT_POLICY =
      "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\","
          + "\"Resource\":\"*\"}]}";
  /** Upstream registries ECR accepts only with a Secrets Manager credential. */
  private static final Set<String> CREDENTIAL_REGISTRIES =
      Set.of("docker-hub", "github-container-registry", "gitlab-container-registry", "azure-container-registry");
  private static final Predicate<String> READ_ONLY =
      action -> action.matches("(Describe|List|Get|Simulate|Validate).*");

  /** One request as it arrived: the service's signing name, the operation, and whether it was an EC2 dry run. */
  record Call(String service, String action, boolean dryRun) {
    /** A call that asks to change the account: not a read, not a dry run. */
    boolean isWrite() {
      return !dryRun && !READ_ONLY.test(action);
    }

    @Override
    public String toString() {
      return service + ":" + action + (dryRun ? " (dry run)" : "");
    }
  }

  private final HttpServer server;
  private final String account;
  private final String region;
  /** Who signs every request: an administrator of the account. */
  private final String caller;
  private final Map<String, Vpc> vpcs = new LinkedHashMap<>();
  private final List<Subnet> subnets;
  private final Map<String, RouteTable> routeTables = new LinkedHashMap<>();
  private final Map<String, VpcEndpoint> endpoints = new LinkedHashMap<>();
  private final Map<String, SecurityGroup> groups = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> tags = new LinkedHashMap<>();
  /** Client tokens of CreateVpcEndpoint, to the endpoint they created: EC2 answers a repeat with that one. */
  private final Map<String, String> clientTokens = new LinkedHashMap<>();
  private final Map<String, ManagedPrefixList> prefixLists = new LinkedHashMap<>();
  private final Map<String, EcsService> services = new LinkedHashMap<>();
  private final Map<String, ObjectNode> taskDefinitions = new LinkedHashMap<>();
  private final Map<String, ArrayNode> taskDefinitionTags = new LinkedHashMap<>();
  private final Map<String, PullThroughCacheRule> cacheRules = new LinkedHashMap<>();
  private final Map<String, IamRole> roles = new LinkedHashMap<>();
  private final Map<String, NamedPolicy> managedPolicies = new LinkedHashMap<>();
  private final List<SecretInfo> secrets;
  private final AccountSnapshot seed;
  private final List<Call> calls = new ArrayList<>();
  private int created;
  private int failWrite;
  private Fault fault;

  /**
   * An AWS error a write is told to fail with.
   *
   * @param afterApplying the change is made and only its answer is the error, as when a response is lost
   */
  private record Fault(int status, String code, String message, boolean afterApplying) {
    Answer answer(String service) {
      return switch (service) {
        case "ec2" -> AwsWire.ec2Error(status, code, message);
        case "iam", "sts" -> AwsWire.queryError(status, code, message);
        default -> AwsWire.jsonError(status, code, message);
      };
    }
  }

  LocalAccountServer(AccountSnapshot seed) throws IOException {
    this.seed = seed;
    this.account = seed.accountId();
    this.region = seed.region();
    this.caller = "arn:aws:iam::" + account + ":user/admin";
    seed.vpcs().forEach(v -> vpcs.put(v.vpcId(), v));
    this.subnets = seed.subnets();
    seed.routeTables().forEach(t -> routeTables.put(t.routeTableId(), t));
    seed.vpcEndpoints().forEach(e -> endpoints.put(e.vpcEndpointId(), e));
    seed.securityGroups().forEach(g -> groups.put(g.groupId(), g));
    seed.managedPrefixLists().forEach(l -> prefixLists.put(l.prefixListId(), l));
    String s3 = s3PrefixList();
    prefixLists.putIfAbsent(s3, new ManagedPrefixList(s3, "com.amazonaws." + region + ".s3",
        List.of("52.219.0.0/20", "3.5.152.0/21")));
    seed.services().forEach(s -> services.put(s.clusterName() + "/" + s.serviceName(), s));
    seed.taskDefinitions().forEach(t -> {
      taskDefinitions.put(t.taskDefinitionArn(), taskDefinitionJson(t));
      ArrayNode team = JSON.createArrayNode();
      team.addObject().put("key", "team").put("value", "platform");
      taskDefinitionTags.put(t.taskDefinitionArn(), team);
    });
    seed.pullThroughCacheRules().forEach(r -> cacheRules.put(r.ecrRepositoryPrefix(), r));
    seed.iamRoles().forEach(r -> {
      roles.put(r.roleName(), r);
      r.attachedPolicies().forEach(p -> managedPolicies.put(p.policyArn(), p));
      if (r.permissionsBoundary() != null) {
        managedPolicies.put(r.permissionsBoundary().policyArn(), r.permissionsBoundary());
      }
    });
    this.secrets = seed.secrets();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    server.createContext("/", this::handle);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Every request so far, in the order they were answered. */
  synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The requests so far that asked to change the account. */
  synchronized List<Call> writes() {
    return calls.stream().filter(Call::isWrite).toList();
  }

  /**
   * The {@code n}th write from now (1-based) fails with this AWS error and changes nothing; EC2 codes are
   * answered in EC2's error format, others in the service's own.
   */
  synchronized void failWrite(int n, int status, String code, String message) {
    failWrite = writes().size() + n;
    fault = new Fault(status, code, message, false);
  }

  /** The {@code n}th write from now (1-based) is made, but its answer is this AWS error, as if it were lost. */
  synchronized void loseAnswerOfWrite(int n, int status, String code, String message) {
    failWrite = writes().size() + n;
    fault = new Fault(status, code, message, true);
  }

  /** The tags a resource (endpoint, security group) was created with. */
  synchronized Map<String, String> tagsOf(String resourceId) {
    return tags.getOrDefault(resourceId, Map.of());
  }

  /** The tags of a task definition, as DescribeTaskDefinition answers them with {@code include TAGS}. */
  synchronized Map<String, String> taskDefinitionTags(String arn) {
    Map<String, String> found = new LinkedHashMap<>();
    taskDefinitionTags.getOrDefault(arn, JSON.createArrayNode())
        .forEach(t -> found.put(t.path("key").asText(), t.path("value").asText()));
    return found;
  }

  /** The endpoints of the service ({@code com.amazonaws.REGION.ecr.api}) in the account, by id. */
  synchronized List<String> endpointsOf(String serviceName) {
    return endpoints.values().stream().filter(e -> e.serviceName().equals(serviceName)).map(VpcEndpoint::vpcEndpointId)
        .toList();
  }

  synchronized PolicyDocument endpointPolicy(String endpointId) {
    return endpoints.get(endpointId).policyDocument();
  }

  /** Someone changes an endpoint's policy by hand (the console, another tool). */
  synchronized void setEndpointPolicy(String endpointId, String policy) {
    VpcEndpoint e = endpoints.get(endpointId);
    endpoints.put(endpointId, withPolicy(e, PolicyDocument.parse(policy)));
  }

  // ---- HTTP ----

  /** The id of the request answered last; the server answers one request at a time (no executor). */
  private synchronized String requestId() {
    return "local-" + calls.size();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String service = AwsWire.service(exchange.getRequestHeaders().getFirst("Authorization"));
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    Answer answer;
    try {
      answer = answer(service, target, body);
    } catch (RuntimeException e) {
      // A request this account cannot answer is a test bug: say so loudly, in no AWS format.
      answer = new Answer(500, "text/plain", "LocalAccountServer: " + e);
      e.printStackTrace();
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", answer.contentType());
    // JSON services carry the request id in a header (the query services in the body).
    exchange.getResponseHeaders().add("x-amzn-RequestId", requestId());
    exchange.sendResponseHeaders(answer.status(), bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private synchronized Answer answer(String service, String target, String body) throws IOException {
    boolean json = target != null;
    Map<String, List<String>> p = json ? Map.of() : form(body);
    String action = json ? target.substring(target.indexOf('.') + 1) : one(p, "Action");
    boolean dryRun = "true".equals(one(p, "DryRun"));
    calls.add(new Call(service, action, dryRun));
    if (dryRun) {
      return AwsWire.ec2Error(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
    }
    Fault failing = fault != null && calls.get(calls.size() - 1).isWrite() && writes().size() == failWrite ? fault : null;
    if (failing != null && !failing.afterApplying()) {
      return failing.answer(service);
    }
    String requestId = "local-" + calls.size();
    JsonNode request = json ? JSON.readTree(body.isEmpty() ? "{}" : body) : null;
    Answer answer = switch (service) {
      case "ec2" -> ec2(action, p, requestId);
      case "iam" -> iam(action, p, requestId);
      case "sts" -> AwsWire.query("sts", action, requestId, "<Arn>" + caller + "</Arn>"
          + "<UserId>AIDALOCAL</UserId><Account>" + account + "</Account>");
      case "ecs" -> ecs(action, request);
      case "ecr" -> ecr(action, request);
      case "secretsmanager" -> secretsManager(action, request);
      case "logs" -> logs(action, request);
      default -> throw new IllegalArgumentException("no service " + service);
    };
    return failing == null ? answer : failing.answer(service);
  }

  // ---- EC2 ----

  private Answer ec2(String action, Map<String, List<String>> p, String requestId) {
    Map<String, List<String>> filters = filters(p);
    StringBuilder x = new StringBuilder();
    switch (action) {
      case "DescribeSubnets" -> {
        x.append("<subnetSet>");
        subnets.stream().filter(s -> matches(filters, "subnet-id", s.subnetId()) && matches(filters, "vpc-id", s.vpcId()))
            .forEach(s -> x.append("<item>").append(el("subnetId", s.subnetId())).append(el("vpcId", s.vpcId()))
                .append(el("cidrBlock", s.cidrBlock())).append(el("availabilityZone", s.availabilityZone()))
                .append("</item>"));
        x.append("</subnetSet>");
      }
      case "DescribeVpcs" -> {
        x.append("<vpcSet>");
        vpcs.values().stream().filter(v -> matches(filters, "vpc-id", v.vpcId()))
            .forEach(v -> x.append("<item>").append(el("vpcId", v.vpcId())).append(el("cidrBlock", v.cidrBlock()))
                .append("</item>"));
        x.append("</vpcSet>");
      }
      case "DescribeVpcAttribute" -> {
        Vpc vpc = vpcs.get(one(p, "VpcId"));
        if (vpc == null) {
          return AwsWire.ec2Error(400, "InvalidVpcID.NotFound", "The vpc ID '" + one(p, "VpcId") + "' does not exist");
        }
        String attribute = one(p, "Attribute");
        boolean value = attribute.equals("enableDnsSupport") ? vpc.enableDnsSupport() : vpc.enableDnsHostnames();
        x.append(el("vpcId", vpc.vpcId())).append('<').append(attribute).append('>').append(el("value", value))
            .append("</").append(attribute).append('>');
      }
      case "ModifyVpcAttribute" -> {
        Vpc vpc = vpcs.get(one(p, "VpcId"));
        String support = one(p, "EnableDnsSupport.Value");
        String hostnames = one(p, "EnableDnsHostnames.Value");
        if (vpc == null) {
          return AwsWire.ec2Error(400, "InvalidVpcID.NotFound", "The vpc ID does not exist");
        }
        if ((support == null) == (hostnames == null)) {
          return AwsWire.ec2Error(400, "InvalidParameterCombination", "Only one attribute can be modified at a time");
        }
        boolean newSupport = support == null ? vpc.enableDnsSupport() : Boolean.parseBoolean(support);
        boolean newHostnames = hostnames == null ? vpc.enableDnsHostnames() : Boolean.parseBoolean(hostnames);
        if (newHostnames && !newSupport) {
          return AwsWire.ec2Error(400, "InvalidParameterValue",
              "DNS hostnames can only be enabled in a VPC that supports DNS resolution");
        }
        vpcs.put(vpc.vpcId(), new Vpc(vpc.vpcId(), vpc.cidrBlock(), newSupport, newHostnames));
        x.append(el("return", true));
      }
      case "DescribeRouteTables" -> {
        x.append("<routeTableSet>");
        routeTables.values().stream().filter(t -> matches(filters, "vpc-id", t.vpcId())).forEach(t -> routeTable(x, t));
        x.append("</routeTableSet>");
      }
      case "DescribeVpcEndpoints" -> {
        List<String> ids = members(p, "VpcEndpointId.");
        for (String id : ids) {
          if (!endpoints.containsKey(id)) {
            return AwsWire.ec2Error(400, "InvalidVpcEndpointId.NotFound", "The Vpc Endpoint Id '" + id + "' does not exist");
          }
        }
        x.append("<vpcEndpointSet>");
        endpoints.values().stream()
            .filter(e -> ids.isEmpty() || ids.contains(e.vpcEndpointId()))
            .filter(e -> matches(filters, "vpc-id", e.vpcId()) && matches(filters, "service-name", e.serviceName())
                && matches(filters, "vpc-endpoint-type", e.type()))
            .forEach(e -> x.append("<item>").append(endpoint(e, e.state())).append("</item>"));
        x.append("</vpcEndpointSet>");
      }
      case "CreateVpcEndpoint" -> {
        return createVpcEndpoint(p, requestId);
      }
      case "ModifyVpcEndpoint" -> {
        return modifyVpcEndpoint(p, requestId);
      }
      case "DescribeSecurityGroups" -> {
        List<String> ids = members(p, "GroupId.");
        for (String id : ids) {
          if (!groups.containsKey(id)) {
            return AwsWire.ec2Error(400, "InvalidGroup.NotFound", "The security group '" + id + "' does not exist");
          }
        }
        x.append("<securityGroupInfo>");
        groups.values().stream()
            .filter(g -> ids.isEmpty() || ids.contains(g.groupId()))
            .filter(g -> matches(filters, "vpc-id", g.vpcId()) && matches(filters, "group-name", g.groupName())
                && matches(filters, "group-id", g.groupId()))
            .forEach(g -> x.append("<item>").append(el("groupId", g.groupId())).append(el("groupName", g.groupName()))
                .append(el("vpcId", g.vpcId())).append(permissions("ipPermissions", g.ingress()))
                .append(permissions("ipPermissionsEgress", g.egress())).append("</item>"));
        x.append("</securityGroupInfo>");
      }
      case "CreateSecurityGroup" -> {
        String vpcId = one(p, "VpcId");
        String name = one(p, "GroupName");
        if (groups.values().stream().anyMatch(g -> g.vpcId().equals(vpcId) && g.groupName().equals(name))) {
          return AwsWire.ec2Error(400, "InvalidGroup.Duplicate", "The security group '" + name + "' already exists for "
              + "VPC '" + vpcId + "'");
        }
        String id = newId("sg-");
        // A new group lets everything out and nothing in, as EC2 creates it.
        groups.put(id, new SecurityGroup(id, name, vpcId, List.of(),
            List.of(new SecurityGroupRule("-1", null, null, List.of("0.0.0.0/0"), List.of(), List.of(), List.of()))));
        tags.put(id, tagSpecification(p));
        x.append(el("groupId", id));
      }
      case "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress" -> {
        SecurityGroup g = groups.get(one(p, "GroupId"));
        if (g == null) {
          return AwsWire.ec2Error(400, "InvalidGroup.NotFound", "The security group '" + one(p, "GroupId")
              + "' does not exist");
        }
        boolean ingress = action.endsWith("Ingress");
        List<SecurityGroupRule> rules = new ArrayList<>(ingress ? g.ingress() : g.egress());
        for (SecurityGroupRule wanted : ipPermissions(p)) {
          for (SecurityGroupRule peer : peers(wanted)) {
            if (rules.stream().flatMap(r -> peers(r).stream()).anyMatch(peer::equals)) {
              return AwsWire.ec2Error(400, "InvalidPermission.Duplicate", "the specified rule \"peer: "
                  + String.join(",", Stream.of(peer.cidrs(), peer.groupIds(), peer.prefixListIds()).flatMap(List::stream)
                  .toList()) + ", TCP, from port: " + peer.fromPort() + ", to port: " + peer.toPort()
                  + ", ALLOW\" already exists");
            }
          }
          merge(rules, wanted);
        }
        groups.put(g.groupId(), ingress ? new SecurityGroup(g.groupId(), g.groupName(), g.vpcId(), rules, g.egress())
            : new SecurityGroup(g.groupId(), g.groupName(), g.vpcId(), g.ingress(), rules));
        x.append(el("return", true));
      }
      case "DescribeManagedPrefixLists" -> {
        x.append("<prefixListSet>");
        prefixLists.values().stream().filter(l -> matches(filters, "prefix-list-id", l.prefixListId()))
            .forEach(l -> x.append("<item>").append(el("prefixListId", l.prefixListId()))
                .append(el("prefixListName", l.name())).append(el("addressFamily", "IPv4")).append("</item>"));
        x.append("</prefixListSet>");
      }
      case "GetManagedPrefixListEntries" -> {
        ManagedPrefixList list = prefixLists.get(one(p, "PrefixListId"));
        if (list == null) {
          return AwsWire.ec2Error(400, "InvalidPrefixListID.NotFound", "The prefix list ID does not exist");
        }
        x.append("<entrySet>");
        list.entries().forEach(c -> x.append("<item>").append(el("cidr", c)).append("</item>"));
        x.append("</entrySet>");
      }
      default -> throw new IllegalArgumentException("ec2 has no operation " + action + " here");
    }
    return AwsWire.ec2(action, requestId, x.toString());
  }

  private Answer createVpcEndpoint(Map<String, List<String>> p, String requestId) {
    String token = one(p, "ClientToken");
    if (token != null && clientTokens.containsKey(token)) {
      VpcEndpoint again = endpoints.get(clientTokens.get(token));
      return AwsWire.ec2("CreateVpcEndpoint", requestId, "<vpcEndpoint>" + endpoint(again, again.state())
          + "</vpcEndpoint>" + el("clientToken", token));
    }
    String vpcId = one(p, "VpcId");
    String serviceName = one(p, "ServiceName");
    String type = Optional.ofNullable(one(p, "VpcEndpointType")).orElse("Gateway");
    Vpc vpc = vpcs.get(vpcId);
    if (vpc == null) {
      return AwsWire.ec2Error(400, "InvalidVpcId.NotFound", "The Vpc Id '" + vpcId + "' does not exist");
    }
    List<String> subnetIds = members(p, "SubnetId.");
    List<String> routeTableIds = members(p, "RouteTableId.");
    List<String> groupIds = members(p, "SecurityGroupId.");
    boolean interfaceType = type.equals("Interface");
    boolean privateDns = interfaceType && !"false".equals(one(p, "PrivateDnsEnabled"));
    Answer refused = interfaceType ? refuseSubnets(vpcId, subnetIds, List.of()) : refuseRouteTables(vpcId, routeTableIds);
    if (refused != null) {
      return refused;
    }
    for (String groupId : groupIds) {
      if (!groups.containsKey(groupId) || !groups.get(groupId).vpcId().equals(vpcId)) {
        return AwsWire.ec2Error(400, "InvalidSecurityGroupId.NotFound", "The security group '" + groupId
            + "' does not exist in VPC '" + vpcId + "'");
      }
    }
    if (privateDns && !(vpc.enableDnsSupport() && vpc.enableDnsHostnames())) {
      return AwsWire.ec2Error(400, "InvalidParameter", "Enabling private DNS requires both enableDnsSupport and "
          + "enableDnsHostnames VPC attributes set to true for " + vpcId);
    }
    boolean conflict = privateDns && endpoints.values().stream().anyMatch(e -> e.vpcId().equals(vpcId)
        && e.serviceName().equals(serviceName) && e.privateDnsEnabled());
    if (conflict) {
      return AwsWire.ec2Error(400, "InvalidParameter", "private-dns-enabled cannot be set because there is already a "
          + "conflicting DNS domain for " + serviceName + " in the VPC " + vpcId);
    }
    String id = newId("vpce-");
    String policy = Optional.ofNullable(one(p, "PolicyDocument")).orElse(DEFAULT_ENDPOINT_POLICY);
    VpcEndpoint endpoint = new VpcEndpoint(id, vpcId, serviceName, type, "available", subnetIds, routeTableIds,
        interfaceType && groupIds.isEmpty() ? List.of(defaultGroup(vpcId)) : groupIds, privateDns,
        PolicyDocument.parse(policy));
    endpoints.put(id, endpoint);
    routeTableIds.forEach(t -> routeToS3(t, id));
    tags.put(id, tagSpecification(p));
    if (token != null) {
      clientTokens.put(token, id);
    }
    // Interface endpoints take minutes in AWS; here the answer says pending and the next describe available.
    return AwsWire.ec2("CreateVpcEndpoint", requestId, "<vpcEndpoint>"
        + endpoint(endpoint, interfaceType ? "pending" : "available") + "</vpcEndpoint>"
        + (token == null ? "" : el("clientToken", token)));
  }

  private Answer modifyVpcEndpoint(Map<String, List<String>> p, String requestId) {
    VpcEndpoint e = endpoints.get(one(p, "VpcEndpointId"));
    if (e == null) {
      return AwsWire.ec2Error(400, "InvalidVpcEndpointId.NotFound", "The Vpc Endpoint Id '" + one(p, "VpcEndpointId")
          + "' does not exist");
    }
    List<String> addSubnets = members(p, "AddSubnetId.");
    List<String> addTables = members(p, "AddRouteTableId.");
    List<String> addGroups = members(p, "AddSecurityGroupId.");
    Answer refused = addSubnets.isEmpty() ? null : refuseSubnets(e.vpcId(), addSubnets, e.subnetIds());
    refused = refused != null || addTables.isEmpty() ? refused : refuseRouteTables(e.vpcId(), addTables);
    if (refused != null) {
      return refused;
    }
    List<String> subnetIds = union(e.subnetIds(), addSubnets);
    List<String> tableIds = union(e.routeTableIds(), addTables);
    addTables.forEach(t -> routeToS3(t, e.vpcEndpointId()));
    PolicyDocument policy = e.policyDocument();
    if (one(p, "PolicyDocument") != null) {
      policy = PolicyDocument.parse(one(p, "PolicyDocument"));
      if (!policy.isParsable()) {
        return AwsWire.ec2Error(400, "InvalidPolicyDocument", "The policy document is malformed");
      }
    }
    endpoints.put(e.vpcEndpointId(), new VpcEndpoint(e.vpcEndpointId(), e.vpcId(), e.serviceName(), e.type(),
        e.state(), subnetIds, tableIds, union(e.securityGroupIds(), addGroups), e.privateDnsEnabled(), policy));
    return AwsWire.ec2("ModifyVpcEndpoint", requestId, el("return", true));
  }

  /** EC2 places an interface endpoint's network interfaces in at most one subnet per Availability Zone. */
  private Answer refuseSubnets(String vpcId, List<String> added, List<String> existing) {
    List<String> zones = new ArrayList<>();
    for (String id : union(existing, added)) {
      Optional<Subnet> subnet = subnets.stream().filter(s -> s.subnetId().equals(id) && s.vpcId().equals(vpcId))
          .findFirst();
      if (subnet.isEmpty()) {
        return AwsWire.ec2Error(400, "InvalidSubnetId.NotFound", "The subnet ID '" + id + "' does not exist in " + vpcId);
      }
      if (zones.contains(subnet.get().availabilityZone())) {
        return AwsWire.ec2Error(400, "DuplicateSubnetsInSameZone", "Found another VPC endpoint subnet in the "
            + "availability zone of " + id);
      }
      zones.add(subnet.get().availabilityZone());
    }
    return null;
  }

  private Answer refuseRouteTables(String vpcId, List<String> tableIds) {
    for (String id : tableIds) {
      if (!routeTables.containsKey(id) || !routeTables.get(id).vpcId().equals(vpcId)) {
        return AwsWire.ec2Error(400, "InvalidRouteTableId.NotFound", "The routeTable ID '" + id + "' does not exist");
      }
    }
    return null;
  }

  /** A gateway endpoint is reached through a route to the service's prefix list, which EC2 adds itself. */
  private void routeToS3(String tableId, String endpointId) {
    RouteTable t = routeTables.get(tableId);
    List<Route> routes = new ArrayList<>(t.routes());
    routes.add(new Route(null, s3PrefixList(), Route.TargetType.VPCE, endpointId));
    routeTables.put(tableId, new RouteTable(t.routeTableId(), t.vpcId(), t.main(), t.subnetIds(), routes));
  }

  /** The S3 prefix list of the region, as a seed route names it (ap-northeast-1's otherwise). */
  private String s3PrefixList() {
    return routeTables.values().stream().flatMap(t -> t.routes().stream())
        .filter(r -> r.destinationPrefixListId() != null && r.targetId() != null
            && endpoints.containsKey(r.targetId()) && endpoints.get(r.targetId()).serviceName().endsWith(".s3"))
        .map(Route::destinationPrefixListId).findFirst().orElse("pl-61a54008");
  }

  /** The VPC's default group, which EC2 gives an interface endpoint created without one. */
  private String defaultGroup(String vpcId) {
    return groups.values().stream().filter(g -> g.vpcId().equals(vpcId) && g.groupName().equals("default"))
        .map(SecurityGroup::groupId).findFirst().orElseThrow(() -> new IllegalArgumentException("no default group"));
  }

  private String endpoint(VpcEndpoint e, String state) {
    StringBuilder x = new StringBuilder();
    x.append(el("vpcEndpointId", e.vpcEndpointId())).append(el("vpcEndpointType", e.type()))
        .append(el("vpcId", e.vpcId())).append(el("serviceName", e.serviceName())).append(el("state", state));
    if (e.policyDocument() != null) {
      x.append(el("policyDocument", e.policyDocument().toJsonText()));
    }
    x.append(set("routeTableIdSet", e.routeTableIds())).append(set("subnetIdSet", e.subnetIds()));
    x.append("<groupSet>");
    e.securityGroupIds().forEach(g -> x.append("<item>").append(el("groupId", g)).append("</item>"));
    x.append("</groupSet>").append(el("privateDnsEnabled", e.privateDnsEnabled()));
    x.append(tagSet(tags.getOrDefault(e.vpcEndpointId(), Map.of())));
    return x.toString();
  }

  private static VpcEndpoint withPolicy(VpcEndpoint e, PolicyDocument policy) {
    return new VpcEndpoint(e.vpcEndpointId(), e.vpcId(), e.serviceName(), e.type(), e.state(), e.subnetIds(),
        e.routeTableIds(), e.securityGroupIds(), e.privateDnsEnabled(), policy);
  }

  private void routeTable(StringBuilder x, RouteTable t) {
    x.append("<item>").append(el("routeTableId", t.routeTableId())).append(el("vpcId", t.vpcId())).append("<routeSet>");
    for (Route r : t.routes()) {
      x.append("<item>");
      if (r.destination() != null) {
        x.append(el(r.destination().contains(":") ? "destinationIpv6CidrBlock" : "destinationCidrBlock", r.destination()));
      }
      if (r.destinationPrefixListId() != null) {
        x.append(el("destinationPrefixListId", r.destinationPrefixListId()));
      }
      String target = switch (r.targetType()) {
        case NAT -> "natGatewayId";
        case TGW -> "transitGatewayId";
        case PEERING -> "vpcPeeringConnectionId";
        case ENI -> "networkInterfaceId";
        default -> "gatewayId";
      };
      if (r.targetId() != null) {
        x.append(el(target, r.targetId()));
      }
      x.append(el("state", r.targetType() == Route.TargetType.BLACKHOLE ? "blackhole" : "active")).append("</item>");
    }
    x.append("</routeSet><associationSet>");
    if (t.main()) {
      x.append("<item>").append(el("main", true)).append("</item>");
    }
    t.subnetIds().forEach(s -> x.append("<item>").append(el("subnetId", s)).append(el("main", false)).append("</item>"));
    x.append("</associationSet></item>");
  }

  private static String permissions(String name, List<SecurityGroupRule> rules) {
    StringBuilder x = new StringBuilder("<" + name + ">");
    for (SecurityGroupRule r : rules) {
      x.append("<item>").append(el("ipProtocol", r.protocol()));
      if (r.fromPort() != null) {
        x.append(el("fromPort", r.fromPort())).append(el("toPort", r.toPort()));
      }
      x.append("<ipRanges>");
      r.cidrs().forEach(c -> x.append("<item>").append(el("cidrIp", c)).append("</item>"));
      x.append("</ipRanges><ipv6Ranges>");
      r.ipv6Cidrs().forEach(c -> x.append("<item>").append(el("cidrIpv6", c)).append("</item>"));
      x.append("</ipv6Ranges><groups>");
      r.groupIds().forEach(g -> x.append("<item>").append(el("groupId", g)).append("</item>"));
      x.append("</groups><prefixListIds>");
      r.prefixListIds().forEach(l -> x.append("<item>").append(el("prefixListId", l)).append("</item>"));
      x.append("</prefixListIds></item>");
    }
    return x.append("</").append(name).append('>').toString();
  }

  /** {@code IpPermissions.N.*} of an Authorize call. */
  private static List<SecurityGroupRule> ipPermissions(Map<String, List<String>> p) {
    List<SecurityGroupRule> rules = new ArrayList<>();
    for (int i = 1; p.containsKey("IpPermissions." + i + ".IpProtocol"); i++) {
      String prefix = "IpPermissions." + i + ".";
      String protocol = one(p, prefix + "IpProtocol");
      Integer from = Optional.ofNullable(one(p, prefix + "FromPort")).map(Integer::valueOf).orElse(null);
      Integer to = Optional.ofNullable(one(p, prefix + "ToPort")).map(Integer::valueOf).orElse(null);
      rules.add(new SecurityGroupRule(protocol.equals("6") ? "tcp" : protocol, from, to,
          indexed(p, prefix + "IpRanges.", ".CidrIp"), indexed(p, prefix + "Ipv6Ranges.", ".CidrIpv6"),
          indexed(p, prefix + "Groups.", ".GroupId"), indexed(p, prefix + "PrefixListIds.", ".PrefixListId")));
    }
    return rules;
  }

  /** One rule per peer: the unit EC2 calls a duplicate. */
  private static List<SecurityGroupRule> peers(SecurityGroupRule r) {
    List<SecurityGroupRule> peers = new ArrayList<>();
    r.cidrs().forEach(c -> peers.add(rule(r, List.of(c), List.of(), List.of(), List.of())));
    r.ipv6Cidrs().forEach(c -> peers.add(rule(r, List.of(), List.of(c), List.of(), List.of())));
    r.groupIds().forEach(g -> peers.add(rule(r, List.of(), List.of(), List.of(g), List.of())));
    r.prefixListIds().forEach(l -> peers.add(rule(r, List.of(), List.of(), List.of(), List.of(l))));
    return peers;
  }

  private static SecurityGroupRule rule(SecurityGroupRule r, List<String> cidrs, List<String> ipv6, List<String> groups,
      List<String> prefixLists) {
    return new SecurityGroupRule(r.protocol(), r.fromPort(), r.toPort(), cidrs, ipv6, groups, prefixLists);
  }

  /** DescribeSecurityGroups answers one permission per protocol and port range, holding all its peers. */
  private static void merge(List<SecurityGroupRule> rules, SecurityGroupRule added) {
    for (int i = 0; i < rules.size(); i++) {
      SecurityGroupRule r = rules.get(i);
      if (r.protocol().equals(added.protocol()) && java.util.Objects.equals(r.fromPort(), added.fromPort())
          && java.util.Objects.equals(r.toPort(), added.toPort())) {
        rules.set(i, new SecurityGroupRule(r.protocol(), r.fromPort(), r.toPort(), union(r.cidrs(), added.cidrs()),
            union(r.ipv6Cidrs(), added.ipv6Cidrs()), union(r.groupIds(), added.groupIds()),
            union(r.prefixListIds(), added.prefixListIds())));
        return;
      }
    }
    rules.add(added);
  }

  /** {@code Filter.N.Name} to its {@code Filter.N.Value.M}. */
  private static Map<String, List<String>> filters(Map<String, List<String>> p) {
    Map<String, List<String>> filters = new LinkedHashMap<>();
    for (int i = 1; p.containsKey("Filter." + i + ".Name"); i++) {
      filters.put(one(p, "Filter." + i + ".Name"), members(p, "Filter." + i + ".Value."));
    }
    if (p.containsKey("VpcId.1")) {
      filters.put("vpc-id", members(p, "VpcId."));
    }
    return filters;
  }

  private static boolean matches(Map<String, List<String>> filters, String name, String value) {
    return !filters.containsKey(name) || filters.get(name).contains(value);
  }

  /** Values of {@code Prefix.N.Suffix}, in order. */
  private static List<String> indexed(Map<String, List<String>> p, String prefix, String suffix) {
    List<String> values = new ArrayList<>();
    for (int i = 1; p.containsKey(prefix + i + suffix); i++) {
      values.add(one(p, prefix + i + suffix));
    }
    return values;
  }

  private static Map<String, String> tagSpecification(Map<String, List<String>> p) {
    Map<String, String> found = new LinkedHashMap<>();
    for (int i = 1; p.containsKey("TagSpecification.1.Tag." + i + ".Key"); i++) {
      found.put(one(p, "TagSpecification.1.Tag." + i + ".Key"), one(p, "TagSpecification.1.Tag." + i + ".Value"));
    }
    return found;
  }

  private static String tagSet(Map<String, String> tags) {
    StringBuilder x = new StringBuilder("<tagSet>");
    tags.forEach((k, v) -> x.append("<item>").append(el("key", k)).append(el("value", v)).append("</item>"));
    return x.append("</tagSet>").toString();
  }

  private static String set(String name, List<String> values) {
    StringBuilder x = new StringBuilder("<" + name + ">");
    values.forEach(v -> x.append(el("item", v)));
    return x.append("</").append(name).append('>').toString();
  }

  private static String el(String name, Object value) {
    return "<" + name + ">" + AwsWire.escape(String.valueOf(value)) + "</" + name + ">";
  }

  private String newId(String prefix) {
    return prefix + String.format("0local%011d", ++created);
  }

  private static List<String> union(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    b.stream().filter(v -> !all.contains(v)).forEach(all::add);
    return all;
  }

  // ---- ECS ----

  private Answer ecs(String operation, JsonNode r) {
    ObjectNode out = JSON.createObjectNode();
    switch (operation) {
      case "ListClusters" -> {
        ArrayNode arns = out.putArray("clusterArns");
        services.values().stream().map(EcsService::clusterArn).distinct().forEach(arns::add);
      }
      case "ListServices" -> {
        String cluster = name(r.path("cluster").asText());
        ArrayNode arns = out.putArray("serviceArns");
        services.values().stream().filter(s -> s.clusterName().equals(cluster)).map(EcsService::serviceArn)
            .forEach(arns::add);
      }
      case "DescribeServices" -> {
        String cluster = name(r.path("cluster").asText("default"));
        ArrayNode found = out.putArray("services");
        ArrayNode failures = out.putArray("failures");
        for (JsonNode wanted : r.path("services")) {
          EcsService s = services.get(cluster + "/" + name(wanted.asText()));
          if (s == null) {
            failures.addObject().put("arn", wanted.asText()).put("reason", "MISSING");
          } else {
            found.add(service(s, List.of(s.taskDefinitionArn())));
          }
        }
      }
      case "DescribeTaskDefinition" -> {
        Optional<ObjectNode> td = taskDefinition(r.path("taskDefinition").asText());
        if (td.isEmpty()) {
          return AwsWire.jsonError("ClientException", "Unable to describe task definition.");
        }
        out.set("taskDefinition", td.get());
        if (r.path("include").toString().contains("TAGS")) {
          out.set("tags", taskDefinitionTags.get(td.get().path("taskDefinitionArn").asText()));
        }
      }
      case "RegisterTaskDefinition" -> {
        return registerTaskDefinition((ObjectNode) r.deepCopy());
      }
      case "UpdateService" -> {
        String key = name(r.path("cluster").asText("default")) + "/" + name(r.path("service").asText());
        EcsService s = services.get(key);
        if (s == null) {
          return AwsWire.jsonError("ServiceNotFoundException", "Service not found.");
        }
        Optional<ObjectNode> td = taskDefinition(r.path("taskDefinition").asText(s.taskDefinitionArn()));
        if (td.isEmpty()) {
          return AwsWire.jsonError("ClientException", "TaskDefinition not found.");
        }
        String arn = td.get().path("taskDefinitionArn").asText();
        String old = s.taskDefinitionArn();
        services.put(key, s.withTaskDefinitionArn(arn));
        // The answer shows the rollout just started; the next DescribeServices finds it done.
        out.set("service", service(services.get(key), List.of(arn, old)));
      }
      default -> throw new IllegalArgumentException("ecs has no operation " + operation + " here");
    }
    return new Answer(200, AwsWire.JSON_CONTENT, out.toString());
  }

  private Answer registerTaskDefinition(ObjectNode request) {
    String family = request.path("family").asText("");
    JsonNode containers = request.path("containerDefinitions");
    if (family.isEmpty() || !containers.isArray() || containers.isEmpty()) {
      return AwsWire.jsonError("ClientException", "Family and container definitions are required.");
    }
    for (JsonNode c : containers) {
      if (c.path("name").asText("").isEmpty() || c.path("image").asText("").isEmpty()) {
        return AwsWire.jsonError("ClientException", "Container.image should not be null or empty.");
      }
    }
    boolean fargate = request.path("requiresCompatibilities").toString().contains("FARGATE");
    if (fargate && (!request.has("cpu") || !request.has("memory") || !"awsvpc".equals(request.path("networkMode").asText()))) {
      return AwsWire.jsonError("ClientException", "Fargate requires task definition to have cpu and memory values, "
          + "and the awsvpc network mode.");
    }
    int revision = taskDefinitions.values().stream().filter(t -> t.path("family").asText().equals(family))
        .mapToInt(t -> t.path("revision").asInt()).max().orElse(0) + 1;
    String arn = "arn:aws:ecs:" + region + ":" + account + ":task-definition/" + family + ":" + revision;
    JsonNode requestTags = request.remove("tags");
    ObjectNode td = request;
    td.put("taskDefinitionArn", arn).put("revision", revision).put("status", "ACTIVE")
        .put("registeredAt", 1.7e9).put("registeredBy", "arn:aws:iam::" + account + ":user/admin");
    td.putArray("compatibilities").add("EC2").add("FARGATE");
    taskDefinitions.put(arn, td);
    taskDefinitionTags.put(arn, requestTags == null ? JSON.createArrayNode() : (ArrayNode) requestTags);
    ObjectNode out = JSON.createObjectNode();
    out.set("taskDefinition", td);
    out.set("tags", taskDefinitionTags.get(arn));
    return new Answer(200, AwsWire.JSON_CONTENT, out.toString());
  }

  /** A task definition by ARN, {@code family:revision}, or family (its latest ACTIVE revision), as ECS resolves it. */
  private Optional<ObjectNode> taskDefinition(String reference) {
    String wanted = reference.startsWith("arn:") ? reference.substring(reference.indexOf('/') + 1) : reference;
    return taskDefinitions.values().stream()
        .filter(t -> wanted.contains(":")
            ? wanted.equals(t.path("family").asText() + ":" + t.path("revision").asInt())
            : wanted.equals(t.path("family").asText()))
        .max(Comparator.comparingInt(t -> t.path("revision").asInt()));
  }

  /** @param deployments task definitions of its deployments, the primary first */
  private ObjectNode service(EcsService s, List<String> deployments) {
    ObjectNode svc = JSON.createObjectNode();
    svc.put("serviceArn", s.serviceArn()).put("serviceName", s.serviceName()).put("clusterArn", s.clusterArn())
        .put("status", "ACTIVE").put("launchType", s.launchType()).put("platformVersion", s.platformVersion())
        .put("taskDefinition", s.taskDefinitionArn()).put("desiredCount", 1).put("runningCount", 1);
    ObjectNode vpc = svc.putObject("networkConfiguration").putObject("awsvpcConfiguration");
    s.subnetIds().forEach(vpc.putArray("subnets")::add);
    s.securityGroupIds().forEach(vpc.putArray("securityGroups")::add);
    vpc.put("assignPublicIp", s.assignPublicIp() ? "ENABLED" : "DISABLED");
    ArrayNode list = svc.putArray("deployments");
    boolean rolling = deployments.size() > 1;
    for (int i = 0; i < deployments.size(); i++) {
      list.addObject().put("status", i == 0 ? "PRIMARY" : "ACTIVE").put("taskDefinition", deployments.get(i))
          .put("desiredCount", i == 0 ? 1 : 0).put("runningCount", i == 0 && !rolling ? 1 : rolling ? 0 : 1)
          .put("rolloutState", rolling && i == 0 ? "IN_PROGRESS" : "COMPLETED");
    }
    svc.putObject("deploymentController").put("type", "ECS");
    return svc;
  }

  private ObjectNode taskDefinitionJson(TaskDefinition t) {
    ObjectNode td = JSON.createObjectNode();
    td.put("taskDefinitionArn", t.taskDefinitionArn()).put("family", t.family()).put("revision", t.revision())
        .put("status", "ACTIVE").put("networkMode", "awsvpc").put("cpu", "256").put("memory", "512")
        .put("registeredAt", 1.7e9).put("registeredBy", "arn:aws:iam::" + account + ":user/ci");
    if (t.executionRoleArn() != null) {
      td.put("executionRoleArn", t.executionRoleArn());
    }
    td.putArray("requiresCompatibilities").add("FARGATE");
    td.putArray("compatibilities").add("EC2").add("FARGATE");
    td.putArray("requiresAttributes").addObject().put("name", "com.amazonaws.ecs.capability.ecr-auth");
    ArrayNode containers = td.putArray("containerDefinitions");
    for (ContainerDefinition c : t.containers()) {
      ObjectNode container = containers.addObject().put("name", c.name()).put("image", c.image()).put("essential", true);
      ArrayNode ports = container.putArray("portMappings");
      c.portMappings().forEach(m -> ports.addObject().put("containerPort", m.containerPort()).put("protocol", m.protocol()));
      if (c.logDriver() != null) {
        ObjectNode log = container.putObject("logConfiguration").put("logDriver", c.logDriver());
        c.logOptions().forEach(log.putObject("options")::put);
        ArrayNode secretOptions = log.putArray("secretOptions");
        c.logSecrets().forEach(s -> secretOptions.addObject().put("name", "LOG_SECRET").put("valueFrom", s));
      }
      ArrayNode injected = container.putArray("secrets");
      for (int i = 0; i < c.secrets().size(); i++) {
        injected.addObject().put("name", "SECRET_" + i).put("valueFrom", c.secrets().get(i));
      }
      if (c.repositoryCredentials() != null) {
        container.putObject("repositoryCredentials").put("credentialsParameter", c.repositoryCredentials());
      }
    }
    return td;
  }

  /** {@code web} from {@code arn:aws:ecs:...:cluster/web}, or the name itself. */
  private static String name(String nameOrArn) {
    return nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1);
  }

  // ---- ECR, Secrets Manager, CloudWatch Logs ----

  private Answer ecr(String operation, JsonNode r) {
    ObjectNode out = JSON.createObjectNode();
    String prefix = r.path("ecrRepositoryPrefix").asText();
    switch (operation) {
      case "DescribePullThroughCacheRules" -> {
        List<String> wanted = new ArrayList<>();
        r.path("ecrRepositoryPrefixes").forEach(n -> wanted.add(n.asText()));
        for (String w : wanted) {
          if (!cacheRules.containsKey(w)) {
            return AwsWire.jsonError("PullThroughCacheRuleNotFoundException", "The pull through cache rule with "
                + "prefix '" + w + "' does not exist in the registry with id '" + account + "'");
          }
        }
        ArrayNode rules = out.putArray("pullThroughCacheRules");
        cacheRules.values().stream().filter(c -> wanted.isEmpty() || wanted.contains(c.ecrRepositoryPrefix()))
            .forEach(c -> rules.add(cacheRule(c)));
      }
      case "CreatePullThroughCacheRule" -> {
        if (cacheRules.containsKey(prefix)) {
          return AwsWire.jsonError("PullThroughCacheRuleAlreadyExistsException", "A pull through cache rule with "
              + "prefix '" + prefix + "' already exists");
        }
        String upstream = r.path("upstreamRegistry").asText();
        String credential = r.path("credentialArn").asText(null);
        Answer refused = refuseCredential(upstream, credential);
        if (refused != null) {
          return refused;
        }
        PullThroughCacheRule rule = new PullThroughCacheRule(prefix, upstream,
            r.path("upstreamRegistryUrl").asText(), credential, null);
        cacheRules.put(prefix, rule);
        out = cacheRule(rule);
      }
      case "UpdatePullThroughCacheRule" -> {
        PullThroughCacheRule rule = cacheRules.get(prefix);
        if (rule == null) {
          return AwsWire.jsonError("PullThroughCacheRuleNotFoundException", "no rule " + prefix);
        }
        String credential = r.path("credentialArn").asText(null);
        Answer refused = refuseCredential(rule.upstreamRegistry(), credential);
        if (refused != null) {
          return refused;
        }
        PullThroughCacheRule updated = new PullThroughCacheRule(prefix, rule.upstreamRegistry(),
            rule.upstreamRegistryUrl(), credential, rule.upstreamRepositoryPrefix());
        cacheRules.put(prefix, updated);
        out = cacheRule(updated);
      }
      case "ValidatePullThroughCacheRule" -> {
        PullThroughCacheRule rule = cacheRules.get(prefix);
        if (rule == null) {
          return AwsWire.jsonError("PullThroughCacheRuleNotFoundException", "no rule " + prefix);
        }
        boolean valid = rule.credentialArn() == null || secret(rule.credentialArn()).isPresent();
        out = cacheRule(rule).put("isValid", valid);
        if (!valid) {
          out.put("failure", "Unable to access the secret " + rule.credentialArn());
        }
      }
      case "GetRegistryPolicy" -> {
        if (seed.registryPolicy() == null) {
          return AwsWire.jsonError("RegistryPolicyNotFoundException", "Registry policy does not exist in the registry");
        }
        out.put("registryId", account).put("policyText", seed.registryPolicy().toJsonText());
      }
      case "DescribeRepositories" -> {
        ArrayNode repositories = out.putArray("repositories");
        seed.repositories().forEach(repo -> repositories.addObject().put("repositoryName", repo.repositoryName()));
      }
      case "DescribeImages" -> {
        String repository = r.path("repositoryName").asText();
        String tag = r.path("imageIds").path(0).path("imageTag").asText();
        boolean held = seed.repositories().stream()
            .anyMatch(repo -> repo.repositoryName().equals(repository) && repo.imageTags().contains(tag));
        if (!held) {
          return AwsWire.jsonError("ImageNotFoundException", "The image requested does not exist");
        }
        out.putArray("imageDetails").addObject().put("repositoryName", repository).putArray("imageTags").add(tag);
      }
      default -> throw new IllegalArgumentException("ecr has no operation " + operation + " here");
    }
    return new Answer(200, AwsWire.JSON_CONTENT, out.toString());
  }

  /** ECR refuses a rule for a registry that needs credentials without a readable {@code ecr-pullthroughcache/} secret. */
  private Answer refuseCredential(String upstream, String credential) {
    if (credential == null) {
      return CREDENTIAL_REGISTRIES.contains(upstream)
          ? AwsWire.jsonError("InvalidParameterException", "A credential ARN is required for " + upstream) : null;
    }
    if (!credential.contains(":secret:ecr-pullthroughcache/")) {
      return AwsWire.jsonError("InvalidParameterException", "The secret name must start with ecr-pullthroughcache/");
    }
    return secret(credential).isPresent() ? null
        : AwsWire.jsonError("SecretNotFoundException", "The specified secret " + credential + " does not exist");
  }

  private ObjectNode cacheRule(PullThroughCacheRule c) {
    ObjectNode rule = JSON.createObjectNode().put("ecrRepositoryPrefix", c.ecrRepositoryPrefix())
        .put("upstreamRegistry", c.upstreamRegistry()).put("upstreamRegistryUrl", c.upstreamRegistryUrl())
        .put("registryId", account);
    if (c.credentialArn() != null) {
      rule.put("credentialArn", c.credentialArn());
    }
    return rule;
  }

  /** A secret by full ARN, partial ARN (without the random suffix) or name. */
  private Optional<SecretInfo> secret(String id) {
    return secrets.stream().filter(s -> s.arn().equals(id) || s.name().equals(id)
        || (id.startsWith("arn:") && s.arn().startsWith(id + "-") && s.arn().length() == id.length() + 7)).findFirst();
  }

  private Answer secretsManager(String operation, JsonNode r) {
    if (!operation.equals("DescribeSecret")) {
      throw new IllegalArgumentException("secretsmanager has no operation " + operation + " here");
    }
    return secret(r.path("SecretId").asText())
        .map(s -> new Answer(200, AwsWire.JSON_CONTENT,
            JSON.createObjectNode().put("ARN", s.arn()).put("Name", s.name()).toString()))
        .orElse(AwsWire.jsonError("ResourceNotFoundException", "Secrets Manager can't find the specified secret."));
  }

  private Answer logs(String operation, JsonNode r) {
    if (!operation.equals("DescribeLogGroups")) {
      throw new IllegalArgumentException("logs has no operation " + operation + " here");
    }
    String prefix = r.path("logGroupNamePrefix").asText("");
    ObjectNode out = JSON.createObjectNode();
    ArrayNode found = out.putArray("logGroups");
    seed.logGroups().stream().filter(g -> g.logGroupName().startsWith(prefix))
        .forEach(g -> found.addObject().put("logGroupName", g.logGroupName()));
    return new Answer(200, AwsWire.JSON_CONTENT, out.toString());
  }

  // ---- IAM ----

  private Answer iam(String action, Map<String, List<String>> p, String requestId) {
    String roleName = one(p, "RoleName");
    IamRole role = roleName == null ? null : roles.get(roleName);
    if (roleName != null && role == null) {
      return AwsWire.queryError(404, "NoSuchEntity", "The role with name " + roleName + " cannot be found.");
    }
    String inner;
    switch (action) {
      case "GetRole" -> {
        StringBuilder x = new StringBuilder("<Role>").append(el("Path", "/")).append(el("RoleName", role.roleName()))
            .append(el("RoleId", "AROA" + role.roleName().toUpperCase(java.util.Locale.ROOT)))
            .append(el("Arn", role.arn())).append(el("CreateDate", "2024-01-01T00:00:00Z"));
        if (role.assumeRolePolicyDocument() != null) {
          x.append(el("AssumeRolePolicyDocument", encoded(role.assumeRolePolicyDocument())));
        }
        if (role.permissionsBoundary() != null) {
          x.append("<PermissionsBoundary>").append(el("PermissionsBoundaryType", "Policy"))
              .append(el("PermissionsBoundaryArn", role.permissionsBoundary().policyArn())).append("</PermissionsBoundary>");
        }
        inner = x.append("</Role>").toString();
      }
      case "ListAttachedRolePolicies" -> {
        StringBuilder x = new StringBuilder("<AttachedPolicies>");
        role.attachedPolicies().forEach(a -> x.append("<member>").append(el("PolicyName", a.policyName()))
            .append(el("PolicyArn", a.policyArn())).append("</member>"));
        inner = x.append("</AttachedPolicies>").append(el("IsTruncated", false)).toString();
      }
      case "ListRolePolicies" -> {
        StringBuilder x = new StringBuilder("<PolicyNames>");
        role.inlinePolicies().forEach(i -> x.append(el("member", i.policyName())));
        inner = x.append("</PolicyNames>").append(el("IsTruncated", false)).toString();
      }
      case "GetRolePolicy" -> {
        Optional<NamedPolicy> policy = role.inlinePolicies().stream()
            .filter(i -> i.policyName().equals(one(p, "PolicyName"))).findFirst();
        if (policy.isEmpty()) {
          return AwsWire.queryError(404, "NoSuchEntity", "The role policy with name " + one(p, "PolicyName")
              + " cannot be found.");
        }
        inner = el("RoleName", roleName) + el("PolicyName", policy.get().policyName())
            + el("PolicyDocument", encoded(policy.get().document()));
      }
      case "GetPolicy", "GetPolicyVersion" -> {
        NamedPolicy policy = managedPolicies.get(one(p, "PolicyArn"));
        if (policy == null) {
          return AwsWire.queryError(404, "NoSuchEntity", "Policy " + one(p, "PolicyArn") + " does not exist.");
        }
        inner = action.equals("GetPolicy")
            ? "<Policy>" + el("PolicyName", policy.policyName()) + el("Arn", policy.policyArn())
                + el("DefaultVersionId", "v1") + "</Policy>"
            : "<PolicyVersion>" + el("Document", encoded(policy.document())) + el("VersionId", "v1")
                + el("IsDefaultVersion", true) + "</PolicyVersion>";
      }
      case "SimulatePrincipalPolicy" -> {
        return simulate(p, requestId);
      }
      case "PutRolePolicy", "UpdateAssumeRolePolicy" -> {
        PolicyDocument document = PolicyDocument.parse(one(p, "PolicyDocument"));
        if (!document.isParsable()) {
          return AwsWire.queryError(400, "MalformedPolicyDocument", "Syntax errors in policy.");
        }
        roles.put(roleName, action.equals("PutRolePolicy") ? withInline(role, one(p, "PolicyName"), document)
            : new IamRole(role.roleName(), role.arn(), document, role.attachedPolicies(), role.inlinePolicies(),
                role.permissionsBoundary()));
        inner = "";
      }
      default -> throw new IllegalArgumentException("iam has no operation " + action + " here");
    }
    return AwsWire.query("iam", action, requestId, inner);
  }

  private static IamRole withInline(IamRole role, String name, PolicyDocument document) {
    List<NamedPolicy> inline = new ArrayList<>(role.inlinePolicies().stream()
        .filter(i -> !i.policyName().equals(name)).toList());
    inline.add(new NamedPolicy(name, null, document));
    return new IamRole(role.roleName(), role.arn(), role.assumeRolePolicyDocument(), role.attachedPolicies(), inline,
        role.permissionsBoundary());
  }

  /**
   * The simulator, as the role: its identity policies and boundary as they are now, evaluated by pullpath's evaluator. */
  private Answer simulate(Map<String, List<String>> p, String requestId) {
    String source = one(p, "PolicySourceArn");
    Optional<IamRole> role = roles.values().stream().filter(r -> r.arn().equals(source)).findFirst();
    if (role.isEmpty() && !source.equals(caller)) {
      return AwsWire.queryError(404, "NoSuchEntity", "The user or role " + source + " cannot be found.");
    }
    StringBuilder x = new StringBuilder("<EvaluationResults>");
    for (String action : members(p, "ActionNames.member.")) {
      for (String resource : members(p, "ResourceArns.member.")) {
        // The caller administers the account: it may do anything.
        Decision decision = role.isEmpty() ? Decision.ALLOWED : PolicyEvaluator.evaluateWithBoundary(
            role.get().identityPolicies(),
            role.get().permissionsBoundary() == null ? null : role.get().permissionsBoundary().document(),
            PolicyRequest.of(action, resource)).decision();
        String answer = decision == Decision.ALLOWED ? "allowed"
            : decision == Decision.EXPLICIT_DENY ? "explicitDeny" : "implicitDeny";
        x.append("<member>").append(el("EvalActionName", action)).append(el("EvalResourceName", resource))
            .append(el("EvalDecision", answer)).append("</member>");
      }
    }
    return AwsWire.query("iam", "SimulatePrincipalPolicy", requestId,
        x.append("</EvaluationResults>").append(el("IsTruncated", false)).toString());
  }

  /** IAM sends policy documents URL-encoded (RFC 3986). */
  private static String encoded(PolicyDocument document) {
    return URLEncoder.encode(document.toJsonText(), StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
