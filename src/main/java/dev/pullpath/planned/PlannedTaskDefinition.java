package dev.pullpath.planned;

import dev.pullpath.check.SourcePosition;
import dev.pullpath.snapshot.ContainerDefinition;
import java.util.List;
import java.util.Optional;

/**
 * A task definition read from a file, before it is registered: no ARN or revision of its own yet.
 *
 * @param file the file as reports show it
 * @param pointerPrefix where the task definition sits in the file: {@code ""}, or {@code /taskDefinition}
 *     in {@code describe-task-definition} output
 * @param accountHint the account an ARN in the file names (execution role, task role, old task definition
 *     ARN), {@code null} if none does
 * @param regionHint the region the file names (old ARN, {@code awslogs-region}), {@code null} if none does
 * @param ignoredFields read-only fields of {@code describe-task-definition} output that were skipped
 * @param keyStyle how the file spells the task definition's keys
 * @param unknowns values the file gives but pullpath cannot resolve (a resource's attribute, a parameter
 *     without a value), each stated once; never replaced by a guess
 * @param roleUnknown whether the execution role is one of those unknowns, so role checks cannot run
 * @param fileIndexes for each of {@code containers}, its index in the file (they differ when a container
 *     whose image is unknown was left out)
 * @param address the resource's address in the infrastructure code the file was generated from
 *     ({@code module.web.aws_ecs_task_definition.app}), {@code null} for a task-definition file
 * @param containersUnknown whether the containers are one of the unknowns (a Terraform
 *     {@code container_definitions} known only after apply), so no image check can judge them
 */
public record PlannedTaskDefinition(
    String file,
    String pointerPrefix,
    String family,
    String executionRoleArn,
    List<ContainerDefinition> containers,
    String accountHint,
    String regionHint,
    List<String> ignoredFields,
    JsonPositions positions,
    KeyStyle keyStyle,
    List<String> unknowns,
    boolean roleUnknown,
    List<Integer> fileIndexes,
    String address,
    boolean containersUnknown) {

  /** How a file spells the keys of a task definition. */
  enum KeyStyle {
    /** As the ECS API does: {@code containerDefinitions/0/image}. */
    API,
    /** As CloudFormation does: {@code ContainerDefinitions/0/Image}. */
    CLOUDFORMATION,
    /**
     * As the Terraform AWS provider does: {@code execution_role_arn}, the containers one JSON string
     * ({@code container_definitions}), so a value inside a container is located at that string.
     */
    TERRAFORM
  }

  private static final java.util.regex.Pattern CONTAINER = java.util.regex.Pattern.compile("^/containerDefinitions/(\\d+)");

  public PlannedTaskDefinition {
    containers = List.copyOf(containers);
    fileIndexes = fileIndexes == null
        ? java.util.stream.IntStream.range(0, containers.size()).boxed().toList() : List.copyOf(fileIndexes);
    ignoredFields = List.copyOf(ignoredFields);
    unknowns = List.copyOf(unknowns);
  }

  PlannedTaskDefinition(String file, String pointerPrefix, String family, String executionRoleArn,
      List<ContainerDefinition> containers, String accountHint, String regionHint, List<String> ignoredFields,
      JsonPositions positions) {
    this(file, pointerPrefix, family, executionRoleArn, containers, accountHint, regionHint, ignoredFields, positions,
        KeyStyle.API, List.of(), false, null, null, false);
  }

  /** The same task definition with account and region placeholders ({@code ${AWS::Region}}) filled in. */
  PlannedTaskDefinition resolvePseudoParameters(String accountId, String region) {
    java.util.function.UnaryOperator<String> fill = v -> v == null ? null : v
        .replace(CloudFormationTemplates.ACCOUNT_ID, accountId).replace(CloudFormationTemplates.REGION, region);
    List<ContainerDefinition> filled = containers.stream()
        .map(c -> new ContainerDefinition(c.name(), fill.apply(c.image()), c.portMappings(), c.logDriver(),
            c.logOptions().entrySet().stream().collect(java.util.stream.Collectors.toMap(
                java.util.Map.Entry::getKey, e -> fill.apply(e.getValue()))),
            c.secrets().stream().map(fill).toList(), c.logSecrets().stream().map(fill).toList(),
            fill.apply(c.repositoryCredentials())))
        .toList();
    return new PlannedTaskDefinition(file, pointerPrefix, family, fill.apply(executionRoleArn), filled, accountHint,
        regionHint, ignoredFields, positions, keyStyle, unknowns, roleUnknown, fileIndexes, address,
        containersUnknown);
  }

  /**
   * Where the file spells the value at {@code pointer} (relative to the task definition); the task
   * definition itself when the value is not in the file (e.g. an execution role that is missing).
   */
  public SourcePosition positionOf(String pointer) {
    SourcePosition position = Optional.ofNullable(
            pointer == null || pointer.isEmpty() ? null : positions.at(pointerPrefix + keys(pointer)))
        .or(() -> Optional.ofNullable(positions.at(pointerPrefix + keys("/family"))))
        .orElseGet(() -> positions.at(pointerPrefix));
    return address == null ? position : position.of(address);
  }

  /**
   * Whether the file spells the value at {@code pointer} as one scalar, so a fix can replace exactly that
   * span; not so for a value built by an intrinsic ({@code Fn::Join}) or one the file does not have.
   */
  public boolean isExact(String pointer) {
    // A plan is generated, not edited: the fix belongs in the Terraform configuration, which pullpath has not read.
    return keyStyle != KeyStyle.TERRAFORM && pointer != null && !pointer.isEmpty() && positions.isScalar(pointerPrefix + keys(pointer));
  }

  /** An API pointer ({@code /containerDefinitions/0/image}) as the file spells it. */
  private String keys(String apiPointer) {
    java.util.regex.Matcher container = CONTAINER.matcher(apiPointer);
    if (keyStyle == KeyStyle.TERRAFORM) {
      return container.find() ? "/container_definitions"
          : apiPointer.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
    String pointer = apiPointer;
    if (container.find() && Integer.parseInt(container.group(1)) < fileIndexes.size()) {
      pointer = "/containerDefinitions/" + fileIndexes.get(Integer.parseInt(container.group(1)))
          + apiPointer.substring(container.end());
    }
    if (keyStyle == KeyStyle.API) {
      return pointer;
    }
    StringBuilder out = new StringBuilder();
    for (String segment : pointer.substring(1).split("/", -1)) {
      out.append('/').append(segment.isEmpty() ? segment
          : Character.toUpperCase(segment.charAt(0)) + segment.substring(1));
    }
    return out.toString();
  }

  /**
   * What to edit to apply a fix that replaces a planned value: the file itself, or for a Terraform plan
   * the resource in the configuration the plan was made from.
   */
  public String editHint(SourcePosition position) {
    if (keyStyle == KeyStyle.TERRAFORM) {
      return "Change " + address + " in the Terraform configuration (planned at " + position.file() + ":"
          + position.line() + ") and plan again.";
    }
    return "Edit " + position.display() + " before registering.";
  }

  /** The one note about skipped read-only fields, {@code null} when none were there. */
  public String ignoredFieldsNote() {
    return ignoredFields.isEmpty() ? null : file + ": ignored the read-only fields " + String.join(", ", ignoredFields)
        + " (describe-task-definition output); the task definition is checked as it would be registered";
  }
}
