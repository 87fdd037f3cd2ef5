package dev.pullpath.planned;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pullpath.policy.PolicyDocument;
import dev.pullpath.snapshot.ContainerDefinition;
import dev.pullpath.snapshot.SnapshotPart;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Task definitions and VPC endpoints of a Terraform plan, as {@code terraform show -json PLANFILE} prints
 * it: each {@code aws_ecs_task_definition} and {@code aws_vpc_endpoint} that the plan creates, updates or
 * keeps, read from
 * {@code resource_changes[].change.after}, or from {@code planned_values} (the root module and its child
 * modules) for resources the file has no change of.
 *
 * <p>A value Terraform knows only after apply ({@code after_unknown}, e.g. the ARN of a role the same
 * plan creates) is unknown to pullpath too: it is stated, and the checks that need it wait (PP000), never
 * fed a guess. {@code planned_values} leaves such values out without saying which, so there a missing
 * execution role or container list is unknown as well.
 */
public final class TerraformPlans {
  static final String TASK_DEFINITION = "aws_ecs_task_definition";
  static final String ENDPOINT = "aws_vpc_endpoint";

  /** A service's task definition that references one the same plan registers, as that family. */
  private static List<PlannedService> withPlannedFamilies(List<PlannedService> services,
      List<PlannedTaskDefinition> found) {
    return services.stream().map(s -> found.stream()
        .filter(td -> s.taskDefinition().equals(PlannedSecurityGroup.PLANNED + td.address())).findFirst()
        .map(td -> new PlannedService(s.file(), s.address(), s.clusterName(), s.serviceName(), td.family(),
            s.launchType(), s.subnetIds(), s.securityGroupIds(), s.assignPublicIp(), s.position()))
        .orElse(s)).toList();
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private TerraformPlans() {}

  /**
   * @param file the {@code terraform show -json} output
   * @param shownAs the file's name in reports, e.g. relative to the working directory
   */
  public static List<PlannedTaskDefinition> read(Path file, String shownAs) {
    return readAll(file, shownAs).taskDefinitions();
  }

  /** Every resource of the plan that pullpath reads: task definitions and VPC endpoints. */
  public static PlannedResources readAll(Path file, String shownAs) {
    String text = PlannedInputException.readText(file, shownAs);
    return parseAll(text, shownAs);
  }

  static List<PlannedTaskDefinition> parse(String text, String shownAs) {
    return parseAll(text, shownAs).taskDefinitions();
  }

  static PlannedResources parseAll(String text, String shownAs) {
    JsonNode plan;
    JsonPositions positions;
    try {
      plan = JSON.readTree(text);
      positions = JsonPositions.of(text, shownAs);
    } catch (JsonProcessingException e) {
      throw new PlannedInputException(shownAs + ": not JSON (line " + e.getLocation().getLineNr() + ": "
          + e.getOriginalMessage() + "); give the output of terraform show -json PLANFILE, not the binary plan");
    } catch (IOException e) {
      throw new PlannedInputException(shownAs + ": cannot read (" + e.getMessage() + ")");
    }
    if (plan == null || !plan.isObject()
        || !(plan.path("resource_changes").isArray() || plan.path("planned_values").isObject())) {
      throw new PlannedInputException(shownAs + ": not a Terraform plan (no resource_changes or planned_values); "
          + "give the output of terraform show -json PLANFILE");
    }
    String providerRegion = providerRegion(plan);
    List<PlannedTaskDefinition> found = new ArrayList<>();
    List<PlannedEndpoint> endpoints = new ArrayList<>();
    Set<String> changed = new HashSet<>();
    TerraformResources others = new TerraformResources();
    JsonNode changes = plan.path("resource_changes");
    for (int i = 0; i < changes.size(); i++) {
      JsonNode change = changes.get(i);
      String otherType = change.path("type").asText();
      if (TerraformResources.TYPES.contains(otherType) && isType(change, otherType) && !change.has("deposed")) {
        String address = change.path("address").asText();
        changed.add(address);
        if (willExist(change.path("change").path("actions")) && change.path("change").path("after").isObject()) {
          others.read(otherType, new TerraformResources.Attributes(shownAs, address, change.path("change").path("after"),
              change.path("change").path("after_unknown"), configuration(plan, address),
              positions.at("/resource_changes/" + i).of(address)));
        }
        continue;
      }
      if (isType(change, ENDPOINT) && !change.has("deposed")) {
        changed.add(change.path("address").asText());
        if (willExist(change.path("change").path("actions")) && change.path("change").path("after").isObject()) {
          endpoints.add(endpoint(shownAs, change.path("address").asText(), change.path("change").path("after"),
              change.path("change").path("after_unknown"), configuration(plan, change.path("address").asText()),
              positions.at("/resource_changes/" + i)));
        }
        continue;
      }
      if (!isTaskDefinition(change) || change.has("deposed")) {
        continue;
      }
      String address = change.path("address").asText();
      changed.add(address);
      if (!willExist(change.path("change").path("actions")) || !change.path("change").path("after").isObject()) {
        continue; // destroyed: nothing of it will run
      }
      found.add(new Resource(shownAs, address, change.path("name").asText(address),
          "/resource_changes/" + i + "/change/after", change.path("change").path("after"),
          change.path("change").path("after_unknown"), true).read(positions, providerRegion));
    }
    plannedValues(plan.path("planned_values").path("root_module"), "/planned_values/root_module", changed, shownAs,
        positions, providerRegion, found, endpoints, others);
    found = found.stream().map(td -> withPlannedRole(td, plan, others)).toList();
    PlannedResources read = new PlannedResources(found, endpoints, others.groups, others.rules, others.roles,
        others.policies, others.cacheRules, others.notes, others.unknownParts, others.attachments, others.routeTables,
        others.routes, others.associations, withPlannedFamilies(others.services, found));
    if (read.isEmpty()) {
      throw new PlannedInputException(shownAs + ": no resource in the plan that pullpath reads and that will exist "
          + "after apply (" + TASK_DEFINITION + ", " + ENDPOINT + ", " + String.join(", ", TerraformResources.TYPES)
          + ")");
    }
    return read;
  }

  /**
   * A task definition whose {@code execution_role_arn} is known only after apply because it is the ARN of
   * a role the same plan creates: that role's, as far as the plan names it.
   */
  private static PlannedTaskDefinition withPlannedRole(PlannedTaskDefinition td, JsonNode plan,
      TerraformResources others) {
    if (!td.roleUnknown() || td.address() == null) {
      return td;
    }
    TerraformResources.Attributes a = new TerraformResources.Attributes(td.file(), td.address(),
        com.fasterxml.jackson.databind.node.MissingNode.getInstance(), null, configuration(plan, td.address()), null);
    return a.reference("execution_role_arn", "aws_iam_role")
        .flatMap(r -> others.roles.stream().filter(role -> role.address().equals(r)).findFirst())
        .map(role -> new PlannedTaskDefinition(td.file(), td.pointerPrefix(), td.family(), role.arn(), td.containers(),
            td.accountHint(), td.regionHint(), td.ignoredFields(), td.positions(), td.keyStyle(),
            td.unknowns().stream().filter(u -> !u.contains("execution_role_arn")).toList(), false, td.fileIndexes(),
            td.address(), td.containersUnknown()))
        .orElse(td);
  }

  private static boolean isTaskDefinition(JsonNode resource) {
    return isType(resource, TASK_DEFINITION);
  }

  private static boolean isType(JsonNode resource, String type) {
    return resource.path("mode").asText("managed").equals("managed") && resource.path("type").asText().equals(type);
  }

  /**
   * An {@code aws_vpc_endpoint}. Defaults are the provider's: type {@code Gateway}, private DNS off. A
   * {@code policy} or {@code security_group_ids} known only after apply is AWS's default (full access, the
   * VPC's default group) when the configuration does not set it, else unknown; other unknown values make
   * the endpoint checks wait (PP000).
   *
   * @param configured the resource's {@code expressions} in the plan's configuration, missing when the
   *     file has none
   */
  private static PlannedEndpoint endpoint(String file, String address, JsonNode values, JsonNode afterUnknown,
      JsonNode configured, dev.pullpath.check.SourcePosition position) {
    String where = file + " " + address;
    PlannedEndpoint.Unknowns unknown = new PlannedEndpoint.Unknowns();
    java.util.function.Predicate<String> isUnknown = attribute -> afterUnknown != null
        && (afterUnknown.path(attribute).asBoolean(false) || afterUnknown.path(attribute).toString().contains("true"));
    java.util.function.BiFunction<String, SnapshotPart, Boolean> known = (attribute, part) -> {
      if (!isUnknown.test(attribute)) {
        return true;
      }
      unknown.add(where + ": " + attribute + " is known only after apply (it depends on a resource the plan "
          + "changes); the " + (part == SnapshotPart.SECURITY_GROUPS ? "security group" : "endpoint")
          + " checks wait (PP000)", part);
      return false;
    };
    String service = known.apply("service_name", SnapshotPart.VPC_ENDPOINTS) ? text(values, "service_name") : null;
    if (service == null && !isUnknown.test("service_name")) {
      unknown.add(where + ": service_name is not in the plan; the endpoint checks wait (PP000)",
          SnapshotPart.VPC_ENDPOINTS);
    }
    String vpc = isUnknown.test("vpc_id") ? null : text(values, "vpc_id"); // else the VPC of its subnets
    String type = java.util.Optional.ofNullable(text(values, "vpc_endpoint_type")).orElse("Gateway");
    // A list the configuration does not set is computed, so known only after apply, yet AWS leaves it empty.
    java.util.function.Predicate<String> unset = attribute -> configured.isObject() && !configured.has(attribute);
    List<String> subnets = unset.test("subnet_ids") || known.apply("subnet_ids", SnapshotPart.VPC_ENDPOINTS)
        ? texts(values, "subnet_ids") : List.of();
    List<String> routeTables = unset.test("route_table_ids")
        || known.apply("route_table_ids", SnapshotPart.VPC_ENDPOINTS) ? texts(values, "route_table_ids") : List.of();
    List<String> groups;
    if (!isUnknown.test("security_group_ids")) {
      groups = texts(values, "security_group_ids");
      groups = groups.isEmpty() ? null : groups;
    } else if (configured.isObject() && !configured.has("security_group_ids")) {
      groups = null; // not configured: AWS uses the VPC's default group
    } else if (plannedGroups(address, configured).isPresent()) {
      groups = plannedGroups(address, configured).get();
    } else {
      known.apply("security_group_ids", SnapshotPart.SECURITY_GROUPS);
      groups = List.of();
    }
    boolean privateDns = known.apply("private_dns_enabled", SnapshotPart.VPC_ENDPOINTS)
        && values.path("private_dns_enabled").asBoolean(false);
    PolicyDocument policy = null;
    if (!isUnknown.test("policy")) {
      String text = text(values, "policy");
      policy = text == null || text.isBlank() ? null : PolicyDocument.parse(text);
    } else if (configured.isObject() && !configured.has("policy")) {
      unknown.statements.add(where + ": policy is not set in the configuration, so AWS attaches its default "
          + "full-access policy");
    } else {
      known.apply("policy", SnapshotPart.VPC_ENDPOINTS);
    }
    String id = isUnknown.test("id") ? null : text(values, "id");
    return new PlannedEndpoint(file, address, id, service, vpc, type, subnets, routeTables, groups, privateDns,
        policy, position.of(address), unknown.statements, unknown.parts);
  }

  /**
   * The groups of an endpoint whose {@code security_group_ids} are known only after apply, when the
   * configuration names only groups the same plan creates ({@code [aws_security_group.endpoints.id]}).
   */
  private static java.util.Optional<List<String>> plannedGroups(String address, JsonNode configured) {
    JsonNode references = configured.path("security_group_ids").path("references");
    if (!references.isArray() || references.isEmpty()) {
      return java.util.Optional.empty();
    }
    String module = address.substring(0, address.length()
        - address.replaceFirst("^(module\\.[^.\\[]+(\\[[^\\]]*\\])?\\.)*", "").length());
    java.util.Set<String> groups = new java.util.LinkedHashSet<>();
    for (JsonNode reference : references) {
      String[] parts = reference.asText().split("\\.");
      if (parts.length < 2 || !parts[0].equals("aws_security_group")) {
        return java.util.Optional.empty();
      }
      groups.add(PlannedSecurityGroup.PLANNED + module + parts[0] + "." + parts[1]);
    }
    return java.util.Optional.of(List.copyOf(groups));
  }

  private static String text(JsonNode values, String attribute) {
    JsonNode value = values.path(attribute);
    return value.isValueNode() && !value.isNull() ? value.asText() : null;
  }

  private static List<String> texts(JsonNode values, String attribute) {
    List<String> items = new ArrayList<>();
    values.path(attribute).forEach(v -> {
      if (v.isValueNode() && !v.isNull()) {
        items.add(v.asText());
      }
    });
    return items;
  }

  private static final Pattern MODULE = Pattern.compile("^module\\.([^.\\[]+)(?:\\[[^\\]]*\\])?\\.");

  /**
   * The {@code expressions} the configuration gives the resource at {@code address}, found through the
   * module calls its address names; a missing node when the plan has no configuration for it.
   */
  private static JsonNode configuration(JsonNode plan, String address) {
    JsonNode module = plan.path("configuration").path("root_module");
    String rest = address;
    Matcher call;
    while ((call = MODULE.matcher(rest)).find()) {
      module = module.path("module_calls").path(call.group(1)).path("module");
      rest = rest.substring(call.end());
    }
    String resource = rest.replaceFirst("\\[[^\\]]*\\]$", "");
    for (JsonNode r : module.path("resources")) {
      if (r.path("address").asText().equals(resource)) {
        return r.path("expressions");
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  /** Whether the resource exists after apply: created, updated, replaced or left as it is. */
  private static boolean willExist(JsonNode actions) {
    for (JsonNode action : actions) {
      if (action.asText().equals("create") || action.asText().equals("update") || action.asText().equals("no-op")) {
        return true;
      }
    }
    return false;
  }

  /** Task definitions of {@code module} and its child modules that {@code resource_changes} did not have. */
  private static void plannedValues(JsonNode module, String pointer, Set<String> changed, String file,
      JsonPositions positions, String providerRegion, List<PlannedTaskDefinition> found,
      List<PlannedEndpoint> endpoints, TerraformResources others) {
    JsonNode resources = module.path("resources");
    for (int i = 0; i < resources.size(); i++) {
      JsonNode resource = resources.get(i);
      String address = resource.path("address").asText();
      String otherType = resource.path("type").asText();
      if (TerraformResources.TYPES.contains(otherType) && isType(resource, otherType)
          && resource.path("values").isObject() && changed.add(address)) {
        // planned_values leave unknown values out: what is missing is not known to be unset.
        others.read(otherType, new TerraformResources.Attributes(file, address, resource.get("values"), null,
            com.fasterxml.jackson.databind.node.MissingNode.getInstance(),
            positions.at(pointer + "/resources/" + i).of(address)));
        continue;
      }
      if (isType(resource, ENDPOINT) && resource.path("values").isObject() && changed.add(address)) {
        // planned_values leave unknown values out: a missing policy or group list may be one.
        JsonNode unknown = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
            .put("policy", !resource.get("values").hasNonNull("policy"))
            .put("security_group_ids", !resource.get("values").hasNonNull("security_group_ids"));
        endpoints.add(endpoint(file, address, resource.get("values"), unknown,
            com.fasterxml.jackson.databind.node.MissingNode.getInstance(), positions.at(pointer + "/resources/" + i)));
        continue;
      }
      if (isTaskDefinition(resource) && resource.path("values").isObject() && changed.add(address)) {
        found.add(new Resource(file, address, resource.path("name").asText(address),
            pointer + "/resources/" + i + "/values", resource.get("values"), null, false)
            .read(positions, providerRegion));
      }
    }
    JsonNode children = module.path("child_modules");
    for (int i = 0; i < children.size(); i++) {
      plannedValues(children.get(i), pointer + "/child_modules/" + i, changed, file, positions, providerRegion, found,
          endpoints, others);
    }
  }

  /** The region the root module's default {@code aws} provider is configured with, when a literal says it. */
  private static String providerRegion(JsonNode plan) {
    JsonNode region = plan.at("/configuration/provider_config/aws/expressions/region/constant_value");
    return region.isTextual() && !region.asText().isBlank() ? region.asText() : null;
  }

  /**
   * One {@code aws_ecs_task_definition} as the plan gives its attributes.
   *
   * @param values the attributes ({@code change.after} or {@code planned_values}' {@code values})
   * @param afterUnknown {@code change.after_unknown}; {@code null} when read from {@code planned_values},
   *     which leaves unknown values out, so a missing value may be one
   * @param absentIsUnset whether a missing value is unset rather than possibly unknown
   */
  private record Resource(String file, String address, String name, String pointer, JsonNode values,
      JsonNode afterUnknown, boolean absentIsUnset) {

    PlannedTaskDefinition read(JsonPositions positions, String providerRegion) {
      String where = file + " " + address;
      List<String> unknowns = new ArrayList<>();
      String family = text("family");
      if (family == null) {
        family = name;
        unknowns.add(where + ": family is " + (unknown("family") ? "known only after apply" : "not in the plan")
            + "; checked as family " + name);
      }
      String role = text("execution_role_arn");
      boolean roleUnknown = role == null && (unknown("execution_role_arn") || !absentIsUnset);
      if (roleUnknown) {
        unknowns.add(where + ": execution_role_arn is " + unknownPhrase("execution_role_arn")
            + "; the execution role is not checked (PP000)");
      }
      List<ContainerDefinition> containers = new ArrayList<>();
      String definitions = text("container_definitions");
      boolean containersUnknown = definitions == null;
      if (containersUnknown) {
        unknowns.add(where + ": container_definitions is " + unknownPhrase("container_definitions")
            + "; its images are not checked (PP000)");
      } else {
        containers.addAll(containers(definitions, where));
      }
      List<String> arns = new ArrayList<>();
      arns.add(role);
      arns.add(text("task_role_arn"));
      containers.forEach(c -> arns.addAll(c.secrets()));
      String account = null;
      String region = null;
      for (String arn : arns) {
        Matcher m = arn == null ? null : TaskDefinitionFiles.ARN_ACCOUNT_REGION.matcher(arn);
        if (m != null && m.find()) {
          account = account == null ? m.group(2) : account;
          region = region == null && !m.group(1).isEmpty() ? m.group(1) : region;
        }
      }
      if (region == null) {
        region = containers.stream().map(c -> c.logOptions().get("awslogs-region")).filter(r -> r != null)
            .findFirst().orElse(providerRegion);
      }
      return new PlannedTaskDefinition(file, pointer, family, role, containers, account, region, List.of(),
          positions, PlannedTaskDefinition.KeyStyle.TERRAFORM, unknowns, roleUnknown, null, address,
          containersUnknown);
    }

    /** The attribute as a string, {@code null} when it is null, missing or unknown. */
    private String text(String attribute) {
      JsonNode value = values.path(attribute);
      if (unknown(attribute) || !value.isValueNode() || value.isNull()) {
        return null;
      }
      return value.asText();
    }

    private boolean unknown(String attribute) {
      return afterUnknown != null && afterUnknown.path(attribute).asBoolean(false);
    }

    private String unknownPhrase(String attribute) {
      if (unknown(attribute)) {
        return "known only after apply (it depends on a resource the plan changes)";
      }
      return absentIsUnset ? "not set" : "not in planned_values, which leaves out values known only after apply";
    }

    /** {@code container_definitions}: a JSON string holding the array the ECS API takes. */
    private static List<ContainerDefinition> containers(String definitions, String where) {
      JsonNode array;
      try {
        array = JSON.readTree(definitions);
      } catch (JsonProcessingException e) {
        throw new PlannedInputException(where + ": container_definitions is not JSON (" + e.getOriginalMessage() + ")");
      }
      if (array == null || !array.isArray() || array.isEmpty()) {
        throw new PlannedInputException(where + ": container_definitions must be a JSON array of at least one "
            + "container definition");
      }
      List<ContainerDefinition> containers = new ArrayList<>();
      for (int i = 0; i < array.size(); i++) {
        containers.add(TaskDefinitionFiles.container(array, "/" + i, where + " container_definitions"));
      }
      return containers;
    }
  }
}
