package dev.pullpath.planned;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pullpath.check.SourcePosition;
import dev.pullpath.policy.PolicyDocument;
import dev.pullpath.snapshot.PullThroughCacheRule;
import dev.pullpath.snapshot.SecurityGroupRule;
import dev.pullpath.snapshot.SnapshotPart;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Security groups, their separate rules, IAM roles, their separate policies and pull-through cache rules of a
 * Terraform plan. A value known only after apply is resolved only when the configuration says it is an
 * attribute of a resource the same plan creates ({@code aws_security_group.endpoints.id} is
 * {@code planned:aws_security_group.endpoints}, {@code aws_iam_role.exec.name} that role's name); anything
 * else is stated and its part's checks wait (PP000).
 */
final class TerraformResources {
  static final List<String> TYPES = List.of("aws_security_group", "aws_security_group_rule",
      "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule", "aws_iam_role",
      "aws_iam_role_policy", "aws_iam_role_policy_attachment", "aws_ecr_pull_through_cache_rule", "aws_route_table",
      "aws_route", "aws_route_table_association", "aws_ecs_service");

  final List<PlannedSecurityGroup> groups = new ArrayList<>();
  final List<PlannedSecurityGroup.Rule> rules = new ArrayList<>();
  final List<PlannedRole> roles = new ArrayList<>();
  final List<PlannedRole.Policy> policies = new ArrayList<>();
  final List<PlannedCacheRule> cacheRules = new ArrayList<>();
  final List<PlannedRole.Attachment> attachments = new ArrayList<>();
  final List<PlannedRouteTable> routeTables = new ArrayList<>();
  final List<PlannedRouteTable.PlannedRoute> routes = new ArrayList<>();
  final List<PlannedRouteTable.Association> associations = new ArrayList<>();
  final List<PlannedService> services = new ArrayList<>();
  final List<String> notes = new ArrayList<>();
  final Set<SnapshotPart> unknownParts = EnumSet.noneOf(SnapshotPart.class);

  /** One resource's attributes as the plan gives them, and what its configuration references. */
  record Attributes(String file, String address, JsonNode values, JsonNode afterUnknown, JsonNode configured,
      SourcePosition position) {
    boolean unknown(String attribute) {
      return afterUnknown != null && (afterUnknown.path(attribute).asBoolean(false)
          || afterUnknown.path(attribute).toString().contains("true"));
    }

    String text(String attribute) {
      JsonNode value = values.path(attribute);
      return unknown(attribute) || !value.isValueNode() || value.isNull() ? null : value.asText();
    }

    List<String> texts(String attribute) {
      List<String> items = new ArrayList<>();
      values.path(attribute).forEach(v -> {
        if (v.isValueNode() && !v.isNull()) {
          items.add(v.asText());
        }
      });
      return items;
    }

    /**
     * The address of the resource of {@code type} whose attribute the configuration of {@code attribute}
     * names ({@code aws_security_group.endpoints.id}), in this resource's module; empty when it names none.
     */
    Optional<String> reference(String attribute, String type) {
      String module = address.substring(0, address.length() - relative().length());
      for (JsonNode reference : configured.path(attribute).path("references")) {
        String[] parts = reference.asText().split("\\.");
        if (parts.length >= 2 && parts[0].equals(type)) {
          return Optional.of(module + parts[0] + "." + parts[1]);
        }
      }
      return Optional.empty();
    }

    private String relative() {
      String rest = address.replaceFirst("^(module\\.[^.\\[]+(\\[[^\\]]*\\])?\\.)*", "");
      return rest;
    }

    String where() {
      return file + " " + address;
    }
  }

  void read(String type, Attributes a) {
    switch (type) {
      case "aws_security_group" -> group(a);
      case "aws_security_group_rule" -> groupRule(a, "ingress".equals(a.text("type")), "protocol",
          "source_security_group_id");
      case "aws_vpc_security_group_ingress_rule" -> groupRule(a, true, "ip_protocol", "referenced_security_group_id");
      case "aws_vpc_security_group_egress_rule" -> groupRule(a, false, "ip_protocol", "referenced_security_group_id");
      case "aws_iam_role" -> role(a);
      case "aws_iam_role_policy" -> rolePolicy(a);
      case "aws_iam_role_policy_attachment" -> attachment(a);
      case "aws_ecr_pull_through_cache_rule" -> cacheRule(a);
      case "aws_route_table" -> routeTable(a);
      case "aws_route" -> route(a);
      case "aws_route_table_association" -> association(a);
      case "aws_ecs_service" -> service(a);
      default -> throw new IllegalArgumentException(type);
    }
  }

  private void group(Attributes a) {
    String vpc = a.text("vpc_id");
    if (vpc == null) {
      unknown(a.where() + ": vpc_id is " + phrase(a, "vpc_id") + "; the security group checks wait (PP000)",
          SnapshotPart.SECURITY_GROUPS);
      return;
    }
    String id = a.text("id");
    String self = id != null ? id : PlannedSecurityGroup.PLANNED + a.address();
    List<List<SecurityGroupRule>> sides = new ArrayList<>();
    for (String side : List.of("ingress", "egress")) {
      List<SecurityGroupRule> rules = new ArrayList<>();
      if (a.unknown(side) && a.configured().path(side).isMissingNode() && a.configured().isObject()) {
        // Not configured inline: only separate rules (the provider removes EC2's default egress rule).
      } else if (a.unknown(side)) {
        unknown(a.where() + ": " + side + " is " + phrase(a, side) + "; the security group checks wait (PP000)",
            SnapshotPart.SECURITY_GROUPS);
      } else {
        for (JsonNode r : a.values().path(side)) {
          List<String> peers = new ArrayList<>(texts(r, "security_groups"));
          if (r.path("self").asBoolean(false)) {
            peers.add(self);
          }
          rules.add(new SecurityGroupRule(protocol(r.path("protocol").asText("-1")), port(r.path("from_port")),
              port(r.path("to_port")), texts(r, "cidr_blocks"), texts(r, "ipv6_cidr_blocks"), peers,
              texts(r, "prefix_list_ids")));
        }
      }
      sides.add(rules);
    }
    groups.add(new PlannedSecurityGroup(a.file(), a.address(), id, vpc, a.text("name"), sides.get(0), sides.get(1),
        a.position()));
  }

  private void groupRule(Attributes a, boolean ingress, String protocolAttribute, String peerAttribute) {
    Optional<String> group = known(a, "security_group_id", "aws_security_group");
    Optional<String> peer = a.values().has(peerAttribute) || a.unknown(peerAttribute)
        ? known(a, peerAttribute, "aws_security_group") : Optional.of("");
    if (group.isEmpty() || peer.isEmpty()) {
      String attribute = group.isEmpty() ? "security_group_id" : peerAttribute;
      unknown(a.where() + ": " + attribute + " is " + phrase(a, attribute) + "; the security group checks wait "
          + "(PP000)", SnapshotPart.SECURITY_GROUPS);
      return;
    }
    List<String> peers = new ArrayList<>();
    if (!peer.get().isEmpty()) {
      peers.add(peer.get());
    }
    if (a.values().path("self").asBoolean(false)) {
      peers.add(group.get());
    }
    List<String> cidrs = new ArrayList<>(a.texts("cidr_blocks"));
    Optional.ofNullable(a.text("cidr_ipv4")).ifPresent(cidrs::add);
    List<String> ipv6 = new ArrayList<>(a.texts("ipv6_cidr_blocks"));
    Optional.ofNullable(a.text("cidr_ipv6")).ifPresent(ipv6::add);
    List<String> prefixLists = new ArrayList<>(a.texts("prefix_list_ids"));
    Optional.ofNullable(a.text("prefix_list_id")).ifPresent(prefixLists::add);
    String protocol = protocol(Optional.ofNullable(a.text(protocolAttribute)).orElse("-1"));
    rules.add(new PlannedSecurityGroup.Rule(a.file(), a.address(), group.get(), ingress, new SecurityGroupRule(
        protocol, "-1".equals(protocol) ? null : port(a.values().path("from_port")),
        "-1".equals(protocol) ? null : port(a.values().path("to_port")), cidrs, ipv6, peers, prefixLists),
        a.position()));
  }

  /** An id the plan gives, or the placeholder of the planned resource of {@code type} it references. */
  private static Optional<String> known(Attributes a, String attribute, String type) {
    String value = a.text(attribute);
    if (value != null) {
      return Optional.of(value);
    }
    return a.unknown(attribute) ? a.reference(attribute, type).map(r -> PlannedSecurityGroup.PLANNED + r)
        : Optional.empty();
  }

  private void role(Attributes a) {
    String name = a.text("name");
    if (name == null) {
      unknown(a.where() + ": name is " + phrase(a, "name") + "; the execution role checks wait (PP000)",
          SnapshotPart.IAM_ROLES);
      return;
    }
    String arn = Optional.ofNullable(a.text("arn")).orElseGet(() -> "arn:aws:iam::"
        + CloudFormationTemplates.ACCOUNT_ID + ":role" + Optional.ofNullable(a.text("path")).orElse("/") + name);
    PolicyDocument trust = Optional.ofNullable(a.text("assume_role_policy")).map(PolicyDocument::parse).orElse(null);
    if (trust == null) {
      notes.add(a.where() + ": assume_role_policy is " + phrase(a, "assume_role_policy") + "; the trust is not "
          + "checked");
    }
    List<PlannedRole.Policy> inline = new ArrayList<>();
    if (a.unknown("inline_policy") && !(a.configured().isObject() && a.configured().path("inline_policy").isMissingNode())) {
      unknown(a.where() + ": inline_policy is " + phrase(a, "inline_policy") + "; the execution role checks wait "
          + "(PP000)", SnapshotPart.IAM_ROLES);
    } else if (!a.unknown("inline_policy")) {
      for (JsonNode p : a.values().path("inline_policy")) {
        String policy = p.path("policy").isTextual() ? p.path("policy").asText() : null;
        if (policy == null || policy.isBlank()) {
          unknown(a.where() + ": inline policy " + p.path("name").asText("") + " is known only after apply; the "
              + "execution role checks wait (PP000)", SnapshotPart.IAM_ROLES);
        } else {
          inline.add(new PlannedRole.Policy(a.file(), a.address(), p.path("name").asText(), List.of(),
              PolicyDocument.parse(policy), a.position()));
        }
      }
    }
    List<String> managed = List.of();
    if (a.unknown("managed_policy_arns")
        && !(a.configured().isObject() && a.configured().path("managed_policy_arns").isMissingNode())) {
      unknown(a.where() + ": managed_policy_arns is " + phrase(a, "managed_policy_arns") + "; the execution role "
          + "checks wait (PP000)", SnapshotPart.IAM_ROLES);
    } else {
      managed = a.texts("managed_policy_arns");
    }
    roles.add(new PlannedRole(a.file(), a.address(), name, arn, trust, inline, managed, a.position()));
  }

  private void rolePolicy(Attributes a) {
    String role = roleOf(a);
    String policy = a.text("policy");
    if (role == null || policy == null) {
      String attribute = role == null ? "role" : "policy";
      unknown(a.where() + ": " + attribute + " is " + phrase(a, attribute) + "; the execution role checks wait "
          + "(PP000)", SnapshotPart.IAM_ROLES);
      return;
    }
    policies.add(new PlannedRole.Policy(a.file(), a.address(), Optional.ofNullable(a.text("name")).orElse(a.address()),
        List.of(role), PolicyDocument.parse(policy), a.position()));
  }

  private void attachment(Attributes a) {
    String role = roleOf(a);
    String policy = a.text("policy_arn");
    if (role == null || policy == null) {
      String attribute = role == null ? "role" : "policy_arn";
      unknown(a.where() + ": " + attribute + " is " + phrase(a, attribute) + "; the execution role checks wait "
          + "(PP000)", SnapshotPart.IAM_ROLES);
      return;
    }
    attachments.add(new PlannedRole.Attachment(a.file(), a.address(), role, policy, a.position()));
  }

  /** The {@code role} a policy or attachment names, or the name of the planned role its configuration references. */
  private String roleOf(Attributes a) {
    String role = a.text("role");
    if (role == null && a.unknown("role")) {
      role = a.reference("role", "aws_iam_role").flatMap(r -> roles.stream().filter(p -> p.address().equals(r))
          .map(PlannedRole::roleName).findFirst()).orElse(null);
    }
    return role;
  }

  private void cacheRule(Attributes a) {
    String prefix = a.text("ecr_repository_prefix");
    String url = a.text("upstream_registry_url");
    String upstream = url == null ? null : PlannedCacheRule.upstreamOf(url);
    if (prefix == null || upstream == null) {
      String attribute = prefix == null ? "ecr_repository_prefix" : "upstream_registry_url";
      unknown(a.where() + ": " + attribute + " is " + (prefix != null && url != null ? url + ", not a registry ECR "
          + "caches" : phrase(a, attribute)) + "; the cache rule checks wait (PP000)",
          SnapshotPart.PULL_THROUGH_CACHE_RULES);
      return;
    }
    if (a.unknown("credential_arn")) {
      unknown(a.where() + ": credential_arn is " + phrase(a, "credential_arn") + "; the cache rule checks wait "
          + "(PP000)", SnapshotPart.PULL_THROUGH_CACHE_RULES);
    }
    cacheRules.add(new PlannedCacheRule(a.file(), a.address(), new PullThroughCacheRule(prefix, upstream, url,
        a.text("credential_arn"), a.text("upstream_repository_prefix")), a.position()));
  }

  /**
   * A service: cluster ({@code default} when not configured), name, task definition (a planned one by its
   * reference, {@code planned:ADDRESS} until its family is known) and awsvpc network; with an unknown one the
   * service is stated and left as the account has it.
   */
  private void service(Attributes a) {
    String cluster = a.text("cluster");
    if (cluster == null && !a.unknown("cluster")) {
      cluster = "default";
    }
    if (cluster == null) {
      cluster = a.reference("cluster", "aws_ecs_cluster").map(r -> PlannedSecurityGroup.PLANNED + r).orElse(null);
    }
    Optional<String> taskDefinition = knownOf(a, "task_definition", "aws_ecs_task_definition");
    JsonNode network = a.values().path("network_configuration").path(0);
    JsonNode networkUnknown = a.afterUnknown() == null ? null : a.afterUnknown().path("network_configuration").path(0);
    boolean subnetsLater = networkUnknown != null && networkUnknown.path("subnets").toString().contains("true");
    boolean groupsLater = networkUnknown != null && networkUnknown.path("security_groups").toString().contains("true");
    String missing = cluster == null ? "cluster" : a.text("name") == null ? "name"
        : taskDefinition.isEmpty() ? "task_definition" : subnetsLater ? "network_configuration.subnets"
        : groupsLater ? "network_configuration.security_groups" : null;
    if (missing != null) {
      // Marking every service unknown would stop every check; the service stays as the account has it.
      notes.add(a.where() + ": " + missing + " is " + (missing.contains(".") || a.unknown(missing)
          ? "known only after apply (it depends on a resource the plan changes)" : "not in the plan")
          + "; the service is checked as the account has it, if it has it");
      return;
    }
    services.add(new PlannedService(a.file(), a.address(), PlannedService.clusterName(cluster), a.text("name"),
        taskDefinition.get(), Optional.ofNullable(a.text("launch_type")).filter(t -> !t.isEmpty()).orElse("FARGATE"),
        texts(network, "subnets"), texts(network, "security_groups"),
        network.path("assign_public_ip").asBoolean(false), a.position()));
  }

  private void routeTable(Attributes a) {
    String vpc = a.text("vpc_id");
    if (vpc == null) {
      unknown(a.where() + ": vpc_id is " + phrase(a, "vpc_id") + "; the route checks wait (PP000)",
          SnapshotPart.ROUTE_TABLES);
      return;
    }
    List<dev.pullpath.snapshot.Route> inline = new ArrayList<>();
    if (a.afterUnknown() != null && a.afterUnknown().path("route").asBoolean(false)) {
      unknown(a.where() + ": route is " + phrase(a, "route") + "; the route checks wait (PP000)",
          SnapshotPart.ROUTE_TABLES);
    }
    JsonNode blocks = a.values().path("route");
    for (int i = 0; i < blocks.size(); i++) {
      JsonNode unknownBlock = a.afterUnknown() == null ? null : a.afterUnknown().path("route").path(i);
      Optional<dev.pullpath.snapshot.Route> route = route(a, blocks.get(i), unknownBlock, "cidr_block",
          "ipv6_cidr_block", a.address() + ".route[" + i + "]");
      route.ifPresent(inline::add);
    }
    String id = a.text("id");
    routeTables.add(new PlannedRouteTable(a.file(), a.address(), id, vpc, inline, a.position()));
  }

  private void route(Attributes a) {
    Optional<String> table = knownOf(a, "route_table_id", "aws_route_table");
    if (table.isEmpty()) {
      unknown(a.where() + ": route_table_id is " + phrase(a, "route_table_id") + "; the route checks wait (PP000)",
          SnapshotPart.ROUTE_TABLES);
      return;
    }
    route(a, a.values(), a.afterUnknown(), "destination_cidr_block", "destination_ipv6_cidr_block", a.address())
        .ifPresent(r -> routes.add(new PlannedRouteTable.PlannedRoute(a.file(), a.address(), table.get(), r,
            a.position())));
  }

  private void association(Attributes a) {
    Optional<String> table = knownOf(a, "route_table_id", "aws_route_table");
    String subnet = a.text("subnet_id");
    if (table.isEmpty() || subnet == null) {
      String attribute = table.isEmpty() ? "route_table_id" : "subnet_id";
      unknown(a.where() + ": " + attribute + " is " + phrase(a, attribute) + "; the route checks wait (PP000)",
          SnapshotPart.ROUTE_TABLES);
      return;
    }
    associations.add(new PlannedRouteTable.Association(a.file(), a.address(), table.get(), subnet, a.position()));
  }

  /** An id the plan gives, or {@code planned:ADDRESS} of the resource of {@code type} it references. */
  private static Optional<String> knownOf(Attributes a, String attribute, String type) {
    String value = a.text(attribute);
    if (value != null && !value.isEmpty()) {
      return Optional.of(value);
    }
    return a.unknown(attribute) ? a.reference(attribute, type).map(r -> PlannedSecurityGroup.PLANNED + r)
        : Optional.empty();
  }

  /**
   * One route: its destination and the first target attribute set. A target known only after apply still
   * has a known kind (the attribute names it), except {@code gateway_id}, which may be an internet gateway,
   * a virtual private gateway or an endpoint: that route is stated and the route checks wait.
   */
  private Optional<dev.pullpath.snapshot.Route> route(Attributes a, JsonNode block, JsonNode unknownBlock,
      String cidrAttribute, String ipv6Attribute, String label) {
    String cidr = nonEmpty(block.path(cidrAttribute));
    String ipv6 = nonEmpty(block.path(ipv6Attribute));
    String prefixList = nonEmpty(block.path("destination_prefix_list_id"));
    for (String camel : PlannedRouteTable.TARGETS) {
      String attribute = camel.equals("EgressOnlyInternetGatewayId") && !block.has("egress_only_internet_gateway_id")
          ? "egress_only_gateway_id" : PlannedRouteTable.snake(camel);
      String target = nonEmpty(block.path(attribute));
      boolean later = unknownBlock != null && unknownBlock.path(attribute).asBoolean(false);
      if (target == null && !later) {
        continue;
      }
      if (cidr == null && ipv6 == null && prefixList == null) {
        break;
      }
      if (target == null && attribute.equals("gateway_id")) {
        unknown(a.where() + ": " + label + " gateway_id is known only after apply, so pullpath cannot tell an "
            + "internet gateway from a virtual private gateway or an endpoint; the route checks wait (PP000)",
            SnapshotPart.ROUTE_TABLES);
        return Optional.empty();
      }
      String id = target != null ? target : PlannedSecurityGroup.PLANNED + label + "." + attribute;
      String destination = cidr != null ? cidr : ipv6;
      return Optional.of(new dev.pullpath.snapshot.Route(destination, prefixList,
          PlannedRouteTable.targetType(camel, id, destination != null), id));
    }
    unknown(a.where() + ": " + label + " has a destination or target pullpath cannot read (or one known only after "
        + "apply); the route checks wait (PP000)", SnapshotPart.ROUTE_TABLES);
    return Optional.empty();
  }

  private static String nonEmpty(JsonNode value) {
    return value.isValueNode() && !value.isNull() && !value.asText().isEmpty() ? value.asText() : null;
  }

  private static String phrase(Attributes a, String attribute) {
    return a.unknown(attribute) ? "known only after apply (it depends on a resource the plan changes)"
        : "not in the plan";
  }

  private static String protocol(String protocol) {
    return protocol.equals("all") ? "-1" : protocol.toLowerCase(java.util.Locale.ROOT);
  }

  private static Integer port(JsonNode value) {
    return value.isNumber() || (value.isTextual() && value.asText().matches("-?\\d{1,5}"))
        ? Integer.valueOf(value.asInt()) : null;
  }

  private static List<String> texts(JsonNode node, String attribute) {
    List<String> items = new ArrayList<>();
    node.path(attribute).forEach(v -> {
      if (v.isValueNode() && !v.isNull()) {
        items.add(v.asText());
      }
    });
    return items;
  }

  private void unknown(String statement, SnapshotPart part) {
    notes.add(statement);
    unknownParts.add(part);
  }
}
