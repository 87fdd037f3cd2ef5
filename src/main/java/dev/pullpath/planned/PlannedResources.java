package dev.pullpath.planned;

import java.util.ArrayList;
import java.util.List;

/** What planned files describe: task definitions to register and VPC endpoints to create or update. */
public record PlannedResources(List<PlannedTaskDefinition> taskDefinitions, List<PlannedEndpoint> endpoints) {
  public PlannedResources {
    taskDefinitions = List.copyOf(taskDefinitions);
    endpoints = List.copyOf(endpoints);
  }

  public static PlannedResources of(List<PlannedTaskDefinition> taskDefinitions) {
    return new PlannedResources(taskDefinitions, List.of());
  }

  public PlannedResources plus(PlannedResources more) {
    List<PlannedTaskDefinition> tds = new ArrayList<>(taskDefinitions);
    tds.addAll(more.taskDefinitions);
    List<PlannedEndpoint> eps = new ArrayList<>(endpoints);
    eps.addAll(more.endpoints);
    return new PlannedResources(tds, eps);
  }

  public boolean isEmpty() {
    return taskDefinitions.isEmpty() && endpoints.isEmpty();
  }
}
