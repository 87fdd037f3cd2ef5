package dev.pullpath.fix;

/**
 * What the preflight found out about one write a step would make, without making it.
 *
 * @param action the IAM action, e.g. {@code ec2:CreateVpcEndpoint}
 * @param resource what the write is on: an ARN, or the resource id EC2 was asked about
 * @param verdict whether pullpath's own identity may make it
 * @param detail why, in a few words (AWS's error code, the simulator's decision); empty when allowed
 */
public record PermissionCheck(String action, String resource, Verdict verdict, String detail) {

  public enum Verdict {
    /** EC2 answered {@code DryRunOperation}, or the IAM policy simulator allowed it. */
    ALLOWED,
    /** EC2 answered {@code UnauthorizedOperation}, or the simulator denied it: nothing may be written. */
    DENIED,
    /**
     * The answer says nothing about permission (e.g. a group an earlier step creates does not exist yet, or
     * a condition the simulator was not given a value for); it does not block.
     */
    INCONCLUSIVE,
    /** Not asked: the simulator is not allowed, or cannot simulate this identity (root, a federated user). */
    SKIPPED
  }

  public static PermissionCheck allowed(String action, String resource) {
    return new PermissionCheck(action, resource, Verdict.ALLOWED, "");
  }

  public static PermissionCheck denied(String action, String resource, String detail) {
    return new PermissionCheck(action, resource, Verdict.DENIED, detail);
  }

  public static PermissionCheck inconclusive(String action, String resource, String detail) {
    return new PermissionCheck(action, resource, Verdict.INCONCLUSIVE, detail);
  }

  public static PermissionCheck skipped(String action, String resource, String detail) {
    return new PermissionCheck(action, resource, Verdict.SKIPPED, detail);
  }
}
