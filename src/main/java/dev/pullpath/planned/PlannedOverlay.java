package dev.pullpath.planned;

import dev.pullpath.check.Finding;
import dev.pullpath.check.FixHint;
import dev.pullpath.check.SourcePosition;
import dev.pullpath.check.ScanResult;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.EcsService;
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
    AccountSnapshot snapshot, Map<String, Placed> planned, List<String> notes, Map<String, PlannedEndpoint> endpoints) {
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
  }

  public PlannedOverlay(AccountSnapshot snapshot, Map<String, Placed> planned, List<String> notes) {
    this(snapshot, planned, notes, Map.of());
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
    Set<SnapshotPart> unknownParts = EnumSet.noneOf(SnapshotPart.class);
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
    for (SnapshotPart part : unknownParts) {
      if (base.isReadable(part)) {
        unreadable.add(UnreadablePart.notGiven(part, "values the planned files leave unknown (see the notes)"));
      }
    }
    // Every part of the account is kept; only what the files plan is replaced.
    AccountSnapshot overlaid = new AccountSnapshot(base.schemaVersion(), base.accountId(), base.region(),
        base.collectedAt(), base.vpcs(), base.subnets(), base.routeTables(), endpoints,
        base.securityGroups(), services, taskDefinitions, base.pullThroughCacheRules(), base.registryPolicy(),
        base.iamRoles(), base.secrets(), base.simulations(), unreadable, base.managedPrefixLists(),
        base.repositories(), base.logGroups());
    return new PlannedOverlay(overlaid, byWorkload, notes, endpointsById);
  }

  /**
   * The scan result with each finding about a planned workload placed at the value that caused it: the
   * finding's anchor when the file spells it, else the task definition.
   */
  public ScanResult locate(ScanResult result) {
    return new ScanResult(result.accountId(), result.region(), result.source(), result.rules(),
        result.findings().stream().map(this::locate).toList(), result.workloads(),
        result.hidden().stream().map(this::locate).toList(), result.notEvaluated(), result.suppressed());
  }

  private Finding locate(Finding finding) {
    PlannedEndpoint endpoint = endpoints.get(finding.resource().id());
    if (endpoint != null) {
      return locate(finding, endpoint);
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
   * A finding about a planned endpoint, at its declaration; its fix is a change to the file, since the
   * endpoint does not exist yet (or is about to change) and a command against the account would not last.
   */
  private static Finding locate(Finding finding, PlannedEndpoint endpoint) {
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
            resources.cacheRules().stream().map(PlannedCacheRule::file))
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
