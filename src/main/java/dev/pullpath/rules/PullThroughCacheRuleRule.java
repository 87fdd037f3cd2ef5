package dev.pullpath.rules;

import static dev.pullpath.check.ShellQuote.quote;

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
import dev.pullpath.snapshot.SecretInfo;
import dev.pullpath.snapshot.SnapshotPart;
import dev.pullpath.snapshot.TaskDefinition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleInfo(
    id = "PP009",
    name = "pull-through-cache-rule",
    title = "Pull-through cache rules exist and can authenticate upstream",
    summary = "A cached image resolves only when a pull-through cache rule owns its prefix and points at the "
        + "right upstream. Docker Hub, GitHub, GitLab, Azure and Chainguard upstreams also need a Secrets "
        + "Manager secret named ecr-pullthroughcache/... in the same account and region.",
    severity = Severity.ERROR,
    reads = {SnapshotPart.SERVICES, SnapshotPart.TASK_DEFINITIONS, SnapshotPart.PULL_THROUGH_CACHE_RULES,
        SnapshotPart.SUBNETS, SnapshotPart.ROUTE_TABLES})
public final class PullThroughCacheRuleRule extends AbstractRule {
  static final String SECRET_PREFIX = "ecr-pullthroughcache/";
  private static final Pattern SECRET_ARN =
      Pattern.compile("^arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):(\\d{12}):secret:(.+?)(-[A-Za-z0-9]{6})?$");

  @Override
  public List<Finding> check(AccountSnapshot snapshot) {
    List<Finding> findings = new ArrayList<>();
    EcrRegistry own = new EcrRegistry(snapshot.accountId(), snapshot.region());
    for (EcsService service : snapshot.services()) {
      Optional<TaskDefinition> td = snapshot.taskDefinitionOf(service);
      if (td.isEmpty()) {
        continue;
      }
      Set<PullThroughCacheRule> usedRules = new LinkedHashSet<>();
      // All library/ rewrites of the task definition go into one command, so one paste fixes them all.
      List<TaskDefinitionEdit.Change> rewrites = libraryRewrites(snapshot, td.get(), own);
      for (ContainerDefinition container : td.get().containers()) {
        ImageReference image = ImageReference.parse(container.image());
        if (image.ecrRegistry().filter(own::equals).isEmpty()) {
          continue;
        }
        Optional<PullThroughCacheRule> rule =
            PullThroughCache.ruleForRepository(snapshot.pullThroughCacheRules(), image.repository());
        if (rule.isPresent()) {
          usedRules.add(rule.get());
          dockerHubPath(snapshot, service, td.get(), container, image, rule.get(), rewrites)
              .ifPresent(findings::add);
        } else {
          missingRule(snapshot, service, image).ifPresent(findings::add);
        }
      }
      for (PullThroughCacheRule rule : usedRules) {
        upstreamMismatch(snapshot, service, rule).ifPresent(findings::add);
        credentials(snapshot, service, rule).ifPresent(findings::add);
      }
      if (!usedRules.isEmpty() && !NetworkPaths.hasInternetPath(snapshot, service)) {
        firstPull(snapshot, service, td.get(), own, findings);
      }
    }
    return findings;
  }

  private Optional<Finding> missingRule(AccountSnapshot snapshot, EcsService service, ImageReference image) {
    String firstSegment = image.repository().split("/", 2)[0];
    Optional<Upstream> upstream = Upstream.ofDefaultPrefix(firstSegment);
    if (upstream.isEmpty()) {
      return Optional.empty(); // an ordinary private repository, not a cache reference
    }
    return Optional.of(finding(Resources.pullThroughCacheRule(snapshot, firstSegment), service.workloadName())
        .message("Image " + image.original() + " uses cache prefix " + firstSegment
            + " but no pull-through cache rule has that prefix")
        .fix("Create a pull-through cache rule for prefix " + firstSegment + " from " + upstream.get().ecrName() + ".",
            createRuleCommand(snapshot, firstSegment, upstream.get()))
        .build());
  }

