package dev.pullpath.snapshot;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An ECS service: the workload whose tasks must pull their images. Networking is the service's
 * {@code awsvpcConfiguration}.
 *
 * @param launchType {@code FARGATE}, {@code EC2} or {@code EXTERNAL}; {@code null} when a capacity
 *     provider strategy is used
 * @param platformVersion Fargate platform version, e.g. {@code LATEST} or {@code 1.4.0}
 */
public record EcsService(
    @JsonProperty(required = true) String clusterName,
    String clusterArn,
    @JsonProperty(required = true) String serviceName,
    String serviceArn,
    String launchType,
    String platformVersion,
    List<String> subnetIds,
    List<String> securityGroupIds,
    boolean assignPublicIp,
    @JsonProperty(required = true) String taskDefinitionArn) {

  public EcsService {
    Validate.text(clusterName, "clusterName");
    Validate.text(serviceName, "serviceName");
    Validate.text(taskDefinitionArn, "taskDefinitionArn");
    subnetIds = subnetIds == null ? List.of() : List.copyOf(subnetIds);
    securityGroupIds = securityGroupIds == null ? List.of() : List.copyOf(securityGroupIds);
  }

  /** This service running another task definition, e.g. the ARN ECS resolved its reference to. */
  public EcsService withTaskDefinitionArn(String arn) {
    return new EcsService(clusterName, clusterArn, serviceName, serviceArn, launchType, platformVersion, subnetIds,
        securityGroupIds, assignPublicIp, arn);
  }

  /** {@code cluster/service}, the name findings are grouped by. */
  public String workloadName() {
    return clusterName + "/" + serviceName;
  }
}
