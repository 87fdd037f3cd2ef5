package dev.pullpath.fix;

import java.util.List;
import java.util.Map;

/**
 * What the user allows a plan to do beyond purely additive changes.
 *
 * @param allowPolicyRewrite drop Deny statements of endpoint policies that block image pulls
 * @param credentialArns secret ARN per cache prefix, for upstreams that need credentials
 * @param allowIngress peers (CIDR or sg-id) a service port may be opened to; empty opens none
 * @param updateServices move services to the new task-definition revisions
 */
public record FixOptions(
    boolean allowPolicyRewrite, Map<String, String> credentialArns, List<String> allowIngress, boolean updateServices) {

  public FixOptions {
    credentialArns = Map.copyOf(credentialArns);
    allowIngress = List.copyOf(allowIngress);
  }

  public static FixOptions defaults() {
    return new FixOptions(false, Map.of(), List.of(), false);
  }
}