  /**
   * Docker Hub repositories are exactly {@code NAMESPACE/NAME}, official images under {@code library/}: a
   * cached path without {@code library/} for an official image, or with it before a namespaced one
   * ({@code library/bitnami/redis}), names a repository that cannot exist upstream.
   */
  private Optional<Finding> dockerHubPath(
      AccountSnapshot snapshot, EcsService service, TaskDefinition td, ContainerDefinition container,
      ImageReference image, PullThroughCacheRule rule, List<TaskDefinitionEdit.Change> rewrites) {
    Optional<String> corrected = PullThroughCache.correctedDockerHubUri(own(snapshot), rule, image);
    if (corrected.isEmpty()) {
      return Optional.empty();
    }
    String fixed = corrected.get();
    String upstreamRepository = PullThroughCache.upstreamRepository(rule, image.repository());
    String problem = upstreamRepository.contains("/")
        ? " names Docker Hub repository " + upstreamRepository + " with library/ before a namespace; Docker Hub "
            + "paths have one namespace, so the cache cannot find it upstream. Use "
        : " names Docker Hub official image " + upstreamRepository
            + " without library/; the cache cannot find it upstream. Use ";
    return Optional.of(finding(Resources.taskDefinition(td), service.workloadName())
        .message("Image " + image.original() + problem + fixed)
        .fix("Rewrite the image to " + fixed + (rewrites.size() > 1
                ? " (the command rewrites every such image of the task definition at once)." : "."),
            TaskDefinitionEdit.command(snapshot, service, rewrites))
        .build());
  }

  /** The Docker Hub path rewrite of every container of {@code td} that needs one. */
  private static List<TaskDefinitionEdit.Change> libraryRewrites(
      AccountSnapshot snapshot, TaskDefinition td, EcrRegistry own) {
    List<TaskDefinitionEdit.Change> rewrites = new ArrayList<>();
    for (ContainerDefinition container : td.containers()) {
      ImageReference image = ImageReference.parse(container.image());
      if (image.ecrRegistry().filter(own::equals).isEmpty() || image.isDualStackEcr()) {
        continue;
      }
      PullThroughCache.ruleForRepository(snapshot.pullThroughCacheRules(), image.repository())
          .flatMap(rule -> PullThroughCache.correctedDockerHubUri(own, rule, image))
          .ifPresent(fixed -> rewrites.add(new TaskDefinitionEdit.SetImage(container.name(), fixed)));
    }
    return rewrites;
  }

  private Optional<Finding> upstreamMismatch(AccountSnapshot snapshot, EcsService service, PullThroughCacheRule rule) {
    Optional<Upstream> named = Upstream.ofDefaultPrefix(rule.ecrRepositoryPrefix());
    if (named.isEmpty() || named.get().ecrName().equalsIgnoreCase(rule.upstreamRegistry())) {
      return Optional.empty();
    }
    return Optional.of(finding(Resources.pullThroughCacheRule(snapshot, rule.ecrRepositoryPrefix()), service.workloadName())
        .severity(Severity.WARNING)
        .message("Pull-through cache rule with prefix " + rule.ecrRepositoryPrefix() + " caches from "
            + rule.upstreamRegistry() + ", not " + named.get().ecrName() + " as its prefix suggests; check that the "
            + "image paths exist upstream")
        .fix("Point the rule at the intended upstream, or rename the prefix to match.", null)
        .evidence("upstreamRegistryUrl: " + rule.upstreamRegistryUrl())
        .build());
  }

