package dev.pullpath.fix;

import java.util.Map;

/**
 * An AWS API call as a plan shows it.
 *
 * @param service e.g. {@code ec2}
 * @param operation e.g. {@code ModifyVpcAttribute}
 * @param parameters the request's parameters with real values, in the API's own names
 */
public record ApiCall(String service, String operation, Map<String, Object> parameters) {
  public ApiCall {
    parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
  }
}
