package dev.pullpath.policy;

/** The {@code Effect} of an IAM policy statement. */
public enum Effect {
  ALLOW,
  DENY
}
