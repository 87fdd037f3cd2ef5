package dev.pullpath.planned;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pullpath.check.SourcePosition;
import dev.pullpath.policy.PolicyDocument;
import dev.pullpath.snapshot.ContainerDefinition;
import dev.pullpath.snapshot.SnapshotPart;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Task definitions and VPC endpoints of a CloudFormation or SAM template (JSON or YAML, short-form
 * intrinsics such as {@code !Ref} and {@code !Sub} read as their long form): {@code AWS::ECS::TaskDefinition}
 * and {@code AWS::EC2::VPCEndpoint} resources are read, other types not yet. Values are resolved from literals, parameter defaults and the pseudo parameters
 * {@code AWS::AccountId} and {@code AWS::Region} (filled in from the account the template lands in);
 * anything else (another resource's attribute, a condition) is unknown and stated, never guessed.
 */
public final class CloudFormationTemplates {
  /** Placeholders for the pseudo parameters, filled in once the account is known. */
  static final String ACCOUNT_ID = "${AWS::AccountId}";
  static final String REGION = "${AWS::Region}";

  private static final YAMLFactory YAML = new YAMLFactory();
  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");

  private CloudFormationTemplates() {}

  public static List<PlannedTaskDefinition> read(Path file, String shownAs) {
    return readAll(file, shownAs).taskDefinitions();
  }

  /** Every resource of the template that pullpath reads: task definitions and VPC endpoints. */
  public static PlannedResources readAll(Path file, String shownAs) {
    String text = PlannedInputException.readText(file, shownAs);
    return parseAll(text, shownAs);
  }

  static List<PlannedTaskDefinition> parse(String text, String shownAs) {
    return parseAll(text, shownAs).taskDefinitions();
  }

  static PlannedResources parseAll(String text, String shownAs) {
    return parseAll(text, shownAs, TemplateParameters.NONE);
  }

  /**
   * Every resource pullpath reads of several templates, their parameters' values taken from
   * {@code parameters} (one file for all of them); a name in it that no template declares is an error.
   */
  public static PlannedResources readAll(List<Path> files, java.util.function.Function<Path, String> shownAs,
      TemplateParameters parameters) {
    PlannedResources all = PlannedResources.of(List.of());
    java.util.Set<String> declared = new java.util.HashSet<>();
    for (Path file : files) {
      String text = PlannedInputException.readText(file, shownAs.apply(file));
      all = all.plus(parseAll(text, shownAs.apply(file), parameters, declared));
    }
    List<String> undeclared = parameters.names().stream().filter(n -> !declared.contains(n)).toList();
    if (!undeclared.isEmpty()) {
      throw new PlannedInputException(parameters.file() + ": " + String.join(", ", undeclared)
          + (undeclared.size() == 1 ? " is not a parameter" : " are not parameters") + " of "
          + files.stream().map(shownAs).collect(java.util.stream.Collectors.joining(", ")));
    }
    return all;
  }

  static PlannedResources parseAll(String text, String shownAs, TemplateParameters values) {
    return parseAll(text, shownAs, values, new java.util.HashSet<>());
  }

  private static PlannedResources parseAll(String text, String shownAs, TemplateParameters values,
      java.util.Set<String> declared) {
    JsonPositions.Document document;
    // YAML is a superset of the JSON templates are written in, so one parser reads both.
    try (JsonParser parser = YAML.createParser(text)) {
      document = JsonPositions.read(parser, shownAs);
    } catch (JsonProcessingException e) {
      throw new PlannedInputException(shownAs + ": not a JSON or YAML template (line "
          + e.getLocation().getLineNr() + ": " + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new PlannedInputException(shownAs + ": cannot read (" + e.getMessage() + ")");
    }
    JsonNode template = document.tree();
    if (template == null || !template.path("Resources").isObject()) {
      throw new PlannedInputException(shownAs + ": a template needs a Resources section");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    template.path("Parameters").fields().forEachRemaining(p -> {
      declared.add(p.getKey());
      JsonNode value = p.getValue().path("Default");
      if (values.values().containsKey(p.getKey())) {
        parameters.put(p.getKey(), values.values().get(p.getKey()));
      } else if (values.previous().contains(p.getKey())) {
        notes.add(shownAs + ": parameter " + p.getKey() + " keeps its previous value (" + values.file()
            + "), which pullpath does not know; values that use it are unknown");
      } else if (value.isValueNode() && !value.isNull()) {
        parameters.put(p.getKey(), value.asText());
      } else {
        notes.add(shownAs + ": parameter " + p.getKey() + " has neither a value"
            + (values.file() == null ? " (no --parameters FILE)" : " in " + values.file())
            + " nor a default; values that use it are unknown");
      }
    });
    List<PlannedTaskDefinition> found = new ArrayList<>();
    List<PlannedEndpoint> endpoints = new ArrayList<>();
    Resolver resolver = new Resolver(parameters, template.path("Resources"));
    Others others = new Others(shownAs, resolver, document.positions(), notes);
    for (Iterator<Map.Entry<String, JsonNode>> it = template.path("Resources").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> resource = it.next();
      String type = resource.getValue().path("Type").asText();
      if (type.equals("AWS::ECS::TaskDefinition")) {
        found.add(taskDefinition(resource.getKey(), resource.getValue().path("Properties"), resolver, shownAs,
            document.positions()));
      } else if (type.equals("AWS::EC2::VPCEndpoint")) {
        endpoints.add(endpoint(resource.getKey(), resource.getValue().path("Properties"), resolver, shownAs,
            document.positions()));
      } else {
        others.read(resource.getKey(), type, resource.getValue().path("Properties"));
      }
    }
    PlannedResources read = new PlannedResources(found, endpoints, others.groups, others.rules, others.roles,
        others.policies, others.cacheRules, notes, others.unknownParts, List.of(), others.routeTables, others.routes,
        others.associations, others.services);
    if (read.isEmpty()) {
      throw new PlannedInputException(shownAs + ": no resource in the template that pullpath reads ("
          + String.join(", ", TYPES) + ")");
    }
    return read;
  }

  /** The resource types pullpath reads from a template. */
  static final List<String> TYPES = List.of("AWS::ECS::TaskDefinition", "AWS::EC2::VPCEndpoint",
      "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress",
      "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::ECR::PullThroughCacheRule", "AWS::EC2::RouteTable",
      "AWS::EC2::Route", "AWS::EC2::SubnetRouteTableAssociation", "AWS::ECS::Service");

  /**
   * Security groups (and their separate rules), roles (and separate policies) and cache rules. A value
   * pullpath cannot resolve is stated in {@code notes} and its part's checks wait (PP000); the resource, or
   * the one rule or policy that needs it, is left out rather than guessed.
   */
  private static final class Others {
    final String file;
    final Resolver resolver;
    final JsonPositions positions;
    final List<String> notes;
    final List<PlannedSecurityGroup> groups = new ArrayList<>();
    final List<PlannedSecurityGroup.Rule> rules = new ArrayList<>();
    final List<PlannedRole> roles = new ArrayList<>();
    final List<PlannedRole.Policy> policies = new ArrayList<>();
    final List<PlannedCacheRule> cacheRules = new ArrayList<>();
    final List<PlannedRouteTable> routeTables = new ArrayList<>();
    final List<PlannedRouteTable.PlannedRoute> routes = new ArrayList<>();
    final List<PlannedRouteTable.Association> associations = new ArrayList<>();
    final List<PlannedService> services = new ArrayList<>();
    final java.util.Set<SnapshotPart> unknownParts = java.util.EnumSet.noneOf(SnapshotPart.class);

    Others(String file, Resolver resolver, JsonPositions positions, List<String> notes) {
      this.file = file;
      this.resolver = resolver;
      this.positions = positions;
      this.notes = notes;
    }

    void read(String logicalId, String type, JsonNode properties) {
      String pointer = "/Resources/" + logicalId.replace("~", "~0").replace("/", "~1");
      SourcePosition position = Optional.ofNullable(positions.at(pointer + "/Properties"))
          .orElseGet(() -> positions.at(pointer)).of(logicalId);
      String where = file + " " + logicalId;
      switch (type) {
        case "AWS::EC2::SecurityGroup" -> group(logicalId, properties, where, position);
        case "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress" -> {
          boolean ingress = type.endsWith("Ingress");
          Optional<String> group = resolver.resolve(properties.path("GroupId"));
          if (group.isEmpty()) {
            unknown(where + ": GroupId is " + Resolver.describe(properties.get("GroupId")) + ", which pullpath "
                + "cannot resolve; the security group checks wait (PP000)", SnapshotPart.SECURITY_GROUPS);
            return;
          }
          rule(properties, ingress, where).ifPresent(r -> rules.add(
              new PlannedSecurityGroup.Rule(file, logicalId, group.get(), ingress, r, position)));
        }
        case "AWS::IAM::Role" -> role(logicalId, properties, where, position);
        case "AWS::IAM::Policy" -> {
          Optional<List<String>> named = resolver.resolveList(properties.path("Roles"));
          if (named.isEmpty()) {
            unknown(where + ": Roles are " + Resolver.describe(properties.get("Roles")) + ", which pullpath cannot "
                + "resolve; the execution role checks wait (PP000)", SnapshotPart.IAM_ROLES);
            return;
          }
          if (!named.get().isEmpty()) {
            policy(properties, where, named.get(), logicalId, position).ifPresent(policies::add);
          }
        }
        case "AWS::ECR::PullThroughCacheRule" -> cacheRule(logicalId, properties, where, position);
        case "AWS::EC2::RouteTable" -> {
          Optional<String> vpc = resolver.resolve(properties.path("VpcId"));
          if (vpc.isEmpty()) {
            unknown(where + ": VpcId is " + Resolver.describe(properties.get("VpcId")) + ", which pullpath cannot "
                + "resolve; the route checks wait (PP000)", SnapshotPart.ROUTE_TABLES);
            return;
          }
          routeTables.add(new PlannedRouteTable(file, logicalId, null, vpc.get(), List.of(), position));
        }
        case "AWS::EC2::Route" -> {
          Optional<String> table = resolver.resolve(properties.path("RouteTableId"));
          Optional<dev.pullpath.snapshot.Route> route = table.isEmpty() ? Optional.empty() : route(properties, where);
          if (table.isEmpty()) {
            unknown(where + ": RouteTableId is " + Resolver.describe(properties.get("RouteTableId")) + ", which "
                + "pullpath cannot resolve; the route checks wait (PP000)", SnapshotPart.ROUTE_TABLES);
          }
          route.ifPresent(r -> routes.add(new PlannedRouteTable.PlannedRoute(file, logicalId, table.get(), r, position)));
        }
        case "AWS::ECS::Service" -> service(logicalId, properties, where, position);
        case "AWS::EC2::SubnetRouteTableAssociation" -> {
          Optional<String> table = resolver.resolve(properties.path("RouteTableId"));
          Optional<String> subnet = resolver.resolve(properties.path("SubnetId"));
          if (table.isEmpty() || subnet.isEmpty()) {
            String field = table.isEmpty() ? "RouteTableId" : "SubnetId";
            unknown(where + ": " + field + " is " + Resolver.describe(properties.get(field)) + ", which pullpath "
                + "cannot resolve; the route checks wait (PP000)", SnapshotPart.ROUTE_TABLES);
            return;
          }
          associations.add(new PlannedRouteTable.Association(file, logicalId, table.get(), subnet.get(), position));
        }
        default -> { } // not a resource the pull path depends on
      }
    }

    private void group(String logicalId, JsonNode properties, String where, SourcePosition position) {
      Optional<String> vpc = resolver.resolve(properties.path("VpcId"));
      if (vpc.isEmpty()) {
        unknown(where + ": VpcId is " + Resolver.describe(properties.get("VpcId")) + ", which pullpath cannot "
            + "resolve; the security group checks wait (PP000)", SnapshotPart.SECURITY_GROUPS);
        return;
      }
      List<dev.pullpath.snapshot.SecurityGroupRule> ingress = new ArrayList<>();
      properties.path("SecurityGroupIngress").forEach(r -> rule(r, true, where).ifPresent(ingress::add));
      List<dev.pullpath.snapshot.SecurityGroupRule> egress = new ArrayList<>();
      if (properties.has("SecurityGroupEgress")) {
        properties.path("SecurityGroupEgress").forEach(r -> rule(r, false, where).ifPresent(egress::add));
      } else {
        // EC2 gives a new group one rule allowing all outbound traffic; CloudFormation keeps it.
        egress.add(new dev.pullpath.snapshot.SecurityGroupRule("-1", null, null, List.of("0.0.0.0/0"), List.of(),
            List.of(), List.of()));
      }
      groups.add(new PlannedSecurityGroup(file, logicalId, null, vpc.get(),
          resolver.resolve(properties.path("GroupName")).orElse(null), ingress, egress, position));
    }

    /** One rule in EC2's shape; empty (and stated) when a value it has cannot be resolved. */
    private Optional<dev.pullpath.snapshot.SecurityGroupRule> rule(JsonNode r, boolean ingress, String where) {
      String peer = ingress ? "Source" : "Destination";
      List<String> fields = List.of("IpProtocol", "FromPort", "ToPort", "CidrIp", "CidrIpv6", peer + "SecurityGroupId",
          peer + "PrefixListId");
      Map<String, String> values = new LinkedHashMap<>();
      for (String field : fields) {
        if (r.has(field)) {
          Optional<String> value = resolver.resolve(r.get(field));
          if (value.isEmpty()) {
            unknown(where + ": a security group rule's " + field + " is " + Resolver.describe(r.get(field))
                + ", which pullpath cannot resolve; the security group checks wait (PP000)",
                SnapshotPart.SECURITY_GROUPS);
            return Optional.empty();
          }
          values.put(field, value.get());
        }
      }
      if (r.has("SourceSecurityGroupName")) {
        unknown(where + ": a rule names its peer by SourceSecurityGroupName, which pullpath does not resolve; the "
            + "security group checks wait (PP000)", SnapshotPart.SECURITY_GROUPS);
        return Optional.empty();
      }
      String protocol = values.getOrDefault("IpProtocol", "-1").toLowerCase(java.util.Locale.ROOT);
      return Optional.of(new dev.pullpath.snapshot.SecurityGroupRule(protocol, port(values.get("FromPort")),
          port(values.get("ToPort")), optional(values.get("CidrIp")), optional(values.get("CidrIpv6")),
          optional(values.get(peer + "SecurityGroupId")), optional(values.get(peer + "PrefixListId"))));
    }

    /**
     * A service: its cluster ({@code default} when not set, as ECS does), name (the logical id when not set;
     * CloudFormation makes one up), task definition and awsvpc network; with an unresolvable one the service
     * is stated and left as the account has it.
     */
    private void service(String logicalId, JsonNode properties, String where, SourcePosition position) {
      JsonNode network = properties.path("NetworkConfiguration").path("AwsvpcConfiguration");
      Optional<String> cluster = properties.has("Cluster") ? resolver.resolve(properties.get("Cluster"))
          : Optional.of("default");
      Optional<String> name = properties.has("ServiceName") ? resolver.resolve(properties.get("ServiceName"))
          : Optional.of(logicalId);
      Optional<String> taskDefinition = resolver.resolve(properties.path("TaskDefinition"));
      Optional<List<String>> subnets = resolver.resolveList(network.path("Subnets"));
      Optional<List<String>> groups = network.has("SecurityGroups") ? resolver.resolveList(network.get("SecurityGroups"))
          : Optional.of(List.of());
      Map<String, Optional<?>> values = new LinkedHashMap<>();
      values.put("Cluster", cluster);
      values.put("ServiceName", name);
      values.put("TaskDefinition", taskDefinition);
      values.put("NetworkConfiguration.AwsvpcConfiguration.Subnets", subnets);
      values.put("NetworkConfiguration.AwsvpcConfiguration.SecurityGroups", groups);
      for (Map.Entry<String, Optional<?>> value : values.entrySet()) {
        if (value.getValue().isEmpty()) {
          // Marking every service unknown would stop every check; the service stays as the account has it.
          notes.add(where + ": " + value.getKey() + " is not a value pullpath can resolve; the service is checked "
              + "as the account has it, if it has it");
          return;
        }
      }
      services.add(new PlannedService(file, logicalId, PlannedService.clusterName(cluster.get()), name.get(),
          taskDefinition.get(), resolver.resolve(properties.path("LaunchType")).orElse("FARGATE"), subnets.get(),
          groups.get(), resolver.resolve(network.path("AssignPublicIp")).orElse("DISABLED").equals("ENABLED"),
          position));
    }

    /** A route's destination and target; empty (and stated) when either cannot be resolved. */
    private Optional<dev.pullpath.snapshot.Route> route(JsonNode properties, String where) {
      Optional<String> cidr = resolver.resolve(properties.path("DestinationCidrBlock"));
      Optional<String> prefixList = resolver.resolve(properties.path("DestinationPrefixListId"));
      Optional<String> ipv6 = resolver.resolve(properties.path("DestinationIpv6CidrBlock"));
      String target = PlannedRouteTable.TARGETS.stream().filter(properties::has).findFirst().orElse(null);
      Optional<String> targetId = target == null ? Optional.empty() : resolver.resolve(properties.get(target));
      if ((cidr.isEmpty() && prefixList.isEmpty() && ipv6.isEmpty()) || targetId.isEmpty()) {
        String field = target == null ? "target" : targetId.isEmpty() ? target : "destination";
        unknown(where + ": the route's " + field + " is " + (target == null ? "missing"
            : Resolver.describe(properties.get(targetId.isEmpty() ? target : "DestinationCidrBlock")))
            + ", which pullpath cannot resolve; the route checks wait (PP000)", SnapshotPart.ROUTE_TABLES);
        return Optional.empty();
      }
      String destination = cidr.or(() -> ipv6).orElse(null);
      return Optional.of(new dev.pullpath.snapshot.Route(destination, prefixList.orElse(null),
          PlannedRouteTable.targetType(target, targetId.get(), destination != null), targetId.get()));
    }

    private static Integer port(String value) {
      return value == null || !value.matches("-?\\d{1,5}") ? null : Integer.valueOf(value);
    }

    private static List<String> optional(String value) {
      return value == null ? List.of() : List.of(value);
    }

    private void role(String logicalId, JsonNode properties, String where, SourcePosition position) {
      if (properties.has("RoleName") && !properties.get("RoleName").isValueNode()) {
        unknown(where + ": RoleName is " + Resolver.describe(properties.get("RoleName")) + ", which pullpath does "
            + "not resolve; the execution role checks wait (PP000)", SnapshotPart.IAM_ROLES);
        return;
      }
      dev.pullpath.policy.PolicyDocument trust = resolver.resolveTree(properties.path("AssumeRolePolicyDocument"))
          .filter(JsonNode::isObject).map(dev.pullpath.policy.PolicyDocument::fromJson).orElse(null);
      if (trust == null) {
        notes.add(where + ": AssumeRolePolicyDocument is not one pullpath can resolve; the trust is not checked");
      }
      List<PlannedRole.Policy> inline = new ArrayList<>();
      JsonNode list = properties.path("Policies");
      for (int i = 0; i < list.size(); i++) {
        policy(list.get(i), where, List.of(), logicalId, position).ifPresent(inline::add);
      }
      List<String> managed = resolver.resolveList(properties.path("ManagedPolicyArns")).orElseGet(() -> {
        unknown(where + ": ManagedPolicyArns are " + Resolver.describe(properties.get("ManagedPolicyArns"))
            + ", which pullpath cannot resolve; the execution role checks wait (PP000)", SnapshotPart.IAM_ROLES);
        return List.of();
      });
      roles.add(new PlannedRole(file, logicalId, resolver.roleName(logicalId), resolver.roleArn(logicalId), trust,
          inline, managed, position));
    }

    private Optional<PlannedRole.Policy> policy(JsonNode p, String where, List<String> roleNames, String address,
        SourcePosition position) {
      Optional<String> name = resolver.resolve(p.path("PolicyName"));
      Optional<JsonNode> document = resolver.resolveTree(p.path("PolicyDocument")).filter(JsonNode::isObject);
      if (name.isEmpty() || document.isEmpty()) {
        unknown(where + ": policy " + name.orElse(Resolver.describe(p.get("PolicyName"))) + " has a "
            + (name.isEmpty() ? "PolicyName" : "PolicyDocument") + " pullpath cannot resolve; the execution role "
            + "checks wait (PP000)", SnapshotPart.IAM_ROLES);
        return Optional.empty();
      }
      return Optional.of(new PlannedRole.Policy(file, address, name.get(), roleNames,
          dev.pullpath.policy.PolicyDocument.fromJson(document.get()), position));
    }

    private void cacheRule(String logicalId, JsonNode properties, String where, SourcePosition position) {
      Optional<String> prefix = resolver.resolve(properties.path("EcrRepositoryPrefix"));
      Optional<String> url = resolver.resolve(properties.path("UpstreamRegistryUrl"));
      String upstream = resolver.resolve(properties.path("UpstreamRegistry"))
          .orElseGet(() -> url.map(PlannedCacheRule::upstreamOf).orElse(null));
      if (prefix.isEmpty() || upstream == null) {
        unknown(where + ": " + (prefix.isEmpty() ? "EcrRepositoryPrefix" : "the upstream registry") + " is not one "
            + "pullpath can resolve; the cache rule checks wait (PP000)", SnapshotPart.PULL_THROUGH_CACHE_RULES);
        return;
      }
      Optional<String> credential = resolver.resolve(properties.path("CredentialArn"));
      if (properties.has("CredentialArn") && credential.isEmpty()) {
        unknown(where + ": CredentialArn is " + Resolver.describe(properties.get("CredentialArn")) + ", which "
            + "pullpath cannot resolve; the cache rule checks wait (PP000)", SnapshotPart.PULL_THROUGH_CACHE_RULES);
      }
      cacheRules.add(new PlannedCacheRule(file, logicalId, new dev.pullpath.snapshot.PullThroughCacheRule(
          prefix.get(), upstream, url.orElse(null), credential.orElse(null),
          resolver.resolve(properties.path("UpstreamRepositoryPrefix")).orElse(null)), position));
    }

    private void unknown(String statement, SnapshotPart part) {
      notes.add(statement);
      unknownParts.add(part);
    }
  }

  /**
   * An {@code AWS::EC2::VPCEndpoint}. Defaults are CloudFormation's: type {@code Gateway}, private DNS off,
   * no policy (full access), no security groups (the VPC's default group). An unresolvable value is stated
   * and the checks that need it wait (PP000); a {@code VpcId} pullpath cannot resolve is taken from the
   * endpoint's subnets or route tables in the account.
   */
  private static PlannedEndpoint endpoint(
      String logicalId, JsonNode properties, Resolver resolver, String file, JsonPositions positions) {
    String where = file + " " + logicalId;
    PlannedEndpoint.Unknowns unknown = new PlannedEndpoint.Unknowns();
    Optional<String> service = resolver.resolve(properties.path("ServiceName"));
    if (service.isEmpty()) {
      unknown.add(where + ": ServiceName is " + Resolver.describe(properties.get("ServiceName"))
          + ", which pullpath cannot resolve; the endpoint checks wait (PP000)", SnapshotPart.VPC_ENDPOINTS);
    }
    String vpc = resolver.resolve(properties.path("VpcId")).orElse(null);
    String type = resolver.resolve(properties.path("VpcEndpointType")).orElse("Gateway");
    List<String> subnets = resolver.resolveList(properties.path("SubnetIds")).orElseGet(() -> {
      unknown.add(where + ": SubnetIds are " + Resolver.describe(properties.get("SubnetIds"))
          + ", which pullpath cannot resolve; the endpoint checks wait (PP000)", SnapshotPart.VPC_ENDPOINTS);
      return List.of();
    });
    List<String> routeTables = resolver.resolveList(properties.path("RouteTableIds")).orElseGet(() -> {
      unknown.add(where + ": RouteTableIds are " + Resolver.describe(properties.get("RouteTableIds"))
          + ", which pullpath cannot resolve; the endpoint checks wait (PP000)", SnapshotPart.VPC_ENDPOINTS);
      return List.of();
    });
    List<String> groups = null;
    if (properties.has("SecurityGroupIds")) {
      groups = resolver.resolveList(properties.get("SecurityGroupIds")).orElseGet(() -> {
        unknown.add(where + ": SecurityGroupIds are " + Resolver.describe(properties.get("SecurityGroupIds"))
            + ", which pullpath cannot resolve; the security group checks wait (PP000)", SnapshotPart.SECURITY_GROUPS);
        return List.of();
      });
    }
    boolean privateDns = false;
    if (properties.has("PrivateDnsEnabled")) {
      Optional<String> dns = resolver.resolve(properties.get("PrivateDnsEnabled"));
      privateDns = dns.map(Boolean::parseBoolean).orElse(false);
      if (dns.isEmpty()) {
        unknown.add(where + ": PrivateDnsEnabled is " + Resolver.describe(properties.get("PrivateDnsEnabled"))
            + ", which pullpath cannot resolve; the endpoint checks wait (PP000)", SnapshotPart.VPC_ENDPOINTS);
      }
    }
    PolicyDocument policy = null;
    if (properties.has("PolicyDocument")) {
      Optional<JsonNode> document = resolver.resolveTree(properties.get("PolicyDocument"));
      if (document.isPresent()) {
        policy = PolicyDocument.fromJson(document.get());
      } else {
        unknown.add(where + ": PolicyDocument uses a value pullpath cannot resolve; the endpoint checks wait (PP000)",
            SnapshotPart.VPC_ENDPOINTS);
      }
    }
    String pointer = "/Resources/" + logicalId.replace("~", "~0").replace("/", "~1");
    SourcePosition position = Optional.ofNullable(positions.at(pointer + "/Properties"))
        .orElseGet(() -> positions.at(pointer)).of(logicalId);
    return new PlannedEndpoint(file, logicalId, null, service.orElse(null), vpc, type, subnets, routeTables, groups,
        privateDns, policy, position, unknown.statements, unknown.parts);
  }

  private static PlannedTaskDefinition taskDefinition(
      String logicalId, JsonNode properties, Resolver resolver, String file, JsonPositions positions) {
    String prefix = "/Resources/" + logicalId.replace("~", "~0").replace("/", "~1") + "/Properties";
    String where = file + " " + logicalId;
    List<String> unknowns = new ArrayList<>();
    Optional<String> family = resolver.resolve(properties.path("Family"));
    if (family.isEmpty()) {
      unknowns.add(where + ": Family " + (properties.has("Family") ? "unresolved" : "not set")
          + "; checked as family " + logicalId);
    }
    String role = null;
    boolean roleUnknown = false;
    if (properties.has("ExecutionRoleArn")) {
      Optional<String> resolved = resolver.resolve(properties.get("ExecutionRoleArn"));
      if (resolved.isPresent()) {
        role = resolved.get();
      } else {
        roleUnknown = true;
        unknowns.add(where + ": ExecutionRoleArn is " + Resolver.describe(properties.get("ExecutionRoleArn"))
            + ", which pullpath cannot resolve; the execution role is not checked (PP000)");
      }
    }
    List<ContainerDefinition> containers = new ArrayList<>();
    List<Integer> fileIndexes = new ArrayList<>();
    JsonNode definitions = properties.path("ContainerDefinitions");
    for (int i = 0; i < definitions.size(); i++) {
      JsonNode c = definitions.get(i);
      String name = resolver.resolve(c.path("Name")).orElse("container " + i);
      Optional<String> image = resolver.resolve(c.path("Image"));
      if (image.isEmpty()) {
        unknowns.add(where + ": container " + name + " has Image " + Resolver.describe(c.path("Image"))
            + ", which pullpath cannot resolve; its image is not checked");
        continue;
      }
      List<ContainerDefinition.PortMapping> ports = new ArrayList<>();
      for (JsonNode port : c.path("PortMappings")) {
        resolver.resolve(port.path("ContainerPort")).filter(p -> p.matches("\\d{1,5}"))
            .ifPresent(p -> ports.add(new ContainerDefinition.PortMapping(Integer.parseInt(p),
                resolver.resolve(port.path("Protocol")).orElse(null))));
      }
      Map<String, String> logOptions = new LinkedHashMap<>();
      c.path("LogConfiguration").path("Options").fields()
          .forEachRemaining(o -> resolver.resolve(o.getValue()).ifPresent(v -> logOptions.put(o.getKey(), v)));
      List<String> secrets = new ArrayList<>();
      for (JsonNode secret : c.path("Secrets")) {
        resolver.resolve(secret.path("ValueFrom")).ifPresent(secrets::add);
      }
      List<String> logSecrets = new ArrayList<>();
      for (JsonNode secret : c.path("LogConfiguration").path("SecretOptions")) {
        resolver.resolve(secret.path("ValueFrom")).ifPresent(logSecrets::add);
      }
      fileIndexes.add(i);
      containers.add(new ContainerDefinition(name, image.get(), ports,
          resolver.resolve(c.path("LogConfiguration").path("LogDriver")).orElse(null), logOptions, secrets,
          logSecrets, resolver.resolve(c.path("RepositoryCredentials").path("CredentialsParameter")).orElse(null)));
    }
    String account = role != null && role.matches("arn:aws[a-z-]*:iam::\\d{12}:.*") ? role.split(":")[4] : null;
    String region = logOptionRegion(containers);
    return new PlannedTaskDefinition(file, prefix, family.orElse(logicalId), role, containers, account, region,
        List.of(), positions, PlannedTaskDefinition.KeyStyle.CLOUDFORMATION, unknowns, roleUnknown, fileIndexes, null,
        false);
  }

  private static String logOptionRegion(List<ContainerDefinition> containers) {
    return containers.stream().map(c -> c.logOptions().get("awslogs-region"))
        .filter(r -> r != null && !r.contains("${")).findFirst().orElse(null);
  }

  /** Resolves the intrinsics pullpath can evaluate without deploying; everything else is unknown. */
  private record Resolver(Map<String, String> parameters, JsonNode resources) {
    Optional<String> resolve(JsonNode value) {
      if (value == null || value.isMissingNode() || value.isNull()) {
        return Optional.empty();
      }
      if (value.isValueNode()) {
        return Optional.of(value.asText());
      }
      if (value.isObject() && value.size() == 1) {
        String function = value.fieldNames().next();
        JsonNode argument = value.get(function);
        switch (function) {
          case "Ref":
            return ref(argument.asText());
          case "Fn::Sub":
            return argument.isArray() ? sub(argument.path(0).asText(), argument.path(1)) : sub(argument.asText(), null);
          case "Fn::Join":
            return join(argument);
          case "Fn::GetAtt":
            return getAtt(argument.isTextual() ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode()
                .add(argument.asText().split("\\.", 2)[0]).add(argument.asText().contains(".")
                    ? argument.asText().split("\\.", 2)[1] : "") : argument);
          default:
            return Optional.empty();
        }
      }
      return Optional.empty();
    }

    private Optional<String> ref(String name) {
      return switch (name) {
        case "AWS::AccountId" -> Optional.of(ACCOUNT_ID);
        case "AWS::Region" -> Optional.of(REGION);
        case "AWS::Partition" -> Optional.of("aws");
        case "AWS::URLSuffix" -> Optional.of("amazonaws.com");
        default -> resources.has(name) ? resourceRef(name) : Optional.ofNullable(parameters.get(name));
      };
    }

    /**
     * What {@code Ref} returns for a resource of the template that pullpath reads: a security group's id
     * ({@code planned:LogicalId} until it exists), a role's name, an endpoint's id; empty for any other.
     */
    private Optional<String> resourceRef(String logicalId) {
      return switch (resources.path(logicalId).path("Type").asText()) {
        case "AWS::EC2::SecurityGroup", "AWS::EC2::RouteTable" -> Optional.of(PlannedSecurityGroup.PLANNED + logicalId);
        // A route's target: its kind comes from the property naming it, the id only labels it.
        case "AWS::EC2::NatGateway", "AWS::EC2::InternetGateway", "AWS::EC2::TransitGateway",
            "AWS::EC2::VPCPeeringConnection", "AWS::EC2::NetworkInterface" ->
            Optional.of(PlannedSecurityGroup.PLANNED + logicalId);
        case "AWS::EC2::VPCEndpoint" -> Optional.of(logicalId);
        // A task definition's Ref is its ARN; its family stands for the revision the same template registers.
        case "AWS::ECS::TaskDefinition" -> Optional.of(Optional.ofNullable(resources.path(logicalId).path("Properties")
            .path("Family")).filter(JsonNode::isTextual).map(JsonNode::asText).orElse(logicalId));
        case "AWS::ECS::Cluster" -> Optional.of(Optional.ofNullable(resources.path(logicalId).path("Properties")
            .path("ClusterName")).filter(JsonNode::isTextual).map(JsonNode::asText)
            .orElse(PlannedSecurityGroup.PLANNED + logicalId));
        case "AWS::IAM::Role" -> Optional.of(roleName(logicalId));
        default -> Optional.empty();
      };
    }

    /** A role's name: its {@code RoleName}, else {@code planned:LogicalId} (CloudFormation makes one up). */
    String roleName(String logicalId) {
      JsonNode name = resources.path(logicalId).path("Properties").path("RoleName");
      return name.isValueNode() ? name.asText() : PlannedSecurityGroup.PLANNED + logicalId;
    }

    /** A role's ARN as the template will create it, the account still a placeholder. */
    String roleArn(String logicalId) {
      JsonNode path = resources.path(logicalId).path("Properties").path("Path");
      return "arn:aws:iam::" + ACCOUNT_ID + ":role" + (path.isValueNode() ? path.asText() : "/") + roleName(logicalId);
    }

    /** {@code Fn::GetAtt} of the attributes pullpath knows before deployment: a group's id, a role's ARN. */
    private Optional<String> getAtt(JsonNode argument) {
      String logicalId = argument.path(0).asText();
      String attribute = argument.path(1).asText();
      String type = resources.path(logicalId).path("Type").asText();
      if (type.equals("AWS::EC2::SecurityGroup") && attribute.equals("GroupId")) {
        return Optional.of(PlannedSecurityGroup.PLANNED + logicalId);
      }
      if (type.equals("AWS::IAM::Role") && attribute.equals("Arn")) {
        return Optional.of(roleArn(logicalId));
      }
      return Optional.empty();
    }

    private Optional<String> sub(String text, JsonNode variables) {
      Matcher m = SUB_VARIABLE.matcher(text);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String name = m.group(1);
        Optional<String> value = variables != null && variables.has(name) ? resolve(variables.get(name)) : ref(name);
        if (value.isEmpty()) {
          return Optional.empty();
        }
        m.appendReplacement(out, Matcher.quoteReplacement(value.get()));
      }
      m.appendTail(out);
      return Optional.of(out.toString());
    }

    private Optional<String> join(JsonNode argument) {
      if (!argument.isArray() || argument.size() != 2 || !argument.get(1).isArray()) {
        return Optional.empty();
      }
      List<String> parts = new ArrayList<>();
      for (JsonNode part : argument.get(1)) {
        Optional<String> resolved = resolve(part);
        if (resolved.isEmpty()) {
          return Optional.empty();
        }
        parts.add(resolved.get());
      }
      return Optional.of(String.join(argument.get(0).asText(), parts));
    }

    /**
     * A list of ids: an array of resolvable values, or one value holding a comma-separated list (a
     * {@code List<AWS::EC2::Subnet::Id>} parameter); empty list when absent, empty when unresolvable.
     */
    Optional<List<String>> resolveList(JsonNode value) {
      if (value == null || value.isMissingNode() || value.isNull()) {
        return Optional.of(List.of());
      }
      List<String> items = new ArrayList<>();
      if (value.isArray()) {
        for (JsonNode item : value) {
          Optional<String> resolved = resolve(item);
          if (resolved.isEmpty()) {
            return Optional.empty();
          }
          items.add(resolved.get());
        }
        return Optional.of(items);
      }
      return resolve(value).map(text -> java.util.Arrays.stream(text.split(",")).map(String::strip)
          .filter(s -> !s.isEmpty()).toList());
    }

    /** A JSON document (a policy) with every intrinsic in it resolved; empty when one cannot be. */
    Optional<JsonNode> resolveTree(JsonNode value) {
      if (value.isObject() && value.size() == 1 && isIntrinsic(value.fieldNames().next())) {
        return resolve(value).map(com.fasterxml.jackson.databind.node.TextNode::valueOf);
      }
      if (value.isObject()) {
        com.fasterxml.jackson.databind.node.ObjectNode out = com.fasterxml.jackson.databind.node.JsonNodeFactory
            .instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          Optional<JsonNode> resolved = resolveTree(field.getValue());
          if (resolved.isEmpty()) {
            return Optional.empty();
          }
          out.set(field.getKey(), resolved.get());
        }
        return Optional.of(out);
      }
      if (value.isArray()) {
        com.fasterxml.jackson.databind.node.ArrayNode out = com.fasterxml.jackson.databind.node.JsonNodeFactory
            .instance.arrayNode();
        for (JsonNode item : value) {
          Optional<JsonNode> resolved = resolveTree(item);
          if (resolved.isEmpty()) {
            return Optional.empty();
          }
          out.add(resolved.get());
        }
        return Optional.of(out);
      }
      return Optional.of(value);
    }

    private static boolean isIntrinsic(String key) {
      return key.equals("Ref") || key.startsWith("Fn::") || key.equals("Condition");
    }

    /** The value as the template spells it, for messages: {@code Fn::GetAtt [Role, Arn]}. */
    static String describe(JsonNode value) {
      if (value == null || value.isMissingNode()) {
        return "missing";
      }
      if (value.isObject() && value.size() == 1) {
        String function = value.fieldNames().next();
        return function + " " + value.get(function);
      }
      return value.toString();
    }
  }
}
