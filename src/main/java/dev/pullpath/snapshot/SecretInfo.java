package dev.pullpath.snapshot;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A Secrets Manager secret known to exist; only its name and ARN, never its value. */
public record SecretInfo(@JsonProperty(required = true) String name, @JsonProperty(required = true) String arn) {
  public SecretInfo {
    Validate.text(name, "name");
    Validate.text(arn, "arn");
  }
}
