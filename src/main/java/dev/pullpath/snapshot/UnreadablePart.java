package dev.pullpath.snapshot;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A snapshot part that the collector could not read, e.g. because the caller lacks a permission.
 *
 * @param action the IAM action that was refused, e.g. {@code ec2:DescribeVpcEndpoints}
 * @param reason the service's error code or message, never a credential
 */
public record UnreadablePart(
    @JsonProperty(required = true) SnapshotPart part,
    @JsonProperty(required = true) String action,
    String reason) {

  /**
   * The reason of a part that no input describes: planned files checked without an account (no
   * {@code --snapshot}, no {@code --region}). Not a refusal; the part is simply unknown.
   */
  public static final String NOT_GIVEN = "NotGiven";

  public UnreadablePart {
    Validate.present(part, "part");
    Validate.text(action, "action");
  }

  /** A part no input describes; {@code action} says what would give it, e.g. {@code --snapshot FILE}. */
  public static UnreadablePart notGiven(SnapshotPart part, String action) {
    return new UnreadablePart(part, action, NOT_GIVEN);
  }

  /** Whether the part is unknown because nothing described it, rather than because reading it failed. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isNotGiven() {
    return NOT_GIVEN.equals(reason);
  }
}
