package dev.pullpath.fix;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pullpath.snapshot.TaskDefinition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * PP008/PP009 with {@code --update-services}: moves a service to the family's newest revision (the one the
 * plan registered) with a new deployment. Services deployed by CodeDeploy are refused: ECS rejects the call
 * for them, and their deployments belong to CodeDeploy.
 *
 * @param sourceArn the task definition the service ran when planned
 * @param imageByContainer the images the plan's new revision gives the containers it rewrites: the newest
 *     revision is deployed only if it is that one (the source with these images), never one registered by
 *     someone else meanwhile; empty in plans saved before this field, which move to the newest as it is
 */
public record UpdateServiceTaskDefinition(String cluster, String service, String family, String sourceArn,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> imageByContainer) implements FixAction {

  public UpdateServiceTaskDefinition {
    imageByContainer = imageByContainer == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new TreeMap<>(imageByContainer));
  }

  @Override
  public int phase() {
    return Phase.SERVICES;
  }

  @Override
  public String target() {
    return cluster + "/" + service;
  }

  @Override
  public String describe() {
    return "Update service " + cluster + "/" + service + " to the new revision of " + family
        + " (new deployment: tasks are replaced)";
  }

  @Override
  public ApiCall call(String region) {
    return new ApiCall("ecs", "UpdateService", Map.of("cluster", cluster, "service", service,
        "taskDefinition", family + " (newest revision)", "forceNewDeployment", true));
  }

  @Override
  public String awsCli(String region) {
    return AwsCliCommand.of("ecs", "update-service", region).option("--cluster", cluster).option("--service", service)
        .option("--task-definition", family).flag("--force-new-deployment").toString();
  }

  @Override
  public boolean additive() {
    return false;
  }

  @Override
  public List<String> iamActions() {
    return List.of("ecs:UpdateService", "ecs:DescribeServices", "ecs:DescribeTaskDefinition");
  }

  @Override
  public List<String> iamResources(String region, String accountId) {
    return List.of(Arns.service(region, accountId, cluster, service));
  }

  @Override
  public String observe(AccountReader account) {
    return account.service(cluster, service).map(s -> "taskDefinition " + s.taskDefinitionArn())
        .orElse("no service " + target());
  }

  @Override
  public boolean isDone(AccountReader account) {
    Optional<TaskDefinition> latest = account.latestTaskDefinition(family);
    return account.service(cluster, service)
        .filter(s -> !s.taskDefinitionArn().equals(sourceArn)
            && latest.filter(t -> t.taskDefinitionArn().equals(s.taskDefinitionArn()) && isTheRewrite(t, account))
                .isPresent())
        .isPresent();
  }

  /**
   * Whether a revision is the one the plan registers: the source's containers, with the planned images for
   * the rewritten ones and the source's images for the others.
   */
  private boolean isTheRewrite(TaskDefinition revision, AccountReader account) {
    if (imageByContainer.isEmpty()) {
      return true;
    }
    Map<String, String> images = imagesOf(revision);
    Optional<TaskDefinition> source = account.taskDefinition(sourceArn);
    if (source.isEmpty()) {
      // The source is gone (deregistered): only the planned images can be compared.
      return imageByContainer.entrySet().stream().allMatch(e -> e.getValue().equals(images.get(e.getKey())));
    }
    Map<String, String> wanted = imagesOf(source.get());
    wanted.putAll(imageByContainer);
    return images.equals(wanted);
  }

  private static Map<String, String> imagesOf(TaskDefinition revision) {
    Map<String, String> images = new TreeMap<>();
    revision.containers().forEach(c -> images.put(c.name(), c.image()));
    return images;
  }

  @Override
  public AccountWriter.Written apply(AccountWriter account, AccountWriter.Tagging tagging) {
    AccountReader.ServiceState state = account.service(cluster, service)
        .orElseThrow(() -> new FixRefusedException("service " + target() + " no longer exists"));
    if ("CODE_DEPLOY".equals(state.deploymentController())) {
      throw new FixRefusedException("service " + target() + " is deployed by CodeDeploy (CODE_DEPLOY deployment "
          + "controller); start a CodeDeploy deployment of the new revision of " + family + " instead");
    }
    if ("EXTERNAL".equals(state.deploymentController())) {
      // UpdateService takes no task definition for it: its deployments are task sets its controller creates.
      throw new FixRefusedException("service " + target() + " has an EXTERNAL deployment controller; create a task set "
          + "with the new revision of " + family + " through that controller instead");
    }
    TaskDefinition latest = account.latestTaskDefinition(family)
        .orElseThrow(() -> new FixRefusedException("no active revision of " + family));
    // The source itself is newest only before the plan's revision exists: in the preflight, which checks the
    // call this step will make without the revision step having run.
    if (!latest.taskDefinitionArn().equals(sourceArn) && !isTheRewrite(latest, account)) {
      throw new FixRefusedException("the newest revision of " + family + " is " + latest.taskDefinitionArn()
          + ", not the one this plan registered (its images differ): someone registered it meanwhile, and --fix "
          + "deploys only what it planned; plan again");
    }
    return account.updateService(cluster, service, latest.taskDefinitionArn());
  }
}
