package dev.pullpath.fix;

import dev.pullpath.check.Finding;
import dev.pullpath.check.Severity;
import dev.pullpath.pull.ImageReference.EcrRegistry;
import dev.pullpath.pull.ImageRewrite;
import dev.pullpath.pull.Upstream;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.ContainerDefinition;
import dev.pullpath.snapshot.EcsService;
import dev.pullpath.snapshot.IamRole;
import dev.pullpath.snapshot.PullThroughCacheRule;
import dev.pullpath.snapshot.TaskDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns a snapshot and its findings into a plan: one step per root cause, found by grouping findings by
 * (rule, resource), whatever number of workloads share it. What to do is derived from the snapshot's
 * facts and the finding's rule, resource and workload, never from its fix-hint text. Pure: no AWS call.
 */
public final class FixPlanner {
  private final AccountSnapshot snapshot;
  private final FixOptions options;
  private final SnapshotReader reader;
  private final NetworkFixes network;
  private final Map<String, Planned> planned = new LinkedHashMap<>();
  private final List<Unfixed> unfixed = new ArrayList<>();
  /** The task definitions the plan rewrites: their services move only once their roles are known to be fixable. */
  private final List<Rewrite> rewrites = new ArrayList<>();

  private FixPlanner(AccountSnapshot snapshot, FixOptions options) {
    this.snapshot = snapshot;
    this.options = options;
    this.reader = new SnapshotReader(snapshot);
    this.network = new NetworkFixes(snapshot, options);
  }

  public static FixPlan plan(AccountSnapshot snapshot, List<Finding> findings, FixOptions options) {
    return new FixPlanner(snapshot, options).run(findings);
  }

  /** A step being built: its action and the findings it resolves. */
  private record Planned(FixAction action, List<String> fingerprints) {}

  /**
   * A task definition whose images the plan rewrites, for the findings of {@code group}, and what runs it.
   *
   * @param held why its services must stay where they are whatever the options, {@code null} when they may move
   */
  private record Rewrite(
      Group group, TaskDefinition source, Map<String, String> images, List<EcsService> running, String held) {}

  /**
   * The findings of one root cause.
   *
   * @param workloads the workloads they block, sorted and distinct: computed once, because the planner
   *     walks them per group instead of walking every service per group
   */
  record Group(String ruleId, String resourceId, List<Finding> findings, List<String> workloads) {
    static Group of(List<Finding> findings) {
      Finding first = findings.get(0);
      return new Group(first.ruleId(), first.resource().id(), List.copyOf(findings),
          findings.stream().flatMap(f -> f.workloads().stream()).distinct().sorted().toList());
    }

    List<String> fingerprints() {
      return findings.stream().map(Finding::fingerprint).toList();
    }
  }

  private FixPlan run(List<Finding> findings) {
    Map<String, List<Finding>> byRootCause = new TreeMap<>();
    for (Finding f : findings) {
      byRootCause.computeIfAbsent(f.ruleId() + "|" + f.resource().id(), k -> new ArrayList<>()).add(f);
    }
    List<Group> groups = byRootCause.values().stream().map(Group::of).toList();
    List<Group> imageGroups = new ArrayList<>();
    List<Group> roleGroups = new ArrayList<>();
    for (Group group : groups) {
      if (group.findings().stream().allMatch(f -> f.severity() == Severity.NOTE)) {
        unfixed.add(unfixed(group, "a note: advice, not a change --fix makes"));
        continue;
      }
      switch (group.ruleId()) {
        case "PP001", "PP002", "PP003", "PP004", "PP005", "PP006", "PP010", "PP011", "PP012" ->
            record(group, network.plan(group));
        case "PP007" -> roleGroups.add(group);
        case "PP008" -> imageGroups.add(group);
        case "PP009" -> {
          if (group.findings().get(0).resource().type().equals("AWS::ECS::Service")) {
            // The first pull through the cache needs an internet path: pulling is not an account change.
            unfixed.add(unfixed(group, "the image is not in the pull-through cache yet: prime it once from a machine "
                + "with internet access (the finding's docker pull); --fix changes configuration, it pulls no image"));
          } else if (group.resourceId().contains(":")) {
            imageGroups.add(group);
          } else {
            record(group, cacheRule(group));
          }
        }
        default -> unfixed.add(unfixed(group, "--fix has no action for " + group.ruleId()));
      }
    }
    AccountSnapshot afterImages = planImages(imageGroups);
    planRevisions(planRoles(afterImages, roleGroups));
    List<FixStep> steps = steps();
    listWhatNoStepResolves(groups, steps);
    return FixPlan.of(snapshot.accountId(), snapshot.region(), steps, unfixed, touchedWorkloads(steps, findings));
  }

