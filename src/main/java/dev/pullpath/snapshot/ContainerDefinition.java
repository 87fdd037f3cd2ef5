package dev.pullpath.snapshot;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The parts of a container definition that decide how its image is pulled and where it logs.
 *
 * @param logDriver e.g. {@code awslogs}; {@code null} without a log configuration
 * @param logOptions the log driver's options, e.g. {@code awslogs-group}
 * @param secrets {@code valueFrom} ARNs of the container's secrets
 * @param logSecrets {@code valueFrom} ARNs of {@code logConfiguration.secretOptions}, which the agent reads
 *     like {@code secrets} before the task starts
 * @param repositoryCredentials {@code repositoryCredentials.credentialsParameter}: the Secrets Manager secret
 *     holding a private registry's credentials, read the same way; {@code null} when none
 */
public record ContainerDefinition(
    @JsonProperty(required = true) String name,
    @JsonProperty(required = true) String image,
    List<PortMapping> portMappings,
    String logDriver,
    Map<String, String> logOptions,
    List<String> secrets,
    List<String> logSecrets,
    String repositoryCredentials) {

  public ContainerDefinition {
    Validate.text(name, "name");
    Validate.text(image, "image");
    portMappings = portMappings == null ? List.of() : List.copyOf(portMappings);
    // Sorted, so snapshots and reports are byte-for-byte stable across runs.
    logOptions = logOptions == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(logOptions));
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
    logSecrets = logSecrets == null ? List.of() : List.copyOf(logSecrets);
  }

  /**
   * Every secret or parameter the agent fetches for this container before it starts: injected secrets, log
   * driver secrets and private registry credentials. They need the same endpoints and permissions.
   */
  public List<String> secretReferences() {
    List<String> all = new java.util.ArrayList<>(secrets);
    all.addAll(logSecrets);
    if (repositoryCredentials != null) {
      all.add(repositoryCredentials);
    }
    return all;
  }

  public boolean usesAwsLogs() {
    return "awslogs".equals(logDriver);
  }

  /** A container port and its transport protocol ({@code tcp} unless stated). */
  public record PortMapping(@JsonProperty(required = true) int containerPort, String protocol) {
    public PortMapping {
      protocol = protocol == null ? "tcp" : protocol;
    }
  }
}
