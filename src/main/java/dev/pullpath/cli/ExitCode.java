package dev.pullpath.cli;

/** The process exit codes, stable across releases because CI pipelines branch on them. */
public final class ExitCode {
  /** No finding at or above {@code --fail-on}. */
  public static final int OK = 0;
  /** At least one finding at or above {@code --fail-on}. */
  public static final int FINDINGS = 1;
  /** Bad command line or unreadable input (snapshot file, rule id). */
  public static final int USAGE = 2;
  /** AWS could not be read: no credentials, expired credentials, nothing readable. */
  public static final int AWS_ACCESS = 3;
  /** A bug in pullpath. */
  public static final int INTERNAL = 4;

  private ExitCode() {}
}
