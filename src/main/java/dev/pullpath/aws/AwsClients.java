package dev.pullpath.aws;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The SDK clients of one scan, sharing one HTTP client, retry settings and call recorder. The HTTP client
 * belongs to the caller, who closes it after the clients.
 */
record AwsClients(
    StsClient sts,
    Ec2Client ec2,
    EcsClient ecs,
    EcrClient ecr,
    IamClient iam,
    SecretsManagerClient secretsManager,
    CloudWatchLogsClient logs)
    implements AutoCloseable {

  /**
   * How every client is built.
   *
   * @param endpoint one endpoint for all services, {@code null} for AWS's own
   * @param backoff the delay between retries; {@code null} keeps the SDK's (tests shorten it)
   */
  record Settings(
      Region region,
      AwsCredentialsProvider credentials,
      URI endpoint,
      int maxAttempts,
      BackoffStrategy backoff,
      CallRecorder recorder) {

    Settings withCredentials(AwsCredentialsProvider other) {
      return new Settings(region, other, endpoint, maxAttempts, backoff, recorder);
    }
  }

  static SdkHttpClient httpClient() {
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(5))
        .socketTimeout(Duration.ofSeconds(30))
        .build();
  }

  static AwsClients create(Settings settings, SdkHttpClient http) {
    return new AwsClients(
        sts(settings, http),
        build(Ec2Client.builder(), settings, http),
        build(EcsClient.builder(), settings, http),
        build(EcrClient.builder(), settings, http),
        build(IamClient.builder(), settings, http),
        build(SecretsManagerClient.builder(), settings, http),
        build(CloudWatchLogsClient.builder(), settings, http));
  }

  static Ec2Client ec2(Settings settings, SdkHttpClient http) {
    return build(Ec2Client.builder(), settings, http);
  }

  static StsClient sts(Settings settings, SdkHttpClient http) {
    return build(StsClient.builder(), settings, http);
  }

  private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
      B builder, Settings settings, SdkHttpClient http) {
    builder.region(settings.region())
        .credentialsProvider(settings.credentials())
        .httpClient(http)
        .overrideConfiguration(override(settings));
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
    }
    return builder.build();
  }

  private static ClientOverrideConfiguration override(Settings settings) {
    // Standard mode, not adaptive: adaptive's client-side rate limiter drops to a trickle after a single
    // throttle when a client has made few calls, and measured 1.7-2.1x slower on the throttled benchmark
    // (docs/live-scan.md). The retry circuit breaker is off because a scan is a bounded batch whose every
    // call matters: --max-attempts bounds it instead.
    StandardRetryStrategy.Builder retry = AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(settings.maxAttempts())
        .circuitBreakerEnabled(false);
    if (settings.backoff() != null) {
      retry.backoffStrategy(settings.backoff()).throttlingBackoffStrategy(settings.backoff());
    }
    return ClientOverrideConfiguration.builder()
        .retryStrategy(retry.build())
        .addExecutionInterceptor(settings.recorder())
        .build();
  }

  @Override
  public void close() {
    sts.close();
    ec2.close();
    ecs.close();
    ecr.close();
    iam.close();
    secretsManager.close();
    logs.close();
  }
}
