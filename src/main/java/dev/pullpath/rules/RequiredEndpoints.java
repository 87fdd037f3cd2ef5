package dev.pullpath.rules;

import dev.pullpath.snapshot.AccountSnapshot;
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
}
