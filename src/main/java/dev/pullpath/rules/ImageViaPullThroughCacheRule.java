package dev.pullpath.rules;

import static dev.pullpath.check.ShellQuote.quote;

import dev.pullpath.check.Finding;
import dev.pullpath.check.RuleInfo;
import dev.pullpath.check.Severity;
import dev.pullpath.pull.ImageReference;
import dev.pullpath.pull.ImageReference.EcrRegistry;
import dev.pullpath.pull.ImageRewrite;
import dev.pullpath.pull.PullThroughCache;
import dev.pullpath.pull.Upstream;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.ContainerDefinition;
import dev.pullpath.snapshot.EcsService;
import dev.pullpath.snapshot.SnapshotPart;
import dev.pullpath.snapshot.TaskDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@RuleInfo(
    id = "PP008",
    name = "image-via-pull-through-cache",
    title = "Images are pulled from the account's private registry",
    summary = "VPC endpoints reach only the account's private ECR registry in the same region; public "
        + "registries are not reachable without an internet route. Every image must be referenced through the "
        + "private registry, public ones rewritten to their pull-through cache URI.",
    severity = Severity.ERROR,
    reads = {SnapshotPart.SERVICES, SnapshotPart.TASK_DEFINITIONS})
// Cache rules only choose the prefix of the rewritten URI, so they are not a declared read: unread (or not
// given, for a planned task definition checked without an account), the verdict on the image still holds and
// the rewrite uses the upstream's default prefix, which the evidence says.
public final class ImageViaPullThroughCacheRule extends AbstractRule {

  @Override
  public List<Finding> check(AccountSnapshot snapshot) {
    List<Finding> findings = new ArrayList<>();
    EcrRegistry own = new EcrRegistry(snapshot.accountId(), snapshot.region());
    for (EcsService service : snapshot.services()) {
      Optional<TaskDefinition> td = snapshot.taskDefinitionOf(service);
      if (td.isEmpty()) {
        continue;
      }
      boolean reachable = NetworkPaths.hasInternetPath(snapshot, service);
      List<Proposal> proposals = new ArrayList<>();
      for (ContainerDefinition container : td.get().containers()) {
        ImageReference image = ImageReference.parse(container.image());
        if (image.hasUppercaseRepository()) {
          proposals.add(uppercase(container, image, finding(Resources.taskDefinition(td.get()), service.workloadName())
              .anchor(imagePointer(td.get(), container), image.withLowercaseRepository())));
          continue;
        }
        Optional<EcrRegistry> registry = image.ecrRegistry();
        if (registry.isPresent()) {
          privateImage(snapshot, service, td.get(), container, image, registry.get(), own, reachable)
              .ifPresent(proposals::add);
        } else {
          proposals.add(publicImage(snapshot, service, td.get(), container, image, own, reachable));
        }
      }
      // Every rewrite that fixes a failing pull goes into every command of this task definition, so one
      // paste registers one revision with all of them; prerequisites (replication, a copy) run first.
      List<TaskDefinitionEdit.Change> shared = proposals.stream()
          .filter(p -> p.change() != null && p.prerequisite() == null && p.severity() == Severity.ERROR)
          .map(Proposal::change)
          .toList();
      for (Proposal proposal : proposals) {
        findings.add(proposal.build(snapshot, service, shared));
      }
    }
    return findings;
  }

  /**
   * A finding in the making: its fix is {@code prerequisite && } the task-definition edit with
   * {@code change} and the shared changes, or {@code command} when no edit applies.
   */
  private record Proposal(
      Severity severity, Finding.Builder builder, String summary, String prerequisite,
      TaskDefinitionEdit.Change change, String command) {

    Finding build(AccountSnapshot snapshot, EcsService service, List<TaskDefinitionEdit.Change> shared) {
      String cli = command;
      if (change != null) {
        List<TaskDefinitionEdit.Change> changes = new ArrayList<>(shared);
        changes.add(change);
        String edit = TaskDefinitionEdit.command(snapshot, service, changes);
        cli = prerequisite == null ? edit : prerequisite + " && " + edit;
      }
      return builder.severity(severity).fix(summary, cli).build();
    }
  }

  /** Repository names are lowercase only: the reference cannot be pulled as written. */
  private static Proposal uppercase(ContainerDefinition container, ImageReference image, Finding.Builder builder) {
    String fixed = image.withLowercaseRepository();
    builder.message("Container " + container.name() + " pulls " + image.original() + ", whose repository name has "
            + "uppercase letters; repository names are lowercase only, so the pull fails (invalid reference format). "
            + "Use " + fixed)
        .evidence("repository: " + image.repository());
    return new Proposal(Severity.ERROR, builder, "Rewrite the image to " + fixed + ".", null,
        new TaskDefinitionEdit.SetImage(container.name(), fixed), null);
  }