  private Optional<Finding> credentials(AccountSnapshot snapshot, EcsService service, PullThroughCacheRule rule) {
    Optional<Upstream> upstream = Upstream.ofEcrName(rule.upstreamRegistry());
    if (upstream.isEmpty() || !upstream.get().needsCredentials()) {
      return Optional.empty();
    }
    String prefix = rule.ecrRepositoryPrefix();
    String problem;
    String arn = rule.credentialArn();
    if (arn == null) {
      problem = "has no credential ARN, which " + upstream.get().ecrName() + " requires";
    } else {
      Matcher m = SECRET_ARN.matcher(arn);
      if (!m.matches()) {
        problem = "has credential ARN " + arn + ", which is not a Secrets Manager secret ARN";
      } else if (!m.group(3).startsWith(SECRET_PREFIX)) {
        problem = "uses secret " + m.group(3) + ", whose name does not start with " + SECRET_PREFIX;
      } else if (!m.group(1).equals(snapshot.region()) || !m.group(2).equals(snapshot.accountId())) {
        problem = "uses secret " + arn + " from another account or region; it must be in " + snapshot.accountId()
            + "/" + snapshot.region();
      } else if (!snapshot.isReadable(SnapshotPart.SECRETS)) {
        // Secrets are read only to prove existence; without them the other checks still hold.
        return Optional.of(finding(Resources.pullThroughCacheRule(snapshot, prefix), service.workloadName())
            .severity(Severity.WARNING)
            .message("Cannot tell whether secret " + m.group(3) + " of pull-through cache rule " + prefix
                + " exists: the secrets could not be read")
            .fix("Allow secretsmanager:DescribeSecret to the identity that runs pullpath and scan again.", null)
            .build());
      } else if (findSecret(snapshot, arn, m.group(3)).isEmpty()) {
        problem = "uses secret " + m.group(3) + ", which does not exist";
      } else {
        return Optional.empty();
      }
    }
    String secretName = SECRET_PREFIX + prefix;
    Optional<SecretInfo> existing = snapshot.secretByName(secretName);
    Finding.Builder builder = finding(Resources.pullThroughCacheRule(snapshot, prefix), service.workloadName())
        .message("Pull-through cache rule " + prefix + " " + problem + ", so ECR cannot authenticate to "
            + upstream.get().ecrName() + " (UnableToGetUpstreamImageException)")
        .evidence("credentialArn: " + (arn == null ? "none" : arn));
    String update = "aws ecr update-pull-through-cache-rule --region " + quote(snapshot.region())
        + " --ecr-repository-prefix " + quote(prefix) + " --credential-arn ";
    if (existing.isPresent()) {
      // The right secret is already there: creating it again would fail, pointing the rule at it is the fix.
      return Optional.of(builder
          .fix("Point the rule at the existing secret " + secretName + ".", update + quote(existing.get().arn()))
          .evidence("secret " + secretName + " exists: " + existing.get().arn())
          .build());
    }
    return Optional.of(builder
        .fix("Store the upstream credentials in secret " + secretName + " and point the rule at it.",
            "SECRET_ARN=$(aws secretsmanager create-secret --region " + quote(snapshot.region()) + " --name "
                + quote(secretName) + " --secret-string "
                + quote("{\"username\":\"USERNAME\",\"accessToken\":\"ACCESS_TOKEN\"}")
                + " --query ARN --output text) && " + update + "\"$SECRET_ARN\"")
        .build());
  }

  private static EcrRegistry own(AccountSnapshot snapshot) {
    return new EcrRegistry(snapshot.accountId(), snapshot.region());
  }

  private static Optional<SecretInfo> findSecret(AccountSnapshot snapshot, String arn, String name) {
    return snapshot.secretByArn(arn).or(() -> snapshot.secretByName(name));
  }

  private static String createRuleCommand(AccountSnapshot snapshot, String prefix, Upstream upstream) {
    // Azure's URL is per registry, which the image reference of a cache prefix does not tell.
    String command = "aws ecr create-pull-through-cache-rule --region " + quote(snapshot.region())
        + " --ecr-repository-prefix " + quote(prefix) + " --upstream-registry " + quote(upstream.ecrName())
        + " --upstream-registry-url " + quote(upstream.registryUrl("REGISTRY.azurecr.io"));
    if (!upstream.needsCredentials()) {
      return command;
    }
    String secret = snapshot.secretByName(SECRET_PREFIX + prefix)
        .map(SecretInfo::arn)
        .orElse("arn:aws:secretsmanager:" + snapshot.region() + ":" + snapshot.accountId() + ":secret:"
            + SECRET_PREFIX + prefix + "-SUFFIX");
    return command + " --credential-arn " + quote(secret);
  }

