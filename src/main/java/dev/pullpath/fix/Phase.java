package dev.pullpath.fix;

/** The order steps apply in, named so that the dependencies between them read in one place. */
final class Phase {
  /** DNS support, then hostnames: EC2 refuses both in one call and hostnames without support. */
  static final int VPC_DNS_SUPPORT = 10;
  static final int VPC_DNS_HOSTNAMES = 11;
  /** A group for new endpoints, then the rules of existing groups, all before the endpoints that use them. */
  static final int SECURITY_GROUPS = 19;
  static final int SECURITY_GROUP_RULES = 20;
  /** Private-DNS endpoints after the VPC's DNS attributes. */
  static final int ENDPOINTS = 30;
  /** An endpoint before its policy. */
  static final int ENDPOINT_POLICIES = 40;
  /** Cache rules and role permissions before the revision that depends on them. */
  static final int CACHE_RULES = 50;
  static final int ROLE_PERMISSIONS = 51;
  static final int TASK_DEFINITIONS = 60;
  /** The revision before the services move to it. */
  static final int SERVICES = 70;

  private Phase() {}
}
