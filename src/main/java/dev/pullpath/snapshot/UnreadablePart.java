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

  public UnreadablePart {
    Validate.present(part, "part");
    Validate.text(action, "action");
  }
}
