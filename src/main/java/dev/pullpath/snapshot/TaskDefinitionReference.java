package dev.pullpath.snapshot;

import java.util.OptionalInt;

/**
 * How ECS names a task definition in a service or a call: a full ARN
 * ({@code arn:aws:ecs:REGION:ACCOUNT:task-definition/family:revision}), {@code family:revision}, or a bare
 * {@code family}, which ECS resolves to the family's latest ACTIVE revision.
 *
 * @param revision empty for a bare family
 */
public record TaskDefinitionReference(String family, OptionalInt revision) {
  private static final String ARN_MARKER = ":task-definition/";

  public static TaskDefinitionReference parse(String reference) {
    String name = reference;
    int marker = reference.indexOf(ARN_MARKER);
    if (reference.startsWith("arn:") && marker >= 0) {
      name = reference.substring(marker + ARN_MARKER.length());
    }
    int colon = name.lastIndexOf(':');
    if (colon > 0 && colon < name.length() - 1 && name.substring(colon + 1).chars().allMatch(Character::isDigit)) {
      try {
        return new TaskDefinitionReference(name.substring(0, colon),
            OptionalInt.of(Integer.parseInt(name.substring(colon + 1))));
      } catch (NumberFormatException e) {
        // More digits than any revision has: not a revision, so the whole text is the family.
      }
    }
    return new TaskDefinitionReference(name, OptionalInt.empty());
  }
}
