package dev.pullpath.policy;

/**
 * One question put to a policy: may {@code principalArn} perform {@code action} on {@code resource}?
 *
 * @param principalArn the caller, used only by resource-based policies (endpoint and registry policies);
 *     identity policies ignore it
 */
public record PolicyRequest(String action, String resource, String principalArn) {
  public PolicyRequest {
    java.util.Objects.requireNonNull(action, "action");
    java.util.Objects.requireNonNull(resource, "resource");
  }

  public static PolicyRequest of(String action, String resource) {
    return new PolicyRequest(action, resource, null);
  }

  @Override
  public String toString() {
    return action + " on " + resource;
  }
}
