package dev.pullpath.aws;

import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts and names every API call of every client. It sits in the SDK's pipeline rather than in the
 * collectors so that no call, paginated page or credential exchange escapes the count, and so the
 * read-only test checks what really went out.
 */
final class CallRecorder implements ExecutionInterceptor {
  private final Queue<ApiCall> calls = new ConcurrentLinkedQueue<>();
  private final AtomicInteger attempts = new AtomicInteger();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    // The SDK's service names ("Ec2", "SecretsManager") lower-cased are the IAM action prefixes.
    // CloudWatch Logs is the exception: "CloudWatchLogs" in the SDK, "logs" in IAM.
    String sdkName = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME).toLowerCase(Locale.ROOT);
    String service = sdkName.equals("cloudwatchlogs") ? "logs" : sdkName;
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    calls.add(new ApiCall(service + ":" + operation, context.request().toString()));
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    attempts.incrementAndGet();
  }

  /** Calls in the order they started. */
  List<ApiCall> calls() {
    return List.copyOf(calls);
  }

  int callCount() {
    return calls.size();
  }

  /** HTTP requests sent, retries included. */
  int attemptCount() {
    return attempts.get();
  }
}
