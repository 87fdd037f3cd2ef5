package dev.pullpath.aws;

/**
 * One API operation a collector called.
 *
 * @param action the IAM action it needs, e.g. {@code ec2:DescribeVpcs}
 * @param request the SDK request as text, which names the object fetched and the page token
 */
record ApiCall(String action, String request) {}
