package dev.pullpath.aws;

import java.net.URI;
import java.util.List;

/**
 * What a live scan reads and how it talks to AWS.
 *
 * @param region the region to scan; {@code null} takes the SDK's region chain (AWS_REGION, the profile)
 * @param profile a named profile of the shared config files; {@code null} takes the default credential chain
 * @param endpointOverride one endpoint for every service, for local emulators and tests; {@code null} for AWS
 * @param roleArn a role to assume before scanning; {@code null} scans with the credentials as they are
 * @param clusters cluster names or ARNs to scan; empty scans every cluster of the region
 * @param services service names or ARNs to scan; empty scans every service of the chosen clusters
 * @param vpcIds VPCs to scan; empty takes the VPCs of the scanned services' subnets
 * @param maxAttempts attempts per API call, retries included; {@code 0} takes {@value #DEFAULT_MAX_ATTEMPTS}
 * @param concurrency API calls in flight at once; {@code 0} takes {@value #DEFAULT_CONCURRENCY}
 */
public record LiveScanOptions(
    String region,
    String profile,
    URI endpointOverride,
    String roleArn,
    List<String> clusters,
    List<String> services,
    List<String> vpcIds,
    int maxAttempts,
    int concurrency) {

  /** Enough attempts to ride out throttling bursts of large accounts; the SDK's own default is 3. */
  public static final int DEFAULT_MAX_ATTEMPTS = 8;

  /** Enough to hide per-call latency, low enough to stay under the APIs' request rates. */
  public static final int DEFAULT_CONCURRENCY = 8;

  public LiveScanOptions {
    region = blankToNull(region);
    profile = blankToNull(profile);
    roleArn = blankToNull(roleArn);
    clusters = clusters == null ? List.of() : List.copyOf(clusters);
    services = services == null ? List.of() : List.copyOf(services);
    vpcIds = vpcIds == null ? List.of() : List.copyOf(vpcIds);
    if (maxAttempts < 0 || concurrency < 0) {
      throw new IllegalArgumentException("max attempts and concurrency must not be negative");
    }
    maxAttempts = maxAttempts == 0 ? DEFAULT_MAX_ATTEMPTS : maxAttempts;
    concurrency = concurrency == 0 ? DEFAULT_CONCURRENCY : concurrency;
  }

  /** Every ECS service of one region, with default credentials and settings. */
  public static LiveScanOptions forRegion(String region) {
    return new LiveScanOptions(region, null, null, null, List.of(), List.of(), List.of(), 0, 0);
  }

  /** The same scan of another account/region pair: {@code roleArn} enters the account, null keeps ours. */
  public LiveScanOptions forPair(String pairRegion, String pairRoleArn) {
    return new LiveScanOptions(pairRegion, profile, endpointOverride, pairRoleArn == null ? roleArn : pairRoleArn,
        clusters, services, vpcIds, maxAttempts, concurrency);
  }

  /**
   * The same access, scoped to these {@code cluster/service} workloads (e.g. the ones a fix touched): their
   * clusters and service names, every VPC they run in. The collector reads each named service in each named
   * cluster, so a service name shared across those clusters is read in each of them; the caller keeps only
   * the workloads it asked for.
   */
  public LiveScanOptions forWorkloads(List<String> workloads) {
    List<String> clusterNames = workloads.stream().map(w -> w.substring(0, w.indexOf('/'))).distinct().sorted().toList();
    List<String> serviceNames = workloads.stream().map(w -> w.substring(w.indexOf('/') + 1)).distinct().sorted().toList();
    return new LiveScanOptions(region, profile, endpointOverride, roleArn, clusterNames, serviceNames, List.of(),
        maxAttempts, concurrency);
  }

  public LiveScanOptions withEndpointOverride(URI endpoint) {
    return new LiveScanOptions(
        region, profile, endpoint, roleArn, clusters, services, vpcIds, maxAttempts, concurrency);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