  private Optional<Proposal> privateImage(
      AccountSnapshot snapshot, EcsService service, TaskDefinition td, ContainerDefinition container,
      ImageReference image, EcrRegistry registry, EcrRegistry own, boolean reachable) {
    if (!registry.region().equals(own.region())) {
      return Optional.of(otherRegion(snapshot, service, td, container, image, registry, own, reachable));
    }
    if (image.isDualStackEcr()) {
      // The same registry under its IPv4 name, which the ecr.dkr endpoint's private DNS answers.
      String ipv4 = ImageRewrite.ipv4Uri(registry, image);
      Finding.Builder builder = finding(Resources.taskDefinition(td), service.workloadName())
          .anchor(imagePointer(td, container), ipv4)
          .message("Container " + container.name() + " pulls " + image.original() + " through ECR's dual-stack "
              + "name " + image.host() + ", which AWS PrivateLink does not serve"
              + (reachable ? "; it works only through the internet route of its subnets" : "")
              + ". Use the IPv4 name " + ipv4)
          .evidence("image registry: " + image.host() + " (dual-stack name of " + registry.host() + ")");
      return Optional.of(new Proposal(reachable ? Severity.NOTE : Severity.ERROR, builder,
          "Rewrite the image to " + ipv4 + ", the same registry under the name the VPC endpoints serve.", null,
          new TaskDefinitionEdit.SetImage(container.name(), ipv4), null));
    }
    if (registry.equals(own)) {
      return Optional.empty();
    }
    Finding.Builder builder = finding(Resources.taskDefinition(td), service.workloadName())
        .anchor(imagePointer(td, container), null)
        .message("Container " + container.name() + " pulls " + image.original() + " from account "
            + registry.accountId() + "; this works through the endpoints only if that repository's policy lets "
            + "account " + own.accountId() + " pull")
        .evidence("image registry: " + registry.host());
    return Optional.of(new Proposal(Severity.WARNING, builder,
        "Make sure the repository policy in account " + registry.accountId() + " allows this account's "
            + "execution role, or copy the image into this account.", null, null,
        "aws ecr get-repository-policy --region " + quote(registry.region()) + " --registry-id "
            + quote(registry.accountId()) + " --repository-name " + quote(image.repository())));
  }

  /**
   * A private image in another region. VPC endpoints are regional, so without an internet path the image
   * must be replicated into this region before the task definition may point at the copy.
   */
  private Proposal otherRegion(
      AccountSnapshot snapshot, EcsService service, TaskDefinition td, ContainerDefinition container,
      ImageReference image, EcrRegistry registry, EcrRegistry own, boolean reachable) {
    String local = own.host() + "/" + image.repository() + image.tagAndDigest();
    Finding.Builder builder = finding(Resources.taskDefinition(td), service.workloadName())
        .anchor(imagePointer(td, container), local)
        .message("Container " + container.name() + " pulls " + image.original() + " from region "
            + registry.region() + (reachable
                ? " through the internet route of its subnets (VPC endpoints are regional); a replica in "
                    + own.region() + " would keep the pull inside the region"
                : "; VPC endpoints are regional, so the pull leaves through an internet path the subnet does not have"))
        .evidence("image registry: " + image.host());
    boolean otherAccount = !registry.accountId().equals(own.accountId());
    String summary = "First replicate repository " + image.repository() + " from " + registry.region() + " into "
        + own.region() + ": the command adds a rule to the source registry's replication configuration (it reads "
        + "the current one and writes it back with the new rule, since put-replication-configuration replaces "
        + "the whole configuration), backfills the existing images, and waits until the image is in "
        + own.region() + "; only then does it rewrite the image to " + local + "."
        + (otherAccount ? " Run it with credentials of account " + registry.accountId() + "; this account's "
            + "registry policy must allow that account ecr:ReplicateImage." : "");
    return new Proposal(reachable ? Severity.NOTE : Severity.ERROR, builder, summary,
        replicate(image, registry, own), new TaskDefinitionEdit.SetImage(container.name(), local), null);
  }

