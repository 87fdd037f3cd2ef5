package dev.pullpath.fix;

import java.util.List;
import java.util.Map;

/**
 * PP008/PP009 with {@code --update-services}: moves a service to the family's newest revision (the one the
 * plan registered) with a new deployment. Services deployed by CodeDeploy are refused: ECS rejects the call
 * for them, and their deployments belong to CodeDeploy.
 *
 * @param sourceArn the task definition the service ran when planned
 */
public record UpdateServiceTaskDefinition(String cluster, String service, String family, String sourceArn)
    implements FixAction {

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
    String latest = account.latestTaskDefinition(family).map(t -> t.taskDefinitionArn()).orElse(null);
    return account.service(cluster, service)
        .filter(s -> !s.taskDefinitionArn().equals(sourceArn) && s.taskDefinitionArn().equals(latest))
        .isPresent();
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
    String latest = account.latestTaskDefinition(family)
        .orElseThrow(() -> new FixRefusedException("no active revision of " + family)).taskDefinitionArn();
    return account.updateService(cluster, service, latest);
  }
}
