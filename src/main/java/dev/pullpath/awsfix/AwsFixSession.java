package dev.pullpath.awsfix;

import dev.pullpath.aws.LiveScanOptions;
import dev.pullpath.fix.AccountWriter;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The SDK clients a fix writes with, built from the same options as a live scan (region, profile, role,
 * endpoint). The scan path never builds these: only {@code --fix} with consent and {@code apply} do.
 */
public final class AwsFixSession implements AutoCloseable {
  /** How long a new interface endpoint may stay pending before the step fails (a rerun picks it up). */
  private static final Duration ENDPOINT_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration POLL_INTERVAL = Duration.ofSeconds(5);

  private final SdkHttpClient http;
  private final StsClient sts;
  /** Signed like the writes, to ask who they are made as (the preflight's simulator checks). */
  private final StsClient identitySts;
  private final Ec2Client ec2;
  private final EcsClient ecs;
  private final EcrClient ecr;
  private final IamClient iam;
  private final AccountWriter writer;

  private AwsFixSession(LiveScanOptions options) {
    Region region = region(options);
    http = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
        .socketTimeout(Duration.ofSeconds(30)).build();
    AwsCredentialsProvider credentials = options.profile() != null
        ? ProfileCredentialsProvider.builder().profileName(options.profile()).build()
        : DefaultCredentialsProvider.builder().build();
    if (options.roleArn() != null) {
      sts = build(StsClient.builder(), region, credentials, options);
      credentials = StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
          .refreshRequest(b -> b.roleArn(options.roleArn()).roleSessionName("pullpath-fix")).build();
    } else {
      sts = null;
    }
    identitySts = build(StsClient.builder(), region, credentials, options);
    ec2 = build(Ec2Client.builder(), region, credentials, options);
    ecs = build(EcsClient.builder(), region, credentials, options);
    ecr = build(EcrClient.builder(), region, credentials, options);
    // IAM is global: its endpoint is aws-global whatever region the account is fixed in.
    iam = build(IamClient.builder(), options.endpointOverride() == null ? Region.AWS_GLOBAL : region, credentials, options);
    writer = new SdkAccountWriter(ec2, ecs, ecr, iam, new OwnPermissions(identitySts, iam, region.id()), POLL_INTERVAL,
        ENDPOINT_TIMEOUT);
  }

  public static AwsFixSession open(LiveScanOptions options) {
    return new AwsFixSession(options);
  }

  public AccountWriter writer() {
    return writer;
  }

  /** The region of the scanned snapshot: a fix writes where the findings were made, never a default. */
  private static Region region(LiveScanOptions options) {
    if (options.region() == null) {
      throw new IllegalArgumentException("a fix session needs the region of the scanned account");
    }
    return Region.of(options.region());
  }

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
      B builder, Region region, AwsCredentialsProvider credentials, LiveScanOptions options) {
    builder.region(region).credentialsProvider(credentials).httpClient(http);
    if (options.endpointOverride() != null) {
      builder.endpointOverride(options.endpointOverride());
    }
    return builder.build();
  }

  @Override
  public void close() {
    ec2.close();
    ecs.close();
    ecr.close();
    iam.close();
    identitySts.close();
    if (sts != null) {
      sts.close();
    }
    http.close();
  }
}
