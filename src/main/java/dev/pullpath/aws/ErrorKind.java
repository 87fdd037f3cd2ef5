package dev.pullpath.aws;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What an SDK failure (after the SDK's own retries) means for the scan: a refused read leaves one part
 * unknown, bad credentials or an unreachable endpoint end it, anything else leaves the part unknown too.
 */
enum ErrorKind {
  ACCESS_DENIED,
  EXPIRED_CREDENTIALS,
  REJECTED_CREDENTIALS,
  UNREACHABLE,
  OTHER;

  // EC2 says UnauthorizedOperation, the query services AccessDenied, the JSON services AccessDeniedException.
  private static final Set<String> DENIED =
      Set.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedAccess");
  private static final Set<String> EXPIRED =
      Set.of("ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired");
  private static final Set<String> REJECTED =
      Set.of("InvalidClientTokenId", "UnrecognizedClientException", "SignatureDoesNotMatch", "AuthFailure",
          "InvalidSignatureException", "IncompleteSignature", "MissingAuthenticationToken", "OptInRequired");

  static ErrorKind of(SdkException e) {
    if (e instanceof AwsServiceException service) {
      String code = errorCode(service);
      if (DENIED.contains(code)) {
        return ACCESS_DENIED;
      }
      if (EXPIRED.contains(code)) {
        return EXPIRED_CREDENTIALS;
      }
      if (REJECTED.contains(code)) {
        return REJECTED_CREDENTIALS;
      }
      return OTHER;
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnknownHostException
          || cause instanceof ConnectException
          || cause instanceof NoRouteToHostException) {
        return UNREACHABLE;
      }
    }
    return OTHER;
  }

  /** Whether the scan cannot go on: every later call would fail the same way. */
  boolean isFatal() {
    return this == EXPIRED_CREDENTIALS || this == REJECTED_CREDENTIALS || this == UNREACHABLE;
  }

  /** The service's error code, or the HTTP status when the response had none. */
  static String errorCode(SdkException e) {
    if (e instanceof AwsServiceException service) {
      if (service.awsErrorDetails() != null && service.awsErrorDetails().errorCode() != null) {
        return service.awsErrorDetails().errorCode();
      }
      return "HTTP " + service.statusCode();
    }
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName();
  }
}
