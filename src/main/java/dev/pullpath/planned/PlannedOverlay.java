package dev.pullpath.planned;

import dev.pullpath.check.Finding;
import dev.pullpath.check.FixHint;
import dev.pullpath.check.SourcePosition;
import dev.pullpath.check.ScanResult;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.EcsService;
import dev.pullpath.snapshot.IamRole;
import dev.pullpath.snapshot.PullThroughCacheRule;
import dev.pullpath.snapshot.SecurityGroup;
import dev.pullpath.snapshot.SnapshotPart;
import dev.pullpath.snapshot.TaskDefinition;
import dev.pullpath.snapshot.UnreadablePart;
import dev.pullpath.snapshot.VpcEndpoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The account as it will be once planned task definitions are registered: each replaces its family's
 * latest revision, and the services running that revision run the planned one. A planned family that no
 * service runs gets a workload of its own, {@code planned/FAMILY}, with no known network.
 *
 * <p>Without an account (no snapshot, no live scan) only the planned files are known: every other part
 * is marked not given, so the rules that need it report PP000 instead of judging an empty account.
 *
 * @param snapshot what the rules check
 * @param planned the planned task definition each workload runs, by workload name
 * @param notes one line per thing the user should know about how the files were read
 */
public record PlannedOverlay(
    AccountSnapshot snapshot, Map<String, Placed> planned, List<String> notes, Map<String, PlannedEndpoint> endpoints,
    Map<String, Declaration> declarations) {
  /** How the overlay names a part whose values the files leave unknown; the PP000 finding quotes it. */
  static final String LEFT_UNKNOWN = "values the planned files leave unknown (see the notes)";

  /** Who gives the parts that planned files do not describe, as the PP000 finding says it. */
  static final String CONTEXT_OPTIONS = "--snapshot FILE or --region REGION";
  /** The cluster name of workloads that exist only in planned files. */
  public static final String PLANNED_CLUSTER = "planned";

  /** A planned task definition as registered in the overlay. */
  public record Placed(PlannedTaskDefinition source, TaskDefinition registered) {}

  public PlannedOverlay {
    planned = Map.copyOf(planned);
    notes = List.copyOf(notes);
    endpoints = endpoints == null ? Map.of() : Map.copyOf(endpoints);
    declarations = declarations == null ? Map.of() : Map.copyOf(declarations);
  }

  public PlannedOverlay(AccountSnapshot snapshot, Map<String, Placed> planned, List<String> notes) {
    this(snapshot, planned, notes, Map.of(), Map.of());
  }

  /**
   * @param context the account the files land in, {@code null} when none was given
   */
  public static PlannedOverlay of(AccountSnapshot context, List<PlannedTaskDefinition> files) {
    return of(context, PlannedResources.of(files));
  }

  /**
   * The account with planned task definitions registered and planned VPC endpoints created (or, for an
   * update of an existing one, replaced); a planned endpoint's values the file leaves unknown make the
   * checks that need them wait (PP000).
   *
   * @param context the account the files land in, {@code null} when none was given
   */
  public static PlannedOverlay of(AccountSnapshot context, PlannedResources resources) {
    List<PlannedTaskDefinition> files = resources.taskDefinitions();
    if (context == null && files.isEmpty()) {
      throw new PlannedInputException(firstFile(resources) + ": planned VPC endpoints, security groups, roles and "
          + "cache rules are checked in the account they land in: give " + CONTEXT_OPTIONS);
    }
    List<String> notes = new ArrayList<>(resources.notes());
    files.stream().map(PlannedTaskDefinition::ignoredFieldsNote).filter(n -> n != null).forEach(notes::add);
    files.forEach(f -> notes.addAll(f.unknowns()));
    AccountSnapshot base = context == null ? emptyAccount(files) : context;
    files = files.stream().map(f -> f.resolvePseudoParameters(base.accountId(), base.region())).toList();
    List<TaskDefinition> taskDefinitions = new ArrayList<>(base.taskDefinitions());
    List<EcsService> services = new ArrayList<>(base.services());
    Map<String, Placed> byWorkload = new LinkedHashMap<>();
    Map<String, PlannedTaskDefinition> byFamily = new LinkedHashMap<>();
    for (PlannedTaskDefinition file : files) {
      PlannedTaskDefinition earlier = byFamily.put(file.family(), file);
      if (earlier != null) {
        throw new PlannedInputException(file.file() + ": family " + file.family() + " is planned twice (also in "
            + earlier.file() + ")");
      }
      Optional<TaskDefinition> latest = taskDefinitions.stream()
          .filter(t -> t.family().equals(file.family()))
          .max(Comparator.comparingInt(TaskDefinition::revision));
      int revision = latest.map(t -> t.revision() + 1).orElse(1);
      TaskDefinition registered = new TaskDefinition(
          "arn:aws:ecs:" + base.region() + ":" + base.accountId() + ":task-definition/" + file.family() + ":" + revision,
          file.family(), revision, file.executionRoleArn(), file.containers());
      latest.ifPresent(taskDefinitions::remove);
      taskDefinitions.add(registered);
      Placed placed = new Placed(file, registered);
      boolean running = false;
      for (int i = 0; i < services.size(); i++) {
        EcsService s = services.get(i);
        if (latest.isPresent() && s.taskDefinitionArn().equals(latest.get().taskDefinitionArn())) {
          services.set(i, new EcsService(s.clusterName(), s.clusterArn(), s.serviceName(), s.serviceArn(),
              s.launchType(), s.platformVersion(), s.subnetIds(), s.securityGroupIds(), s.assignPublicIp(),
              registered.taskDefinitionArn()));
          byWorkload.put(s.workloadName(), placed);
          running = true;
        }
      }
      if (!running) {
        EcsService workload = new EcsService(PLANNED_CLUSTER, null, file.family(), null, "FARGATE", null, List.of(),
            List.of(), false, registered.taskDefinitionArn());
        services.add(workload);
        byWorkload.put(workload.workloadName(), placed);
        if (context != null) {
          notes.add(file.file() + ": no service runs family " + file.family() + " yet; it is checked as "
              + workload.workloadName() + ", without subnets or security groups");
        }
      }
    }
    Map<String, Declaration> declarations = new LinkedHashMap<>();
    Set<SnapshotPart> unknownParts = EnumSet.noneOf(SnapshotPart.class);
    placeServices(resources, byFamily, byWorkload, taskDefinitions, services, notes, unknownParts, declarations);
    List<UnreadablePart> unreadable = new ArrayList<>(base.unreadable());
    files.stream().filter(PlannedTaskDefinition::roleUnknown).findFirst()
        .filter(f -> base.isReadable(SnapshotPart.IAM_ROLES))
        // Judging the other roles would be fine, but one rule run cannot tell them apart: the rule waits.
        .ifPresent(f -> unreadable.add(UnreadablePart.notGiven(SnapshotPart.IAM_ROLES,
            "an execution role pullpath can resolve (" + f.file() + ", family " + f.family() + ")")));
    files.stream().filter(PlannedTaskDefinition::containersUnknown).findFirst()
        .filter(f -> base.isReadable(SnapshotPart.TASK_DEFINITIONS))
        // A task definition without known containers would pass every image check: the checks wait instead.
        .ifPresent(f -> unreadable.add(UnreadablePart.notGiven(SnapshotPart.TASK_DEFINITIONS,
            "container definitions pullpath can read (" + f.file() + ", " + f.address() + ")")));
    List<VpcEndpoint> endpoints = new ArrayList<>(base.vpcEndpoints());
    Map<String, PlannedEndpoint> endpointsById = new LinkedHashMap<>();
    unknownParts.addAll(resources.unknownParts());
    for (PlannedEndpoint planned : resources.endpoints()) {
      notes.addAll(planned.unknowns());
      unknownParts.addAll(planned.unknownParts());
      if (endpointsById.put(planned.id(), planned) != null) {
        throw new PlannedInputException(planned.file() + ": endpoint " + planned.id() + " is planned twice");
      }
      planned.place(base, notes, unknownParts).ifPresent(endpoint -> {
        endpoints.removeIf(e -> e.vpcEndpointId().equals(endpoint.vpcEndpointId()));
        endpoints.add(endpoint);
      });
    }
    List<SecurityGroup> groups = placeGroups(base, resources, notes, unknownParts, declarations);
    List<IamRole> roles = placeRoles(base, resources, notes, unknownParts, declarations);
    List<dev.pullpath.snapshot.RouteTable> routeTables = placeRouteTables(base, resources, notes, unknownParts,
        declarations);
    java.util.Set<String> replacedRoles = new java.util.HashSet<>();
    resources.roles().forEach(r -> replacedRoles.add(fill(r.arn(), base)));
    resources.rolePolicies().forEach(p -> p.roles().forEach(name -> roles.stream()
        .filter(r -> r.roleName().equals(name) || r.arn().equals(name)).forEach(r -> replacedRoles.add(r.arn()))));
    resources.roleAttachments().forEach(a -> roles.stream()
        .filter(r -> r.roleName().equals(a.role()) || r.arn().equals(a.role())).forEach(r -> replacedRoles.add(r.arn())));
    // The simulator answered for the role as it is; a planned role's policies decide instead.
    List<dev.pullpath.snapshot.SimulationResult> simulations = base.simulations().stream()
        .filter(r -> !replacedRoles.contains(r.principalArn())).toList();
    List<PullThroughCacheRule> cacheRules = new ArrayList<>(base.pullThroughCacheRules());
    for (PlannedCacheRule planned : resources.cacheRules()) {
      String prefix = planned.rule().ecrRepositoryPrefix();
      cacheRules.removeIf(r -> r.ecrRepositoryPrefix().equals(prefix));
      cacheRules.add(planned.rule());
      declarations.put(key("AWS::ECR::PullThroughCacheRule", prefix),
          new Declaration(planned.file(), planned.address(), planned.position()));
    }
    for (SnapshotPart part : unknownParts) {
      if (base.isReadable(part)) {
        unreadable.add(UnreadablePart.notGiven(part, LEFT_UNKNOWN));
      }
    }
    // Every part of the account is kept; only what the files plan is replaced.
    AccountSnapshot overlaid = new AccountSnapshot(base.schemaVersion(), base.accountId(), base.region(),
        base.collectedAt(), base.vpcs(), base.subnets(), routeTables, endpoints,
        groups, services, taskDefinitions, cacheRules, base.registryPolicy(),
        roles, base.secrets(), simulations, unreadable, base.managedPrefixLists(),
        base.repositories(), base.logGroups());
    return new PlannedOverlay(overlaid, byWorkload, notes, endpointsById, declarations);
  }

  /** Where a planned resource other than an endpoint or task definition is declared. */
  record Declaration(String file, String address, SourcePosition position) {}

  private static String key(String type, String id) {
    return type + " " + id;
  }

  private static String fill(String value, AccountSnapshot account) {
    return value.replace(CloudFormationTemplates.ACCOUNT_ID, account.accountId())
        .replace(CloudFormationTemplates.REGION, account.region());
  }

  /** A policy with the template's pseudo parameters filled in (they hold no character JSON escapes). */
  static dev.pullpath.policy.PolicyDocument fill(dev.pullpath.policy.PolicyDocument policy, AccountSnapshot account) {
    return policy == null || !policy.isParsable() ? policy
        : dev.pullpath.policy.PolicyDocument.parse(fill(policy.toJsonText(), account));
  }

  /**
   * The account's security groups with the planned ones added (or replacing the group of the same id), and
   * separate rules added to the group they name; a rule for a group neither holds is stated and the
   * security group checks wait.
   */
  private static List<SecurityGroup> placeGroups(AccountSnapshot base, PlannedResources resources, List<String> notes,
      Set<SnapshotPart> unknown, Map<String, Declaration> declarations) {
    Map<String, SecurityGroup> groups = new LinkedHashMap<>();
    base.securityGroups().forEach(g -> groups.put(g.groupId(), g));
    for (PlannedSecurityGroup planned : resources.securityGroups()) {
      if (groups.containsKey(planned.id()) && planned.groupId() == null) {
        throw new PlannedInputException(planned.file() + ": security group " + planned.id() + " is planned twice");
      }
      groups.put(planned.id(), new SecurityGroup(planned.id(), planned.groupName(), fill(planned.vpcId(), base),
          planned.ingress(), planned.egress()));
      declarations.put(key("AWS::EC2::SecurityGroup", planned.id()),
          new Declaration(planned.file(), planned.address(), planned.position()));
    }
    for (PlannedSecurityGroup.Rule rule : resources.securityGroupRules()) {
      SecurityGroup group = groups.get(rule.groupId());
      if (group == null) {
        notes.add(rule.file() + " " + rule.address() + ": security group " + rule.groupId() + " is neither in the "
            + "account nor planned; the security group checks wait (PP000)");
        unknown.add(SnapshotPart.SECURITY_GROUPS);
        continue;
      }
      List<dev.pullpath.snapshot.SecurityGroupRule> ingress = new ArrayList<>(group.ingress());
      List<dev.pullpath.snapshot.SecurityGroupRule> egress = new ArrayList<>(group.egress());
      (rule.ingress() ? ingress : egress).add(rule.rule());
      groups.put(group.groupId(), new SecurityGroup(group.groupId(), group.groupName(), group.vpcId(), ingress, egress));
      declarations.putIfAbsent(key("AWS::EC2::SecurityGroup", group.groupId()),
          new Declaration(rule.file(), rule.address(), rule.position()));
    }
    return new ArrayList<>(groups.values());
  }

  /**
   * Planned services replace the service of the same cluster and name, or are added, running the task
   * definition they name: a family the same files plan is its planned revision (its placeholder workload
   * goes), else a revision of the account. One naming a task definition neither holds is stated and the
   * service checks wait.
   */
  private static void placeServices(PlannedResources resources, Map<String, PlannedTaskDefinition> byFamily,
      Map<String, Placed> byWorkload, List<TaskDefinition> taskDefinitions, List<EcsService> services,
      List<String> notes, Set<SnapshotPart> unknown, Map<String, Declaration> declarations) {
    for (PlannedService planned : resources.services()) {
      String ref = planned.taskDefinition();
      String familyAndRevision = ref.contains("task-definition/") ? ref.substring(ref.indexOf("task-definition/") + 16)
          : ref;
      String family = familyAndRevision.split(":")[0];
      Placed placed = byFamily.containsKey(family) && !familyAndRevision.contains(":")
          ? byWorkload.values().stream().filter(p -> p.source().family().equals(family)).findFirst().orElse(null)
          : null;
      Optional<TaskDefinition> runs = placed != null ? Optional.of(placed.registered())
          : taskDefinitions.stream().filter(t -> t.taskDefinitionArn().equals(ref)
              || (t.family() + ":" + t.revision()).equals(familyAndRevision))
              .findFirst().or(() -> familyAndRevision.contains(":") ? Optional.empty()
                  : taskDefinitions.stream().filter(t -> t.family().equals(family))
                      .max(Comparator.comparingInt(TaskDefinition::revision)));
      if (runs.isEmpty()) {
        notes.add(planned.file() + " " + planned.address() + ": task definition " + ref + " is neither in the account "
            + "nor planned; the service checks wait (PP000)");
        unknown.add(SnapshotPart.SERVICES);
        continue;
      }
      Optional<EcsService> existing = services.stream().filter(s -> s.clusterName().equals(planned.clusterName())
          && s.serviceName().equals(planned.serviceName())).findFirst();
      EcsService service = new EcsService(planned.clusterName(), existing.map(EcsService::clusterArn).orElse(null),
          planned.serviceName(), existing.map(EcsService::serviceArn).orElse(null), planned.launchType(),
          existing.map(EcsService::platformVersion).orElse(null), planned.subnetIds(), planned.securityGroupIds(),
          planned.assignPublicIp(), runs.get().taskDefinitionArn());
      existing.ifPresent(services::remove);
      byWorkload.remove(service.workloadName());
      services.add(service);
      if (placed != null) {
        // The family now has a service: the stand-in workload without a network goes.
        services.removeIf(s -> s.clusterName().equals(PLANNED_CLUSTER) && s.serviceName().equals(family));
        byWorkload.remove(PLANNED_CLUSTER + "/" + family);
        notes.removeIf(n -> n.contains(": no service runs family " + family + " yet"));
        byWorkload.put(service.workloadName(), placed);
      }
      declarations.put(key("AWS::ECS::Service", service.workloadName()),
          new Declaration(planned.file(), planned.address(), planned.position()));
    }
  }

  /**
   * The account's route tables with the planned ones added (or replacing the table of the same id, keeping
   * whether it is the main table and its subnets), separate routes added to the table they name (replacing a
   * route to the same destination), and each associated subnet moved to its table, since a subnet has one
   * explicit table. A route or association for a table neither holds is stated and the route checks wait.
   */
  private static List<dev.pullpath.snapshot.RouteTable> placeRouteTables(AccountSnapshot base,
      PlannedResources resources, List<String> notes, Set<SnapshotPart> unknown, Map<String, Declaration> declarations) {
    Map<String, dev.pullpath.snapshot.RouteTable> tables = new LinkedHashMap<>();
    base.routeTables().forEach(t -> tables.put(t.routeTableId(), t));
    for (PlannedRouteTable planned : resources.routeTables()) {
      dev.pullpath.snapshot.RouteTable existing = tables.get(planned.id());
      if (existing != null && planned.routeTableId() == null) {
        throw new PlannedInputException(planned.file() + ": route table " + planned.id() + " is planned twice");
      }
      String vpc = fill(planned.vpcId(), base);
      List<dev.pullpath.snapshot.Route> routes = new ArrayList<>();
      // EC2 gives every table the VPC's local route; neither templates nor plans list it.
      base.vpcs().stream().filter(v -> v.vpcId().equals(vpc) && v.cidrBlock() != null).findFirst().ifPresent(v -> routes.add(
          new dev.pullpath.snapshot.Route(v.cidrBlock(), null, dev.pullpath.snapshot.Route.TargetType.LOCAL, "local")));
      if (existing != null) {
        // A gateway endpoint's routes belong to the endpoint: the provider leaves them out of the table's routes.
        existing.routes().stream().filter(r -> r.targetType() == dev.pullpath.snapshot.Route.TargetType.VPCE)
            .forEach(routes::add);
      }
      routes.addAll(planned.routes());
      tables.put(planned.id(), new dev.pullpath.snapshot.RouteTable(planned.id(), vpc,
          existing != null && existing.main(), existing == null ? List.of() : existing.subnetIds(), routes));
      declarations.put(key("AWS::EC2::RouteTable", planned.id()),
          new Declaration(planned.file(), planned.address(), planned.position()));
    }
    for (PlannedRouteTable.PlannedRoute route : resources.routes()) {
      dev.pullpath.snapshot.RouteTable table = tables.get(route.routeTableId());
      if (table == null) {
        notes.add(route.file() + " " + route.address() + ": route table " + route.routeTableId() + " is neither in "
            + "the account nor planned; the route checks wait (PP000)");
        unknown.add(SnapshotPart.ROUTE_TABLES);
        continue;
      }
      List<dev.pullpath.snapshot.Route> routes = new ArrayList<>(table.routes());
      routes.removeIf(r -> java.util.Objects.equals(r.destination(), route.route().destination())
          && java.util.Objects.equals(r.destinationPrefixListId(), route.route().destinationPrefixListId()));
      routes.add(route.route());
      tables.put(table.routeTableId(), new dev.pullpath.snapshot.RouteTable(table.routeTableId(), table.vpcId(),
          table.main(), table.subnetIds(), routes));
      declarations.putIfAbsent(key("AWS::EC2::RouteTable", table.routeTableId()),
          new Declaration(route.file(), route.address(), route.position()));
    }
    for (PlannedRouteTable.Association association : resources.routeAssociations()) {
      dev.pullpath.snapshot.RouteTable table = tables.get(association.routeTableId());
      if (table == null) {
        notes.add(association.file() + " " + association.address() + ": route table " + association.routeTableId()
            + " is neither in the account nor planned; the route checks wait (PP000)");
        unknown.add(SnapshotPart.ROUTE_TABLES);
        continue;
      }
      String subnet = association.subnetId();
      for (dev.pullpath.snapshot.RouteTable t : List.copyOf(tables.values())) {
        if (t.subnetIds().contains(subnet)) {
          tables.put(t.routeTableId(), new dev.pullpath.snapshot.RouteTable(t.routeTableId(), t.vpcId(), t.main(),
              t.subnetIds().stream().filter(id -> !id.equals(subnet)).toList(), t.routes()));
        }
      }
      table = tables.get(association.routeTableId());
      List<String> subnets = new ArrayList<>(table.subnetIds());
      subnets.add(subnet);
      tables.put(table.routeTableId(), new dev.pullpath.snapshot.RouteTable(table.routeTableId(), table.vpcId(),
          table.main(), subnets, table.routes()));
    }
    return new ArrayList<>(tables.values());
  }

  /**
   * The account's roles with the planned ones added (or replacing the role of the same ARN), and separate
   * inline policies added to the roles they name. A managed policy's document is taken from a role of
   * the account that has it attached; one that no role has is stated and the role checks wait.
   */
  private static List<IamRole> placeRoles(AccountSnapshot base, PlannedResources resources, List<String> notes,
      Set<SnapshotPart> unknown, Map<String, Declaration> declarations) {
    Map<String, IamRole> roles = new LinkedHashMap<>();
    base.iamRoles().forEach(r -> roles.put(r.arn(), r));
    Map<String, IamRole.NamedPolicy> managedDocuments = new LinkedHashMap<>();
    base.iamRoles().forEach(r -> r.attachedPolicies().stream().filter(p -> p.policyArn() != null)
        .forEach(p -> managedDocuments.putIfAbsent(p.policyArn(), p)));
    for (PlannedRole planned : resources.roles()) {
      String arn = fill(planned.arn(), base);
      List<IamRole.NamedPolicy> attached = new ArrayList<>();
      for (String policyArn : planned.managedPolicyArns()) {
        String filled = fill(policyArn, base);
        IamRole.NamedPolicy known = managedDocuments.get(filled);
        if (known == null) {
          notes.add(planned.file() + " " + planned.address() + ": managed policy " + filled + " is attached to no "
              + "role of the account, so pullpath does not know its document; the execution role checks wait (PP000)");
          unknown.add(SnapshotPart.IAM_ROLES);
        } else {
          attached.add(known);
        }
      }
      List<IamRole.NamedPolicy> inline = planned.inlinePolicies().stream()
          .map(p -> new IamRole.NamedPolicy(p.policyName(), null, fill(p.document(), base))).toList();
      IamRole existing = roles.get(arn);
      roles.put(arn, new IamRole(planned.roleName(), arn, fill(planned.trust(), base), attached, inline,
          existing == null ? null : existing.permissionsBoundary()));
      declarations.put(key("AWS::IAM::Role", planned.roleName()),
          new Declaration(planned.file(), planned.address(), planned.position()));
    }
    for (PlannedRole.Policy policy : resources.rolePolicies()) {
      for (String name : policy.roles()) {
        String filled = fill(name, base);
        Optional<IamRole> role = roles.values().stream()
            .filter(r -> r.roleName().equals(filled) || r.arn().equals(filled)).findFirst();
        if (role.isEmpty()) {
          notes.add(policy.file() + " " + policy.address() + ": role " + filled + " is neither in the account nor "
              + "planned; the execution role checks wait (PP000)");
          unknown.add(SnapshotPart.IAM_ROLES);
          continue;
        }
        IamRole r = role.get();
        List<IamRole.NamedPolicy> inline = new ArrayList<>(r.inlinePolicies());
        inline.removeIf(p -> p.policyName().equals(policy.policyName()));
        inline.add(new IamRole.NamedPolicy(policy.policyName(), null, fill(policy.document(), base)));
        roles.put(r.arn(), new IamRole(r.roleName(), r.arn(), r.assumeRolePolicyDocument(), r.attachedPolicies(),
            inline, r.permissionsBoundary()));
        declarations.putIfAbsent(key("AWS::IAM::Role", r.roleName()),
            new Declaration(policy.file(), policy.address(), policy.position()));
      }
    }
    for (PlannedRole.Attachment attachment : resources.roleAttachments()) {
      String name = fill(attachment.role(), base);
      Optional<IamRole> role = roles.values().stream()
          .filter(r -> r.roleName().equals(name) || r.arn().equals(name)).findFirst();
      IamRole.NamedPolicy known = managedDocuments.get(fill(attachment.policyArn(), base));
      if (role.isEmpty() || known == null) {
        notes.add(attachment.file() + " " + attachment.address() + ": " + (role.isEmpty()
            ? "role " + name + " is neither in the account nor planned"
            : "managed policy " + attachment.policyArn() + " is attached to no role of the account, so pullpath does "
                + "not know its document") + "; the execution role checks wait (PP000)");
        unknown.add(SnapshotPart.IAM_ROLES);
        continue;
      }
      IamRole r = role.get();
      List<IamRole.NamedPolicy> attached = new ArrayList<>(r.attachedPolicies());
      attached.removeIf(p -> known.policyArn().equals(p.policyArn()));
      attached.add(known);
      roles.put(r.arn(), new IamRole(r.roleName(), r.arn(), r.assumeRolePolicyDocument(), attached,
          r.inlinePolicies(), r.permissionsBoundary()));
      declarations.putIfAbsent(key("AWS::IAM::Role", r.roleName()),
          new Declaration(attachment.file(), attachment.address(), attachment.position()));
    }
    return new ArrayList<>(roles.values());
  }

  /**
   * The scan result with each finding about a planned workload placed at the value that caused it: the
   * finding's anchor when the file spells it, else the task definition.
   */
  public ScanResult locate(ScanResult result) {
    return new ScanResult(result.accountId(), result.region(), result.source(), result.rules(),
        result.findings().stream().map(this::locate).map(this::withStatements).toList(), result.workloads(),
        result.hidden().stream().map(this::locate).map(this::withStatements).toList(), result.notEvaluated(),
        result.suppressed());
  }

  /**
   * A PP000 finding for a part nothing gave (evidence "not given: …") carries the statements of how the files
   * were read and what they leave unknown as evidence, so the report (SARIF, markdown in the pull request) says what could not be resolved, not only
   * the terminal that ran the scan.
   */
  private Finding withStatements(Finding finding) {
    boolean notGiven = finding.evidence().stream()
        .anyMatch(line -> line.startsWith(dev.pullpath.check.NotEvaluated.NOT_GIVEN_EVIDENCE));
    if (!finding.ruleId().equals(dev.pullpath.check.NotEvaluated.DESCRIPTOR.id()) || !notGiven || notes.isEmpty()) {
      return finding;
    }
    List<String> evidence = new ArrayList<>(finding.evidence());
    notes.forEach(note -> evidence.add("planned files: " + note));
    return new Finding(finding.ruleId(), finding.severity(), finding.resource(), finding.workloads(),
        finding.message(), finding.fix(), evidence, finding.anchor());
  }

  private Finding locate(Finding finding) {
    PlannedEndpoint endpoint = endpoints.get(finding.resource().id());
    if (endpoint != null) {
      return locate(finding, new Declaration(endpoint.file(), endpoint.address(), endpoint.position()));
    }
    Declaration declared = declarations.get(key(finding.resource().type(), finding.resource().id()));
    if (declared != null) {
      return locate(finding, declared);
    }
    Placed placed = finding.workloads().stream().map(planned::get).filter(java.util.Objects::nonNull).findFirst()
        .orElse(null);
    if (placed == null) {
      return finding;
    }
    boolean aboutThePlannedValue = finding.anchor() != null
        || finding.resource().arn().equals(placed.registered().taskDefinitionArn());
    if (!aboutThePlannedValue) {
      return finding; // e.g. a missing endpoint: it lives in the account, not in the file
    }
    String pointer = finding.anchor() == null ? null : finding.anchor().pointer();
    SourcePosition position = placed.source().positionOf(pointer);
    Finding located = finding.at(position);
    if (placed.source().address() != null) {
      // The plan file is generated; the address is what the reader looks for in the configuration.
      List<String> evidence = new ArrayList<>(located.evidence());
      evidence.add("planned as " + placed.source().address() + " in " + position.file());
      located = new Finding(located.ruleId(), located.severity(), located.resource(), located.workloads(),
          located.message(), located.fix(), evidence, located.anchor());
    }
    if (finding.anchor() != null && finding.anchor().replacement() != null && !placed.source().isExact(pointer)) {
      // The value is built by an intrinsic or not in the file: point at it, but offer no text replacement.
      located = new Finding(located.ruleId(), located.severity(), located.resource(), located.workloads(),
          located.message(), located.fix(), located.evidence(),
          new dev.pullpath.check.Anchor(pointer, null, position));
    }
    if (finding.fix().cli() == null || !finding.fix().cli().contains("describe-task-definition")) {
      return located;
    }
    // The fix starts from the registered revision, which a planned task definition does not have yet: the
    // file is what to change, and SARIF carries the exact replacement when there is one.
    return new Finding(located.ruleId(), located.severity(), located.resource(), located.workloads(),
        located.message(), new FixHint(located.fix().summary() + " " + placed.source().editHint(position), null),
        located.evidence(), located.anchor());
  }

  /**
   * A finding about a planned resource (endpoint, security group, role, cache rule), at its declaration; its
   * fix is a change to the file, since the resource does not exist yet (or is about to change) and a command against the account would not last.
   */
  private static Finding locate(Finding finding, Declaration endpoint) {
    List<String> evidence = new ArrayList<>(finding.evidence());
    evidence.add("planned as " + endpoint.address() + " in " + endpoint.file());
    String summary = finding.fix().summary() + " Change " + endpoint.address() + " in " + endpoint.file()
        // A Terraform address has dots (aws_vpc_endpoint.x); a CloudFormation logical id is alphanumeric.
        + (endpoint.address().contains(".") ? " (its Terraform configuration)" : "") + " before deploying.";
    return new Finding(finding.ruleId(), finding.severity(), finding.resource(), finding.workloads(),
        finding.message(), new FixHint(summary, null), evidence,
        new dev.pullpath.check.Anchor("", null, endpoint.position()));
  }

  private static String firstFile(PlannedResources resources) {
    return java.util.stream.Stream.of(resources.endpoints().stream().map(PlannedEndpoint::file),
            resources.securityGroups().stream().map(PlannedSecurityGroup::file),
            resources.securityGroupRules().stream().map(PlannedSecurityGroup.Rule::file),
            resources.roles().stream().map(PlannedRole::file),
            resources.rolePolicies().stream().map(PlannedRole.Policy::file),
            resources.roleAttachments().stream().map(PlannedRole.Attachment::file),
            resources.cacheRules().stream().map(PlannedCacheRule::file),
            resources.routeTables().stream().map(PlannedRouteTable::file),
            resources.routes().stream().map(PlannedRouteTable.PlannedRoute::file),
            resources.routeAssociations().stream().map(PlannedRouteTable.Association::file),
            resources.services().stream().map(PlannedService::file))
        .flatMap(s -> s).findFirst().orElse("the planned files");
  }

  /** An account that holds only what the files say, everything else marked not given. */
  private static AccountSnapshot emptyAccount(List<PlannedTaskDefinition> files) {
    String account = files.stream().map(PlannedTaskDefinition::accountHint).filter(a -> a != null).findFirst()
        .orElseThrow(() -> new PlannedInputException(files.get(0).file() + ": no ARN in the file names the account "
            + "it will be registered in (executionRoleArn as an ARN would); give " + CONTEXT_OPTIONS));
    String region = files.stream().map(PlannedTaskDefinition::regionHint).filter(r -> r != null).findFirst()
        .orElseThrow(() -> new PlannedInputException(files.get(0).file() + ": nothing in the file names the region "
            + "it will be registered in (an awslogs-region would); give " + CONTEXT_OPTIONS));
    Set<SnapshotPart> unknown = EnumSet.allOf(SnapshotPart.class);
    unknown.removeAll(EnumSet.of(SnapshotPart.SERVICES, SnapshotPart.TASK_DEFINITIONS));
    List<UnreadablePart> notGiven = unknown.stream().map(p -> UnreadablePart.notGiven(p, CONTEXT_OPTIONS)).toList();
    return new AccountSnapshot(AccountSnapshot.SCHEMA_VERSION, account, region, null, null, null, null, null, null,
        null, null, null, null, null, null, null, notGiven);
  }
}
