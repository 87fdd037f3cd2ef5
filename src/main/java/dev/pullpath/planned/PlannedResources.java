package dev.pullpath.planned;

import dev.pullpath.snapshot.SnapshotPart;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What planned files describe: task definitions to register, and VPC endpoints, security groups (and their
 * separate rules), IAM roles (and their separate inline policies), pull-through cache rules and route tables
 * (with separate routes and subnet associations) to create or update.
 *
 * @param notes what the user should know about how the files were read (unknown parameters, values)
 * @param unknownParts the snapshot parts whose checks must wait because the files leave values unknown
 */
public record PlannedResources(
    List<PlannedTaskDefinition> taskDefinitions,
    List<PlannedEndpoint> endpoints,
    List<PlannedSecurityGroup> securityGroups,
    List<PlannedSecurityGroup.Rule> securityGroupRules,
    List<PlannedRole> roles,
    List<PlannedRole.Policy> rolePolicies,
    List<PlannedCacheRule> cacheRules,
    List<String> notes,
    Set<SnapshotPart> unknownParts,
    List<PlannedRole.Attachment> roleAttachments,
    List<PlannedRouteTable> routeTables,
    List<PlannedRouteTable.PlannedRoute> routes,
    List<PlannedRouteTable.Association> routeAssociations,
    List<PlannedService> services) {
  public PlannedResources {
    taskDefinitions = List.copyOf(taskDefinitions);
    endpoints = List.copyOf(endpoints);
    securityGroups = List.copyOf(securityGroups);
    securityGroupRules = List.copyOf(securityGroupRules);
    roles = List.copyOf(roles);
    rolePolicies = List.copyOf(rolePolicies);
    cacheRules = List.copyOf(cacheRules);
    notes = List.copyOf(notes);
    unknownParts = unknownParts.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(unknownParts));
    roleAttachments = roleAttachments == null ? List.of() : List.copyOf(roleAttachments);
    routeTables = routeTables == null ? List.of() : List.copyOf(routeTables);
    routes = routes == null ? List.of() : List.copyOf(routes);
    routeAssociations = routeAssociations == null ? List.of() : List.copyOf(routeAssociations);
    services = services == null ? List.of() : List.copyOf(services);
  }

  public PlannedResources(List<PlannedTaskDefinition> taskDefinitions, List<PlannedEndpoint> endpoints,
      List<PlannedSecurityGroup> securityGroups, List<PlannedSecurityGroup.Rule> securityGroupRules,
      List<PlannedRole> roles, List<PlannedRole.Policy> rolePolicies, List<PlannedCacheRule> cacheRules,
      List<String> notes, Set<SnapshotPart> unknownParts, List<PlannedRole.Attachment> roleAttachments) {
    this(taskDefinitions, endpoints, securityGroups, securityGroupRules, roles, rolePolicies, cacheRules, notes,
        unknownParts, roleAttachments, List.of(), List.of(), List.of(), List.of());
  }

  public PlannedResources(List<PlannedTaskDefinition> taskDefinitions, List<PlannedEndpoint> endpoints) {
    this(taskDefinitions, endpoints, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), Set.of(), List.of());
  }

  public static PlannedResources of(List<PlannedTaskDefinition> taskDefinitions) {
    return new PlannedResources(taskDefinitions, List.of());
  }

  PlannedResources withNotes(List<String> more) {
    return plus(new PlannedResources(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
        more, Set.of(), List.of()));
  }

  public PlannedResources plus(PlannedResources more) {
    Set<SnapshotPart> parts = EnumSet.noneOf(SnapshotPart.class);
    parts.addAll(unknownParts);
    parts.addAll(more.unknownParts);
    return new PlannedResources(join(taskDefinitions, more.taskDefinitions), join(endpoints, more.endpoints),
        join(securityGroups, more.securityGroups), join(securityGroupRules, more.securityGroupRules),
        join(roles, more.roles), join(rolePolicies, more.rolePolicies), join(cacheRules, more.cacheRules),
        join(notes, more.notes), parts, join(roleAttachments, more.roleAttachments),
        join(routeTables, more.routeTables), join(routes, more.routes),
        join(routeAssociations, more.routeAssociations), join(services, more.services));
  }

  private static <T> List<T> join(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** Whether the files plan nothing pullpath checks, not even something it cannot resolve. */
  public boolean isEmpty() {
    return unknownParts.isEmpty() && taskDefinitions.isEmpty() && endpoints.isEmpty() && securityGroups.isEmpty() && securityGroupRules.isEmpty()
        && roles.isEmpty() && rolePolicies.isEmpty() && cacheRules.isEmpty() && roleAttachments.isEmpty()
        && routeTables.isEmpty() && routes.isEmpty() && routeAssociations.isEmpty() && services.isEmpty();
  }
}
