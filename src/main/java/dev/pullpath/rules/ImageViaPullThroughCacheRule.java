package dev.pullpath.rules;

import dev.pullpath.check.Finding;
import dev.pullpath.check.RuleInfo;
import dev.pullpath.check.Severity;
import dev.pullpath.pull.ImageReference;
import dev.pullpath.pull.ImageReference.EcrRegistry;
import dev.pullpath.pull.PullThroughCache;
import dev.pullpath.pull.Upstream;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.ContainerDefinition;
import dev.pullpath.snapshot.EcsService;
import dev.pullpath.snapshot.PullThroughCacheRule;
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
      for (ContainerDefinition container : td.get().containers()) {
        ImageReference image = ImageReference.parse(container.image());
        Optional<EcrRegistry> registry = image.ecrRegistry();
        if (registry.isPresent()) {
          privateImage(snapshot, service, td.get(), container, image, registry.get(), own).ifPresent(findings::add);
        } else {
          findings.add(publicImage(snapshot, service, td.get(), container, image, own));
        }
      }
    }
    return findings;
  }

  private Optional<Finding> privateImage(
      AccountSnapshot snapshot, EcsService service, TaskDefinition td, ContainerDefinition container,
      ImageReference image, EcrRegistry registry, EcrRegistry own) {
    if (registry.equals(own)) {
      return Optional.empty();
    }
    if (!registry.region().equals(own.region())) {
      String local = own.host() + "/" + image.repository() + image.tagAndDigest();
      return Optional.of(finding(Resources.taskDefinition(td), service.workloadName())
          .anchor(imagePointer(td, container), local)
          .message("Container " + container.name() + " pulls " + image.original() + " from region "
              + registry.region() + "; VPC endpoints are regional, so the pull leaves through an internet path "
              + "the subnet does not have")
          .fix("Replicate the repository into " + own.region() + " (ECR replication) and use " + local + ".",
              TaskDefinitionEdit.command(snapshot, service, td, TaskDefinitionEdit.setImage(container.name(), local)))
          .evidence("image registry: " + registry.host())
          .build());
    }
    return Optional.of(finding(Resources.taskDefinition(td), service.workloadName())
        .anchor(imagePointer(td, container), null)
        .severity(Severity.WARNING)
        .message("Container " + container.name() + " pulls " + image.original() + " from account "
            + registry.accountId() + "; this works through the endpoints only if that repository's policy lets "
            + "account " + own.accountId() + " pull")
        .fix("Make sure the repository policy in account " + registry.accountId() + " allows this account's "
                + "execution role, or copy the image into this account.",
            "aws ecr get-repository-policy --region " + registry.region() + " --registry-id " + registry.accountId()
                + " --repository-name " + image.repository())
        .evidence("image registry: " + registry.host())
        .build());
  }

  private Finding publicImage(
      AccountSnapshot snapshot, EcsService service, TaskDefinition td, ContainerDefinition container,
      ImageReference image, EcrRegistry own) {
    Optional<Upstream> upstream = image.upstream();
    // With NAT or a public IP on every subnet the public pull works today; moving the image is then advice.
    boolean reachable = NetworkPaths.hasInternetPath(snapshot, service);
    if (upstream.isEmpty()) {
      String copy = own.host() + "/" + image.repository() + image.tagAndDigest();
      return finding(Resources.taskDefinition(td), service.workloadName())
          .anchor(imagePointer(td, container), null)
          .severity(reachable ? Severity.NOTE : Severity.ERROR)
          .message("Container " + container.name() + " pulls " + image.original() + " from " + image.host()
              + ", which ECR pull-through cache does not support"
              + (reachable ? "; it works only through the internet route of its subnets" : " and a private subnet cannot reach"))
          .fix("Copy the image into a private ECR repository and reference " + copy + ".",
              "aws ecr create-repository --region " + own.region() + " --repository-name " + image.repository()
                  + " && aws ecr get-login-password --region " + own.region()
                  + " | docker login --username AWS --password-stdin " + own.host()
                  + " && docker pull " + image.original() + " && docker tag " + image.original() + " " + copy
                  + " && docker push " + copy)
          .build();
    }
    CacheTarget target = cacheTarget(snapshot.pullThroughCacheRules(), image, upstream.get());
    String rewritten = PullThroughCache.cachedUri(own, target.prefix(), target.image());
    Finding.Builder builder = finding(Resources.taskDefinition(td), service.workloadName())
        .anchor(imagePointer(td, container), rewritten)
        .severity(reachable ? Severity.NOTE : Severity.ERROR)
        .message("Container " + container.name() + " pulls " + image.original() + " from public registry "
            + image.host() + (reachable ? " through the internet route of its subnets" : "")
            + "; use the pull-through cache URI " + rewritten)
        .fix("Rewrite the image to " + rewritten + (target.rule().isPresent()
                ? "."
                : " and create the pull-through cache rule for prefix " + target.prefix() + " (see PP009)."),
            TaskDefinitionEdit.command(snapshot, service, td, TaskDefinitionEdit.setImage(container.name(), rewritten)))
        .evidence("upstream: " + upstream.get().ecrName() + ", repository " + image.repository());
    target.rule().ifPresentOrElse(
        r -> builder.evidence("cache rule: prefix " + r.ecrRepositoryPrefix() + " -> " + r.upstreamRegistry()),
        () -> builder.evidence((snapshot.isReadable(SnapshotPart.PULL_THROUGH_CACHE_RULES)
            ? "no cache rule for " : "cache rules unknown (not read or not given) for ")
            + target.upstream().ecrName() + "; assumed prefix " + target.prefix()));
    return builder.build();
  }

  /** The container's image as a JSON pointer into the task definition, e.g. {@code /containerDefinitions/0/image}. */
  private static String imagePointer(TaskDefinition td, ContainerDefinition container) {
    return "/containerDefinitions/" + td.containers().indexOf(container) + "/image";
  }

  /** The prefix and upstream repository a public image is cached under. */
  private record CacheTarget(Upstream upstream, String prefix, ImageReference image, Optional<PullThroughCacheRule> rule) {}

  private static CacheTarget cacheTarget(List<PullThroughCacheRule> rules, ImageReference image, Upstream upstream) {
    Optional<PullThroughCacheRule> direct = PullThroughCache.rulesForUpstream(rules, image).stream().findFirst();
    if (direct.isPresent()) {
      return new CacheTarget(upstream, direct.get().ecrRepositoryPrefix(), image, direct);
    }
    // ECR Public's docker/library/NAME mirrors Docker Hub's official NAME: with only a Docker Hub rule,
    // the seed's rewrite (public.ecr.aws/docker -> PREFIX) is right once library/ is kept.
    String dockerLibrary = "docker/library/";
    if (upstream == Upstream.ECR_PUBLIC && image.repository().startsWith(dockerLibrary)) {
      Optional<PullThroughCacheRule> dockerHub = rules.stream()
          .filter(r -> Upstream.DOCKER_HUB.ecrName().equals(r.upstreamRegistry())).findFirst();
      if (dockerHub.isPresent()) {
        ImageReference official = new ImageReference(image.original(), "docker.io",
            image.repository().substring("docker/".length()), image.tag(), image.digest());
        return new CacheTarget(Upstream.DOCKER_HUB, dockerHub.get().ecrRepositoryPrefix(), official, dockerHub);
      }
    }
    return new CacheTarget(upstream, upstream.defaultPrefix(), image, Optional.empty());
  }
}