  /** Merge a replication rule into the source registry, backfill, and wait for the image to arrive. */
  private static String replicate(ImageReference image, EcrRegistry source, EcrRegistry own) {
    String sourceRegion = " --region " + quote(source.region());
    String imageId = image.digest() != null ? "imageDigest=" + image.digest()
        : "imageTag=" + (image.tag() == null ? "latest" : image.tag());
    String addRule = "{rules: ((.rules // []) + [{destinations: [{region: $region, registryId: $registry}], "
        + "repositoryFilters: [{filter: $repository, filterType: \"PREFIX_MATCH\"}]}])}";
    return "aws ecr describe-registry" + sourceRegion + " --query replicationConfiguration --output json"
        + " | jq --arg region " + quote(own.region()) + " --arg registry " + quote(own.accountId())
        + " --arg repository " + quote(image.repository()) + " " + quote(addRule) + " > replication.json"
        + " && aws ecr put-replication-configuration" + sourceRegion
        + " --replication-configuration file://replication.json"
        + " && aws ecr start-replication-backfill" + sourceRegion + " --destination "
        + quote("region=" + own.region() + ",registryId=" + own.accountId())
        + " && until aws ecr describe-images --region " + quote(own.region()) + " --repository-name "
        + quote(image.repository()) + " --image-ids " + quote(imageId) + " > /dev/null 2>&1; do sleep 30; done";
  }

  private Proposal publicImage(
      AccountSnapshot snapshot, EcsService service, TaskDefinition td, ContainerDefinition container,
      ImageReference image, EcrRegistry own, boolean reachable) {
    Optional<Upstream> upstream = image.upstream();
    // With NAT or a public IP on every subnet the public pull works today; moving the image is then advice.
    Severity severity = reachable ? Severity.NOTE : Severity.ERROR;
    if (upstream.isEmpty()) {
      String copy = own.host() + "/" + image.repository() + image.tagAndDigest();
      Finding.Builder builder = finding(Resources.taskDefinition(td), service.workloadName())
          .anchor(imagePointer(td, container), null)
          .message("Container " + container.name() + " pulls " + image.original() + " from " + image.host()
              + ", which ECR pull-through cache does not support"
              + (reachable ? "; it works only through the internet route of its subnets" : " and a private subnet cannot reach"));
      return new Proposal(severity, builder,
          "Copy the image into a private ECR repository from a machine with internet access, then reference "
              + copy + ".",
          "aws ecr create-repository --region " + quote(own.region()) + " --repository-name " + quote(image.repository())
              + " && aws ecr get-login-password --region " + quote(own.region())
              + " | docker login --username AWS --password-stdin " + quote(own.host())
              + " && docker pull " + quote(image.original()) + " && docker tag " + quote(image.original()) + " "
              + quote(copy) + " && docker push " + quote(copy),
          new TaskDefinitionEdit.SetImage(container.name(), copy), null);
    }
    PullThroughCache.CacheTarget target =
        PullThroughCache.cacheTarget(snapshot.pullThroughCacheRules(), image, upstream.get());
    String rewritten = target.uri(own);
    Finding.Builder builder = finding(Resources.taskDefinition(td), service.workloadName())
        .anchor(imagePointer(td, container), rewritten)
        .message("Container " + container.name() + " pulls " + image.original() + " from public registry "
            + image.host() + (reachable ? " through the internet route of its subnets" : "")
            + "; use the pull-through cache URI " + rewritten)
        .evidence("upstream: " + upstream.get().ecrName() + ", repository " + image.repository());
    target.rule().ifPresentOrElse(
        r -> builder.evidence("cache rule: prefix " + r.ecrRepositoryPrefix() + " -> " + r.upstreamRegistry()),
        () -> builder.evidence((snapshot.isReadable(SnapshotPart.PULL_THROUGH_CACHE_RULES)
            ? "no cache rule for " : "cache rules unknown (not read or not given) for ")
            + target.upstream().ecrName() + "; assumed prefix " + target.prefix()));
    return new Proposal(severity, builder,
        "Rewrite the image to " + rewritten + (target.rule().isPresent()
            ? "."
            : " and create the pull-through cache rule for prefix " + target.prefix() + " (see PP009).")
            + " The command also applies this rule's other image rewrites for the task definition.",
        null, new TaskDefinitionEdit.SetImage(container.name(), rewritten), null);
  }

  /** The container's image as a JSON pointer into the task definition, e.g. {@code /containerDefinitions/0/image}. */
  private static String imagePointer(TaskDefinition td, ContainerDefinition container) {
    return "/containerDefinitions/" + td.containers().indexOf(container) + "/image";
  }
}