  /**
   * AWS documents that the first pull of an image through a cache rule over PrivateLink needs an internet
   * path. Without one, each cached image whose repository or tag the cache does not hold yet is a warning;
   * when the repositories could not be read, one note says that it cannot tell.
   */
  private void firstPull(
      AccountSnapshot snapshot, EcsService service, TaskDefinition td, EcrRegistry own, List<Finding> findings) {
    boolean known = snapshot.isReadable(SnapshotPart.REPOSITORIES);
    Set<String> reported = new LinkedHashSet<>();
    for (ContainerDefinition container : td.containers()) {
      ImageReference image = ImageReference.parse(container.image());
      if (image.ecrRegistry().filter(own::equals).isEmpty()) {
        continue;
      }
      Optional<PullThroughCacheRule> rule =
          PullThroughCache.ruleForRepository(snapshot.pullThroughCacheRules(), image.repository());
      if (rule.isEmpty()) {
        continue;
      }
      // Prime with the URI as it should be written: a wrong library/ is reported on its own.
      ImageReference cached = ImageReference.parse(
          PullThroughCache.correctedDockerHubUri(own, rule.get(), image).orElse(image.original()));
      Optional<String> missing = known ? notCachedYet(snapshot, cached) : Optional.of("");
      if (missing.isEmpty() || !reported.add(cached.original())) {
        continue;
      }
      Finding.Builder builder = finding(Resources.service(snapshot, service), service.workloadName())
          .fix("Prime the cache once by pulling the image from a machine with internet access; later pulls over "
                  + "the endpoints are served from the cache.",
              "aws ecr get-login-password --region " + quote(snapshot.region()) + " | docker login --username AWS "
                  + "--password-stdin " + quote(own.host()) + " && docker pull " + quote(cached.original()));
      if (known) {
        findings.add(builder.severity(Severity.WARNING)
            .message("Image " + cached.original() + " is not in the pull-through cache yet (" + missing.get()
                + "), and not every subnet of " + service.workloadName() + " has an internet path: AWS documents "
                + "that the first pull through a cache rule over PrivateLink needs one, so the task may fail to "
                + "start until the cache is primed")
            .evidence("repositories: " + snapshot.repository(cached.repository())
                .map(r -> cached.repository() + " exists with tags " + r.imageTags())
                .orElse(cached.repository() + " not found"))
            .build());
      } else {
        findings.add(builder.severity(Severity.NOTE)
            .message("AWS documents that the first pull of an image through a pull-through cache rule over "
                + "PrivateLink may need an outbound internet path; not every subnet of " + service.workloadName()
                + " has one, and the repositories could not be read to tell whether " + cached.original()
                + " is cached already")
            .build());
        return;
      }
    }
  }

  /** Why {@code image} is not cached yet, or empty when its repository (and tag) exists. */
  private static Optional<String> notCachedYet(AccountSnapshot snapshot, ImageReference image) {
    Optional<dev.pullpath.snapshot.Repository> repository = snapshot.repository(image.repository());
    if (repository.isEmpty()) {
      return Optional.of("repository " + image.repository() + " does not exist");
    }
    // Docker pulls latest when a reference has neither tag nor digest; a digest alone is not checked.
    String tag = image.tag() != null ? image.tag() : image.digest() == null ? "latest" : null;
    if (tag != null && !repository.get().imageTags().contains(tag)) {
      return Optional.of("tag " + tag + " is not in repository " + image.repository());
    }
    return Optional.empty();
  }
}
