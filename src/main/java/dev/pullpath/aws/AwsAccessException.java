package dev.pullpath.aws;

/**
 * A live scan that cannot run at all: no or bad credentials, no region, an unreachable endpoint, or not
 * one part readable. The message is one line fit to show a user as it is, and never holds a credential.
 */
public final class AwsAccessException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private AwsAccessException(String message, Throwable cause) {
    super(message, cause);
  }

  static AwsAccessException noCredentials(Throwable cause) {
    return new AwsAccessException(
        "no AWS credentials found: run `aws configure` or `aws sso login`, pass --profile (or set AWS_PROFILE), "
            + "or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
        cause);
  }

  static AwsAccessException noCredentialsForProfile(String profile, Throwable cause) {
    return new AwsAccessException(
        "no AWS credentials for profile '" + profile + "' in the AWS config files: check the name with "
            + "`aws configure list-profiles`, or run `aws configure --profile " + profile + "`",
        cause);
  }

  static AwsAccessException ssoSessionUnusable(Throwable cause) {
    return new AwsAccessException(
        "the AWS SSO session of the profile is missing or expired: run `aws sso login` (with --profile if you use "
            + "one) and scan again",
        cause);
  }

  static AwsAccessException expiredCredentials(String errorCode, Throwable cause) {
    return new AwsAccessException(
        "the AWS credentials have expired (" + errorCode + "): refresh them (e.g. `aws sso login`) and scan again",
        cause);
  }

  static AwsAccessException rejectedCredentials(String errorCode, String region, Throwable cause) {
    return new AwsAccessException(
        "AWS rejected the credentials (" + errorCode + "): check the profile or keys, and that region " + region
            + " is enabled for the account",
        cause);
  }

  static AwsAccessException noRegion(Throwable cause) {
    return new AwsAccessException(
        "no AWS region: pass --region, or set AWS_REGION or a region in the profile", cause);
  }

  static AwsAccessException unknownRegion(String region, Throwable cause) {
    return new AwsAccessException(
        "unknown AWS region '" + region + "': pass a region such as eu-west-1 to --region", cause);
  }

  static AwsAccessException unreachable(String what, Throwable cause) {
    return new AwsAccessException(
        "cannot reach " + what + ": check --region, --endpoint-url and the network", cause);
  }

  static AwsAccessException cannotAssumeRole(String roleArn, String errorCode, Throwable cause) {
    return new AwsAccessException(
        "cannot assume role " + roleArn + " (" + errorCode + "): check its trust policy and the caller's "
            + "sts:AssumeRole permission",
        cause);
  }

  static AwsAccessException cannotIdentify(String errorCode, Throwable cause) {
    return new AwsAccessException(
        "cannot identify the account with sts:GetCallerIdentity (" + errorCode + ")", cause);
  }

  static AwsAccessException cannotList(String what, Throwable cause) {
    String reason = cause instanceof software.amazon.awssdk.awscore.exception.AwsServiceException service
        ? ErrorKind.errorCode(service) : String.valueOf(cause.getMessage());
    return new AwsAccessException("cannot list " + what + ": " + reason, cause);
  }

  static AwsAccessException organizationUnlisted(String reason) {
    return new AwsAccessException("cannot list the organization's accounts (organizations:ListAccounts: " + reason
        + "): run from the management account or a delegated administrator, or give --accounts a list or a file",
        null);
  }

  static AwsAccessException nothingReadable(String region, String refusals) {
    return new AwsAccessException(
        "nothing could be read in " + region + " (" + refusals + "): grant the scan policy in "
            + "docs/iam-policy-scan.json and scan again",
        null);
  }
}
