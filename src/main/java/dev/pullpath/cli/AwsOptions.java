package dev.pullpath.cli;

import dev.pullpath.aws.LiveScanOptions;
import dev.pullpath.aws.ProgressListener;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of a live scan, shared by every command that reads an AWS account. */
public final class AwsOptions {
  static final int DEFAULT_PARALLEL_PAIRS = 4;

  @Option(names = "--region", paramLabel = "REGION",
      description = "Region to scan, e.g. eu-west-1. Default: AWS_REGION, else the profile's region.")
  String region;

  @Option(names = "--profile", paramLabel = "PROFILE",
      description = "Named profile of ~/.aws/config and ~/.aws/credentials. Default: the SDK's default "
          + "credential chain (environment, profile, SSO, container and instance roles).")
  String profile;

  @Option(names = "--endpoint-url", paramLabel = "URL",
      description = "Send every API call to this endpoint instead of AWS, e.g. a local emulator.")
  URI endpointUrl;

  @Option(names = "--role-arn", paramLabel = "ARN",
      description = "Assume this role first and scan with its credentials (needs sts:AssumeRole).")
  String roleArn;

  @Option(names = "--cluster", paramLabel = "CLUSTER", split = ",",
      description = "ECS cluster name or ARN to scan; repeatable or comma-separated. Default: every cluster.")
  List<String> clusters = new ArrayList<>();

  @Option(names = "--service", paramLabel = "SERVICE", split = ",",
      description = "ECS service name or ARN to scan; repeatable or comma-separated. Default: every service "
          + "of the scanned clusters.")
  List<String> services = new ArrayList<>();

  @Option(names = "--vpc", paramLabel = "VPC_ID", split = ",",
      description = "Only scan these VPCs and the services running in them; repeatable or comma-separated. "
          + "Default: the VPCs of the scanned services.")
  List<String> vpcIds = new ArrayList<>();

  @Option(names = "--regions", paramLabel = "REGION,...|all", split = ",",
      description = "Scan several regions in one run, or all regions enabled for each account (EC2 "
          + "DescribeRegions). Each account/region pair is reported on its own, with a summary of the pairs first.")
  List<String> regions = new ArrayList<>();

  @Option(names = "--accounts", paramLabel = "ID,...|FILE|organization",
      description = "Scan several accounts: account ids (comma-separated), a file with one id per line (# comments), "
          + "or 'organization' for every ACTIVE account of the organization (organizations:ListAccounts, from "
          + "the management account or a delegated administrator). Needs --assume-role-name.")
  String accounts;

  @Option(names = "--assume-role-name", paramLabel = "NAME",
      description = "Role to assume in each account of --accounts (arn:aws:iam::ACCOUNT:role/NAME; NAME may "
          + "include a path), e.g. a read-only role deployed with a StackSet.")
  String assumeRoleName;

  @Option(names = "--parallel-pairs", paramLabel = "N",
      description = "Account/region pairs scanned at once; each keeps its own --concurrency, as AWS limits "
          + "request rates per account and region. Default: " + DEFAULT_PARALLEL_PAIRS + ".")
  int parallelPairs = DEFAULT_PARALLEL_PAIRS;

  @Option(names = "--max-attempts", paramLabel = "N",
      description = "Attempts per API call, retries on throttling and server errors included "
          + "(standard retry mode). Default: " + LiveScanOptions.DEFAULT_MAX_ATTEMPTS + ".")
  int maxAttempts = LiveScanOptions.DEFAULT_MAX_ATTEMPTS;

  @Option(names = "--concurrency", paramLabel = "N",
      description = "API calls in flight at once. Default: " + LiveScanOptions.DEFAULT_CONCURRENCY + ".")
  int concurrency = LiveScanOptions.DEFAULT_CONCURRENCY;

  @Option(names = {"-q", "--quiet"},
      description = "Print no progress while scanning (progress also stays off when pullpath does not run in an interactive console, e.g. in CI).")
  boolean quiet;

  public LiveScanOptions toLiveScanOptions() {
    return new LiveScanOptions(
        region, profile, endpointUrl, roleArn, clusters, services, vpcIds, maxAttempts, concurrency);
  }

  /**
   * Progress for scans longer than two seconds, on {@code err}; silent with --quiet or without an interactive
   * console. Java cannot ask whether stderr alone is a terminal: {@code System.console()} is there only when
   * stdin and stdout are, which is false in CI and under redirection, where progress would be noise.
   */
  public ProgressListener progressListener(PrintWriter err) {
    if (quiet || System.console() == null) {
      return ProgressListener.silent();
    }
    return ProgressListener.after(Duration.ofSeconds(2), err);
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public int concurrency() {
    return concurrency;
  }

  public boolean quiet() {
    return quiet;
  }

  /** Whether any option asks for a live scan: a region, profile, endpoint or role to scan with. */
  public boolean requested() {
    return region != null || profile != null || endpointUrl != null || roleArn != null || estate();
  }

  /** Whether a live-scan-only option was given, which an offline scan would silently ignore. */
  public boolean anyGiven() {
    return requested() || !clusters.isEmpty() || !services.isEmpty() || !vpcIds.isEmpty();
  }

  /** Whether several account/region pairs are asked for. */
  public boolean estate() {
    return !regions.isEmpty() || accounts != null;
  }

  public List<String> regions() {
    return regions;
  }

  public String accounts() {
    return accounts;
  }

  public String assumeRoleName() {
    return assumeRoleName;
  }

  public int parallelPairs() {
    return parallelPairs;
  }
}
