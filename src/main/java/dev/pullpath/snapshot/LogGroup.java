package dev.pullpath.snapshot;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A CloudWatch Logs log group of the snapshot's region that a workload's {@code awslogs-group} names. */
public record LogGroup(@JsonProperty(required = true) String logGroupName) {
  public LogGroup {
    Validate.text(logGroupName, "logGroupName");
  }
}