  /**
   * Every finding no step resolves is listed with a reason, so none is dropped in silence: the rescan's proof covers
   * the planned findings only, and a dropped one would let a run report success with the finding still there. The
   * groups planned are complete; what is left is a step whose change is in place already (the cause is elsewhere).
   */
  private void listWhatNoStepResolves(List<Group> groups, List<FixStep> steps) {
    java.util.Set<String> covered = new java.util.HashSet<>();
    steps.forEach(s -> covered.addAll(s.resolves()));
    unfixed.forEach(u -> covered.addAll(u.fingerprints()));
    for (Group group : groups) {
      List<String> left = group.fingerprints().stream().filter(f -> !covered.contains(f)).distinct().toList();
      if (!left.isEmpty()) {
        unfixed.add(new Unfixed(group.ruleId(), group.resourceId(), Lists.sorted(left), "what --fix would change for it "
            + "is in place already, so its cause is one --fix does not change: see the finding"));
      }
    }
  }

  /** The workloads of the findings the steps resolve: what the rescan after applying reads again. */
  private static List<String> touchedWorkloads(List<FixStep> steps, List<Finding> findings) {
    Map<String, List<String>> workloadsByFingerprint = new java.util.HashMap<>();
    findings.forEach(f -> workloadsByFingerprint.merge(f.fingerprint(), f.workloads(),
        (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList()));
    return steps.stream().flatMap(s -> s.resolves().stream())
        .flatMap(fingerprint -> workloadsByFingerprint.getOrDefault(fingerprint, List.of()).stream())
        .distinct().sorted().toList();
  }

  private List<FixStep> steps() {
    List<FixStep> steps = new ArrayList<>();
    for (Planned p : planned.values()) {
      if (p.action().isDone(reader)) {
        continue; // already as wanted (e.g. a step shared with an earlier group)
      }
      steps.add(FixStep.of(p.action(), p.fingerprints(), p.action().observe(reader), snapshot.region()));
    }
    steps.sort(Comparator.comparingInt((FixStep s) -> s.action().phase()).thenComparing(FixStep::id));
    return steps;
  }

  /** Either actions for a group, or the reason there are none. */
  record Outcome(List<FixAction> actions, String reason) {
    static Outcome of(List<FixAction> actions) {
      return new Outcome(actions, null);
    }

    static Outcome none(String reason) {
      return new Outcome(List.of(), reason);
    }
  }

  private void record(Group group, Outcome outcome) {
    if (outcome.reason() != null) {
      unfixed.add(unfixed(group, outcome.reason()));
      return;
    }
    for (FixAction action : outcome.actions()) {
      add(action, group.fingerprints());
    }
  }

  private void add(FixAction action, List<String> fingerprints) {
    String key = FixActions.kind(action) + ":" + action.target() + ":" + mergeDiscriminator(action);
    Planned existing = planned.get(key);
    if (existing == null) {
      planned.put(key, new Planned(action, new ArrayList<>(fingerprints)));
      return;
    }
    FixAction merged = existing.action().equals(action) ? action : existing.action().mergeWith(action);
    if (merged == null) {
      throw new IllegalStateException("two different " + key + " steps planned: " + existing.action() + " and " + action);
    }
    List<String> all = new ArrayList<>(existing.fingerprints());
    all.addAll(fingerprints);
    planned.put(key, new Planned(merged, all));
  }

  /** Steps on the same group but for different ports are different steps. */
  private static String mergeDiscriminator(FixAction action) {
    if (action instanceof AuthorizeIngress i) {
      return String.valueOf(i.port());
    }
    return action instanceof AuthorizeEgress e ? String.valueOf(e.port()) : "";
  }

  private static Unfixed unfixed(Group group, String reason) {
    return new Unfixed(group.ruleId(), group.resourceId(), Lists.sorted(group.fingerprints()), reason);
  }

  // --- pull-through cache rules (PP009 on a prefix) ---

  private Outcome cacheRule(Group group) {
    String prefix = group.resourceId();
    Optional<PullThroughCacheRule> existing = reader.pullThroughCacheRule(prefix);
    String credential = options.credentialArns().get(prefix);
    if (existing.isPresent()) {
      PullThroughCacheRule rule = existing.get();
      boolean secretMissing = rule.credentialArn() != null && snapshot.secretByArn(rule.credentialArn()).isEmpty();
      if (!secretMissing) {
        return Outcome.none("rule " + prefix + " exists; its upstream is a decision for its owner");
      }
      if (credential == null) {
        return Outcome.none("rule " + prefix + " names a secret that does not exist: give --credential-arn " + prefix
            + "=ARN of an existing ecr-pullthroughcache/ secret");
      }
      if (credential.equals(rule.credentialArn())) {
        return Outcome.none("rule " + prefix + " already names the secret --credential-arn gives, and it does not exist: "
            + "create it (ecr-pullthroughcache/..., keys username and accessToken)");
      }
      Optional<String> elsewhere = credentialElsewhere(prefix, credential);
      if (elsewhere.isPresent()) {
        return Outcome.none(elsewhere.get());
      }
      return Outcome.of(List.of(new UpdateCacheRuleCredential(prefix, credential)));
    }
    Optional<Upstream> upstream = Upstream.ofDefaultPrefix(prefix);
    if (upstream.isEmpty() || upstream.get() == Upstream.AZURE) {
      return Outcome.none("prefix " + prefix + " names no upstream pullpath can infer; create the rule by hand");
    }
    return createRule(prefix, upstream.get());
  }

  private Outcome createRule(String prefix, Upstream upstream) {
    String credential = options.credentialArns().get(prefix);
    if (upstream.needsCredentials() && credential == null) {
      return Outcome.none(upstream.ecrName() + " needs credentials: store them in a secret named "
          + "ecr-pullthroughcache/" + prefix + " and give --credential-arn " + prefix + "=ARN");
    }
    if (upstream.needsCredentials() && credentialElsewhere(prefix, credential).isPresent()) {
      return Outcome.none(credentialElsewhere(prefix, credential).get());
    }
    return Outcome.of(List.of(new CreatePullThroughCacheRule(prefix, upstream.ecrName(), upstream.registryUrl(null),
        upstream.needsCredentials() ? credential : null)));
  }

  /**
   * Why a --credential-arn secret cannot serve the registry's rule: ECR reads it only in the registry's own account
   * and region, so a rule naming another would fail when created (the run stopped halfway). Empty when it can.
   */
  private Optional<String> credentialElsewhere(String prefix, String credentialArn) {
    String[] arn = credentialArn.split(":", 6);
    boolean here = arn.length == 6 && arn[3].equals(snapshot.region()) && arn[4].equals(snapshot.accountId());
    return here ? Optional.empty() : Optional.of("--credential-arn " + prefix + " names a secret outside this registry's "
        + "region and account (" + snapshot.region() + ", " + snapshot.accountId() + "): ECR reads a cache rule's secret "
        + "only there; store it as ecr-pullthroughcache/... in " + snapshot.region());
  }

  // --- task-definition revisions (PP008, PP009 on a task definition) ---

  /** Plans the revisions; returns the snapshot as it will be once they and the planned rules exist. */
  private AccountSnapshot planImages(List<Group> groups) {
    List<PullThroughCacheRule> rules = new ArrayList<>(snapshot.pullThroughCacheRules());
    planned.values().stream().map(Planned::action).filter(CreatePullThroughCacheRule.class::isInstance)
        .map(CreatePullThroughCacheRule.class::cast)
        .forEach(c -> rules.add(new PullThroughCacheRule(c.prefix(), c.upstreamRegistry(), c.upstreamRegistryUrl(),
            c.credentialArn(), null)));
    EcrRegistry own = new EcrRegistry(snapshot.accountId(), snapshot.region());
    Map<String, TaskDefinition> rewritten = new LinkedHashMap<>();
    Map<String, TaskDefinition> byName = new LinkedHashMap<>();
    snapshot.taskDefinitions().forEach(t -> byName.put(t.displayName(), t));
    for (Group group : groups) {
      TaskDefinition td = byName.get(group.resourceId());
      if (td == null) {
        unfixed.add(unfixed(group, "task definition " + group.resourceId() + " is not in the snapshot"));
        continue;
      }
      Map<String, String> images = new TreeMap<>();
      List<ContainerDefinition> containers = new ArrayList<>();
      for (ContainerDefinition c : td.containers()) {
        Optional<String> image = ImageRewrite.of(own, rules, c.image());
        image.ifPresent(i -> images.put(c.name(), i));
        containers.add(new ContainerDefinition(c.name(), image.orElse(c.image()), c.portMappings(), c.logDriver(),
            c.logOptions(), c.secrets(), c.logSecrets(), c.repositoryCredentials()));
      }
      if (images.isEmpty()) {
        unfixed.add(unfixed(group, "no image of " + td.displayName() + " can be pulled through the cache; copy it "
            + "into a private repository"));
        continue;
      }
      if (!newestInUse(td)) {
        unfixed.add(unfixed(group, "services run several revisions of " + td.family() + "; --fix rewrites the newest "
            + "in use only: move the services of " + td.displayName() + " to it, then run --fix again"));
        continue;
      }
      List<String> held = new ArrayList<>();
      for (ContainerDefinition c : td.containers()) {
        String image = images.get(c.name());
        int slash = image == null ? -1 : image.indexOf('/', own.host().length() + 1);
        if (slash < 0) {
          continue; // not rewritten, or a ROOT rule caches without a prefix: that rule exists already
        }
        String prefix = image.substring(own.host().length() + 1, slash);
        // A rule that already serves the repository from the image's upstream (ROOT, or a prefix with a slash)
        // needs no second one: a rule named after the first path segment would take the repository from the
        // upstream that prefix names (the longest prefix wins), i.e. pull another image.
        Optional<Upstream> upstream = dev.pullpath.pull.ImageReference.parse(c.image()).upstream();
        String repository = dev.pullpath.pull.ImageReference.parse(image).repository();
        boolean served = dev.pullpath.pull.PullThroughCache.ruleForRepository(rules, repository)
            .filter(r -> upstream.isEmpty() || r.upstreamRegistry().equalsIgnoreCase(upstream.get().ecrName()))
            .isPresent();
        if (!served && rules.stream().noneMatch(r -> r.ecrRepositoryPrefix().equals(prefix))) {
          Optional<Upstream> creatable = Upstream.ofDefaultPrefix(prefix).filter(u -> upstream.isEmpty() || u == upstream.get());
          Outcome rule = creatable.map(u -> createRule(prefix, u))
              .orElse(Outcome.none("no cache rule serves " + repository + " and none can be inferred for " + prefix));
          if (rule.reason() != null) {
            unfixed.add(unfixed(group, rule.reason()));
            held.add("the cache rule " + prefix + " its new image needs is not planned (" + rule.reason() + ")");
          }
          // A prerequisite of the revision: the image findings are the revision's and the services' to claim.
          rule.actions().forEach(a -> {
            add(a, List.of());
            rules.add(new PullThroughCacheRule(prefix, creatable.get().ecrName(), null, null, null));
          });
        }
      }
      rewritten.put(td.taskDefinitionArn(), new TaskDefinition(td.taskDefinitionArn(), td.family(), td.revision(),
          td.executionRoleArn(), containers));
      rewrites.add(new Rewrite(group, td, images, snapshot.servicesReferencing(td.taskDefinitionArn()),
          held.isEmpty() ? null : String.join("; ", held)));
    }
    List<TaskDefinition> tds = snapshot.taskDefinitions().stream()
        .map(t -> rewritten.getOrDefault(t.taskDefinitionArn(), t)).toList();
    return new AccountSnapshot(snapshot.schemaVersion(), snapshot.accountId(), snapshot.region(), snapshot.collectedAt(),
        snapshot.vpcs(), snapshot.subnets(), snapshot.routeTables(), snapshot.vpcEndpoints(), snapshot.securityGroups(),
        snapshot.services(), tds, rules, snapshot.registryPolicy(), snapshot.iamRoles(), snapshot.secrets(),
        snapshot.simulations(), snapshot.unreadable());
  }

  /**
   * The revisions, and with --update-services the services moved to them. A service whose execution role cannot
   * be given what its new images need ({@code blockedRoles}: a boundary or a Deny the plan may not change) stays
   * where it is: its new tasks could not pull, and a rollout would replace tasks that run with ones that fail.
   */
  private void planRevisions(Map<String, String> blockedRoles) {
    for (Rewrite rewrite : rewrites) {
      Group group = rewrite.group();
      TaskDefinition td = rewrite.source();
      List<EcsService> running = rewrite.running();
      Optional<IamRole> role = Optional.ofNullable(td.executionRoleArn()).flatMap(snapshot::role);
      String blockedRole = role.map(r -> blockedRoles.get(r.roleName())).orElse(null);
      String blocked = rewrite.held() != null ? rewrite.held() : blockedRole == null ? null
          : "their execution role " + role.get().roleName() + " cannot pull the new images (" + blockedRole + ")";
      // A new revision resolves the finding only once the services run it: without --update-services they
      // keep the old one, so the step claims nothing and the finding is listed as not fixed (below). Claiming
      // it would fail the rescan's proof on every run.
      boolean servicesStay = (!options.updateServices() || blocked != null) && !running.isEmpty();
      add(new RegisterTaskDefinitionRevision(td.family(), td.taskDefinitionArn(), rewrite.images()),
          servicesStay ? List.of() : group.fingerprints());
      if (blocked != null && !running.isEmpty()) {
        unfixed.add(unfixed(group, "the plan registers a new revision of " + td.family() + ", but its services stay on "
            + "the old one: " + blocked));
      } else if (options.updateServices()) {
        for (EcsService service : running) {
          add(new UpdateServiceTaskDefinition(service.clusterName(), service.serviceName(), td.family(),
              td.taskDefinitionArn(), rewrite.images()), group.fingerprints());
        }
      } else if (!running.isEmpty()) {
        unfixed.add(unfixed(group, "the plan registers a new revision of " + td.family() + ", but its services keep the "
            + "old one until moved: give --update-services, or update them yourself"));
      }
    }
  }

  /** Whether no service runs a newer revision of the same family: only that one is rewritten. */
  private boolean newestInUse(TaskDefinition td) {
    // A bare family resolves to the family's highest revision in the snapshot (an index lookup).
    return snapshot.taskDefinition(td.family()).map(latest -> latest.revision() <= td.revision()).orElse(true);
  }

  // --- execution roles (PP007, and every role whose task definition the plan rewrites) ---

  /** Plans the roles' steps; returns the roles that cannot get what they need, with the reason. */
  private Map<String, String> planRoles(AccountSnapshot after, List<Group> groups) {
    Map<String, List<String>> fingerprintsByRole = new TreeMap<>();
    for (Group group : groups) {
      fingerprintsByRole.computeIfAbsent(group.resourceId(), k -> new ArrayList<>()).addAll(group.fingerprints());
    }
    // A rewritten image may newly need the cache's import actions: its role is planned too.
    for (Rewrite rewrite : rewrites) {
      after.taskDefinition(rewrite.source().taskDefinitionArn()).map(TaskDefinition::executionRoleArn).flatMap(after::role)
          .ifPresent(role -> fingerprintsByRole.computeIfAbsent(role.roleName(), k -> new ArrayList<>()));
    }
    RolePermissionFixes roles = new RolePermissionFixes(after, options.allowPolicyRewrite());
    Map<String, String> blocked = new TreeMap<>();
    for (Map.Entry<String, List<String>> entry : fingerprintsByRole.entrySet()) {
      Outcome outcome = roles.plan(entry.getKey());
      if (outcome.reason() != null) {
        blocked.put(entry.getKey(), outcome.reason());
        if (!entry.getValue().isEmpty()) {
          unfixed.add(new Unfixed("PP007", entry.getKey(), Lists.sorted(entry.getValue()), outcome.reason()));
        }
        continue;
      }
      outcome.actions().forEach(a -> add(a, entry.getValue()));
    }
    return blocked;
  }
}
