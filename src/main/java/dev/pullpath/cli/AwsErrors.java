package dev.pullpath.cli;

/** Recognises AWS access failures without loading the SDK for offline scans. */
final class AwsErrors {
  private AwsErrors() {}

  static boolean isAccessError(Exception e) {
    return e.getClass().getName().equals("dev.pullpath.aws.AwsAccessException");
  }
}
