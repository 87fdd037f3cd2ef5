package dev.pullpath.rules;

import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.ContainerDefinition;
import dev.pullpath.snapshot.EcsService;
import dev.pullpath.snapshot.TaskDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The interface endpoints (by service suffix) a workload's tasks call on their way to start: ECR always,
 * CloudWatch Logs for awslogs, Secrets Manager and SSM for the secrets they inject.
 */
final class RequiredEndpoints {
  static final String ECR_API = "ecr.api";
  static final String ECR_DKR = "ecr.dkr";
  static final String LOGS = "logs";
  static final String SECRETS_MANAGER = "secretsmanager";
  static final String SSM = "ssm";

  private RequiredEndpoints() {}

  static List<String> of(AccountSnapshot snapshot, EcsService service) {
    List<String> suffixes = new ArrayList<>(List.of(ECR_API, ECR_DKR));
    Optional<TaskDefinition> td = snapshot.taskDefinitionOf(service);
    if (td.isEmpty()) {
      return suffixes;
    }
    if (td.get().usesAwsLogs()) {
      suffixes.add(LOGS);
    }
    // Log driver secrets and private registry credentials are fetched the same way as injected secrets.
    List<String> secrets = td.get().containers().stream().flatMap(c -> c.secretReferences().stream()).toList();
    // Only secrets in the workload's own region go through its endpoints; others need a route out anyway.
    String inRegion = ":" + snapshot.region() + ":";
    if (secrets.stream().anyMatch(s -> s.startsWith("arn:aws:secretsmanager" + inRegion))) {
      suffixes.add(SECRETS_MANAGER);
    }
    // Parameters are named by ARN or, in the same region, by plain name.
    if (secrets.stream().anyMatch(s -> s.startsWith("arn:aws:ssm" + inRegion) || !s.startsWith("arn:"))) {
      suffixes.add(SSM);
    }
    return suffixes;
  }

  /**
   * A call a container makes to a service in another region than the scan's: VPC endpoints are regional,
   * so it needs a path to that region's public endpoint.
   *
   * @param serviceSuffix {@link #LOGS}, {@link #SECRETS_MANAGER} or {@link #SSM}
   * @param detail what makes the call, e.g. {@code awslogs-region} or the secret's ARN
   */
  record CrossRegionCall(String serviceSuffix, String region, String container, String detail) {
    String publicName() {
      return serviceSuffix + "." + region + ".amazonaws.com";
    }
  }

  /** The workload's calls to another region than the snapshot's, in container order. */
  static List<CrossRegionCall> crossRegion(AccountSnapshot snapshot, EcsService service) {
    Optional<TaskDefinition> td = snapshot.taskDefinitionOf(service);
    if (td.isEmpty()) {
      return List.of();
    }
    List<CrossRegionCall> calls = new ArrayList<>();
    for (ContainerDefinition container : td.get().containers()) {
      String logRegion = container.logOptions().get("awslogs-region");
      if (container.usesAwsLogs() && logRegion != null && !logRegion.isBlank()
          && !logRegion.equals(snapshot.region())) {
        calls.add(new CrossRegionCall(LOGS, logRegion, container.name(), "awslogs-region " + logRegion));
      }
      for (String valueFrom : container.secrets()) {
        // arn:PARTITION:SERVICE:REGION:ACCOUNT:...
        String[] arn = valueFrom.split(":", 6);
        if (arn.length < 6 || !arn[0].equals("arn") || arn[3].isEmpty() || arn[3].equals(snapshot.region())) {
          continue;
        }
        String suffix = arn[2].equals("secretsmanager") ? SECRETS_MANAGER : arn[2].equals("ssm") ? SSM : null;
        if (suffix != null) {
          calls.add(new CrossRegionCall(suffix, arn[3], container.name(), valueFrom));
        }
      }
    }
    return calls;
  }
}
