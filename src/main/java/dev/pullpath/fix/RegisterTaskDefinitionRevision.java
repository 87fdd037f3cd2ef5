package dev.pullpath.fix;

import dev.pullpath.snapshot.TaskDefinition;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * PP008/PP009: registers a new revision of a task-definition family with its images rewritten to the
 * pull-through cache URIs; every other field (tags included) is copied from the source revision read live.
 *
 * @param sourceArn the revision the plan saw as the family's newest
 * @param imageByContainer the new image of each container that changes
 */
public record RegisterTaskDefinitionRevision(String family, String sourceArn, Map<String, String> imageByContainer)
    implements FixAction {

  public RegisterTaskDefinitionRevision {
    imageByContainer = java.util.Collections.unmodifiableMap(new TreeMap<>(imageByContainer));
  }

  @Override
  public int phase() {
    return Phase.TASK_DEFINITIONS;
  }

  @Override
  public String target() {
    return family;
  }

  @Override
  public String describe() {
    StringBuilder text = new StringBuilder("Register a new revision of " + family + " from " + sourceArn + " with ");
    imageByContainer.forEach((c, i) -> text.append(c).append(" -> ").append(i).append("; "));
    return text.substring(0, text.length() - 2);
  }

  @Override
  public ApiCall call(String region) {
    return new ApiCall("ecs", "RegisterTaskDefinition", Map.of("family", family,
        "containerDefinitions[].image", imageByContainer, "(every other field)", "copied from " + sourceArn + " with its tags"));
  }

  @Override
  public String awsCli(String region) {
    return awsCli(region, Map.of());
  }

  /** With apply's plan tag added to the source's tags (replacing an earlier plan's value of it). */
  @Override
  public String awsCli(String region, AccountWriter.Tagging tagging) {
    return awsCli(region, tagging.tags());
  }

  /**
   * DescribeTaskDefinition piped through jq into RegisterTaskDefinition. Every container name, image and
   * tag reaches jq as an {@code --arg} value, never as program text, so no value can change the program.
   */
  private String awsCli(String region, Map<String, String> extraTags) {
    AwsCliCommand jqArgs = AwsCliCommand.words();
    StringBuilder program = new StringBuilder("(.taskDefinition | del(.taskDefinitionArn, .revision, .status, "
        + ".requiresAttributes, .compatibilities, .registeredAt, .registeredBy, .deregisteredAt)");
    int n = 0;
    for (Map.Entry<String, String> e : imageByContainer.entrySet()) {
      n++;
      jqArgs.option("--arg", List.of("container" + n, e.getKey())).option("--arg", List.of("image" + n, e.getValue()));
      program.append(" | .containerDefinitions |= map(if .name == $container").append(n).append(" then .image = $image")
          .append(n).append(" else . end)");
    }
    program.append(") + {tags: (.tags");
    n = 0;
    for (Map.Entry<String, String> tag : new TreeMap<>(extraTags).entrySet()) {
      n++;
      jqArgs.option("--arg", List.of("tagKey" + n, tag.getKey())).option("--arg", List.of("tagValue" + n, tag.getValue()));
      program.append(" | (. // []) | map(select(.key != $tagKey").append(n).append(")) + [{key: $tagKey").append(n)
          .append(", value: $tagValue").append(n).append("}]");
    }
    program.append(")}");
    return AwsCliCommand.of("ecs", "describe-task-definition", region).option("--task-definition", sourceArn)
        .option("--include", "TAGS").option("--output", "json")
        + " | jq " + jqArgs + " " + dev.pullpath.check.ShellQuote.quote(program.toString())
        + " > taskdef-" + dev.pullpath.check.ShellQuote.quote(family) + ".json && "
        + AwsCliCommand.of("ecs", "register-task-definition", region)
            .option("--cli-input-json", "file://taskdef-" + family + ".json");
  }

  @Override
  public boolean additive() {
    return true;
  }

  @Override
  public List<String> iamActions() {
    return List.of("ecs:RegisterTaskDefinition", "ecs:DescribeTaskDefinition", "ecs:TagResource", "iam:PassRole");
  }

  @Override
  public List<String> iamResources(String region, String accountId) {
    return List.of(Arns.taskDefinition(region, accountId, family), "arn:aws:iam::" + accountId + ":role/*");
  }

  /**
   * The source revision's images: a revision is immutable, so this changes only if it is gone. A newer
   * revision registered meanwhile does not make the step stale: the new one is built from the source the
   * services run.
   */
  @Override
  public String observe(AccountReader account) {
    return account.taskDefinition(sourceArn).map(RegisterTaskDefinitionRevision::describeRevision)
        .orElse("no revision " + sourceArn);
  }

  private static String describeRevision(TaskDefinition td) {
    return td.taskDefinitionArn() + " " + td.containers().stream().map(c -> c.name() + "=" + c.image()).toList();
  }

  @Override
  public boolean isDone(AccountReader account) {
    return account.latestTaskDefinition(family).map(this::hasWantedImages).orElse(false);
  }

  private boolean hasWantedImages(TaskDefinition td) {
    Map<String, String> images = new TreeMap<>();
    td.containers().forEach(c -> images.put(c.name(), c.image()));
    return imageByContainer.entrySet().stream().allMatch(e -> e.getValue().equals(images.get(e.getKey())));
  }

  @Override
  public AccountWriter.Written apply(AccountWriter account, AccountWriter.Tagging tagging) {
    return account.registerTaskDefinitionRevision(sourceArn, imageByContainer, tagging);
  }
}
