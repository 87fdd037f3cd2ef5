package dev.pullpath.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pullpath.aws.AwsWire.Answer;
import dev.pullpath.snapshot.AccountSnapshot;
import dev.pullpath.snapshot.ContainerDefinition;
import dev.pullpath.snapshot.EcsService;
import dev.pullpath.snapshot.TaskDefinition;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ECS part of {@link LocalAccountServer}: clusters, services and task definitions in ECS's JSON 1.1.
 * Task definitions are kept as ECS answers them, so a registered revision holds every field it was sent.
 */
final class LocalEcs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String account;
  private final String region;
  private final Map<String, EcsService> services = new LinkedHashMap<>();
  private final Map<String, ObjectNode> taskDefinitions = new LinkedHashMap<>();
  private final Map<String, ArrayNode> taskDefinitionTags = new LinkedHashMap<>();

  LocalEcs(AccountSnapshot seed) {
    this.account = seed.accountId();
    this.region = seed.region();
    seed.services().forEach(s -> services.put(s.clusterName() + "/" + s.serviceName(), s));
    seed.taskDefinitions().forEach(t -> {
      taskDefinitions.put(t.taskDefinitionArn(), taskDefinitionJson(t));
      ArrayNode team = JSON.createArrayNode();
      team.addObject().put("key", "team").put("value", "platform");
      taskDefinitionTags.put(t.taskDefinitionArn(), team);
    });
  }

  /** The tags of a task definition, as DescribeTaskDefinition answers them with {@code include TAGS}. */
  Map<String, String> taskDefinitionTags(String arn) {
    Map<String, String> found = new LinkedHashMap<>();
    taskDefinitionTags.getOrDefault(arn, JSON.createArrayNode())
        .forEach(t -> found.put(t.path("key").asText(), t.path("value").asText()));
    return found;
  }

  Answer answer(String operation, JsonNode r) {
    ObjectNode out = JSON.createObjectNode();
    switch (operation) {
      case "ListClusters" -> {
        ArrayNode arns = out.putArray("clusterArns");
        services.values().stream().map(EcsService::clusterArn).distinct().forEach(arns::add);
      }
      case "ListServices" -> {
        String cluster = name(r.path("cluster").asText());
        ArrayNode arns = out.putArray("serviceArns");
        services.values().stream().filter(s -> s.clusterName().equals(cluster)).map(EcsService::serviceArn)
            .forEach(arns::add);
      }
      case "DescribeServices" -> {
        String cluster = name(r.path("cluster").asText("default"));
        ArrayNode found = out.putArray("services");
        ArrayNode failures = out.putArray("failures");
        for (JsonNode wanted : r.path("services")) {
          EcsService s = services.get(cluster + "/" + name(wanted.asText()));
          if (s == null) {
            failures.addObject().put("arn", wanted.asText()).put("reason", "MISSING");
          } else {
            found.add(service(s, List.of(s.taskDefinitionArn())));
          }
        }
      }
      case "DescribeTaskDefinition" -> {
        Optional<ObjectNode> td = taskDefinition(r.path("taskDefinition").asText());
        if (td.isEmpty()) {
          return AwsWire.jsonError("ClientException", "Unable to describe task definition.");
        }
        out.set("taskDefinition", td.get());
        if (r.path("include").toString().contains("TAGS")) {
          out.set("tags", taskDefinitionTags.get(td.get().path("taskDefinitionArn").asText()));
        }
      }
      case "RegisterTaskDefinition" -> {
        return registerTaskDefinition((ObjectNode) r.deepCopy());
      }
      case "UpdateService" -> {
        String key = name(r.path("cluster").asText("default")) + "/" + name(r.path("service").asText());
        EcsService s = services.get(key);
        if (s == null) {
          return AwsWire.jsonError("ServiceNotFoundException", "Service not found.");
        }
        Optional<ObjectNode> td = taskDefinition(r.path("taskDefinition").asText(s.taskDefinitionArn()));
        if (td.isEmpty()) {
          return AwsWire.jsonError("ClientException", "TaskDefinition not found.");
        }
        String arn = td.get().path("taskDefinitionArn").asText();
        String old = s.taskDefinitionArn();
        services.put(key, s.withTaskDefinitionArn(arn));
        // The answer shows the rollout just started; the next DescribeServices finds it done.
        out.set("service", service(services.get(key), List.of(arn, old)));
      }
      default -> throw new IllegalArgumentException("ecs has no operation " + operation + " here");
    }
    return new Answer(200, AwsWire.JSON_CONTENT, out.toString());
  }

  private Answer registerTaskDefinition(ObjectNode request) {
    String family = request.path("family").asText("");
    JsonNode containers = request.path("containerDefinitions");
    if (family.isEmpty() || !containers.isArray() || containers.isEmpty()) {
      return AwsWire.jsonError("ClientException", "Family and container definitions are required.");
    }
    for (JsonNode c : containers) {
      if (c.path("name").asText("").isEmpty() || c.path("image").asText("").isEmpty()) {
        return AwsWire.jsonError("ClientException", "Container.image should not be null or empty.");
      }
    }
    boolean fargate = request.path("requiresCompatibilities").toString().contains("FARGATE");
    if (fargate && (!request.has("cpu") || !request.has("memory") || !"awsvpc".equals(request.path("networkMode").asText()))) {
      return AwsWire.jsonError("ClientException", "Fargate requires task definition to have cpu and memory values, "
          + "and the awsvpc network mode.");
    }
    int revision = taskDefinitions.values().stream().filter(t -> t.path("family").asText().equals(family))
        .mapToInt(t -> t.path("revision").asInt()).max().orElse(0) + 1;
    String arn = "arn:aws:ecs:" + region + ":" + account + ":task-definition/" + family + ":" + revision;
    JsonNode requestTags = request.remove("tags");
    ObjectNode td = request;
    td.put("taskDefinitionArn", arn).put("revision", revision).put("status", "ACTIVE")
        .put("registeredAt", 1.7e9).put("registeredBy", "arn:aws:iam::" + account + ":user/admin");
    td.putArray("compatibilities").add("EC2").add("FARGATE");
    taskDefinitions.put(arn, td);
    taskDefinitionTags.put(arn, requestTags == null ? JSON.createArrayNode() : (ArrayNode) requestTags);
    ObjectNode out = JSON.createObjectNode();
    out.set("taskDefinition", td);
    out.set("tags", taskDefinitionTags.get(arn));
    return new Answer(200, AwsWire.JSON_CONTENT, out.toString());
  }

  /** A task definition by ARN, {@code family:revision}, or family (its latest ACTIVE revision), as ECS resolves it. */
  private Optional<ObjectNode> taskDefinition(String reference) {
    String wanted = reference.startsWith("arn:") ? reference.substring(reference.indexOf('/') + 1) : reference;
    return taskDefinitions.values().stream()
        .filter(t -> wanted.contains(":")
            ? wanted.equals(t.path("family").asText() + ":" + t.path("revision").asInt())
            : wanted.equals(t.path("family").asText()))
        .max(Comparator.comparingInt(t -> t.path("revision").asInt()));
  }

  /** @param deployments task definitions of its deployments, the primary first */
  private ObjectNode service(EcsService s, List<String> deployments) {
    ObjectNode svc = JSON.createObjectNode();
    svc.put("serviceArn", s.serviceArn()).put("serviceName", s.serviceName()).put("clusterArn", s.clusterArn())
        .put("status", "ACTIVE").put("launchType", s.launchType()).put("platformVersion", s.platformVersion())
        .put("taskDefinition", s.taskDefinitionArn()).put("desiredCount", 1).put("runningCount", 1);
    ObjectNode vpc = svc.putObject("networkConfiguration").putObject("awsvpcConfiguration");
    s.subnetIds().forEach(vpc.putArray("subnets")::add);
    s.securityGroupIds().forEach(vpc.putArray("securityGroups")::add);
    vpc.put("assignPublicIp", s.assignPublicIp() ? "ENABLED" : "DISABLED");
    ArrayNode list = svc.putArray("deployments");
    boolean rolling = deployments.size() > 1;
    for (int i = 0; i < deployments.size(); i++) {
      list.addObject().put("status", i == 0 ? "PRIMARY" : "ACTIVE").put("taskDefinition", deployments.get(i))
          .put("desiredCount", i == 0 ? 1 : 0).put("runningCount", i == 0 && !rolling ? 1 : rolling ? 0 : 1)
          .put("rolloutState", rolling && i == 0 ? "IN_PROGRESS" : "COMPLETED");
    }
    svc.putObject("deploymentController").put("type", "ECS");
    return svc;
  }

  private ObjectNode taskDefinitionJson(TaskDefinition t) {
    ObjectNode td = JSON.createObjectNode();
    td.put("taskDefinitionArn", t.taskDefinitionArn()).put("family", t.family()).put("revision", t.revision())
        .put("status", "ACTIVE").put("networkMode", "awsvpc").put("cpu", "256").put("memory", "512")
        .put("registeredAt", 1.7e9).put("registeredBy", "arn:aws:iam::" + account + ":user/ci");
    if (t.executionRoleArn() != null) {
      td.put("executionRoleArn", t.executionRoleArn());
    }
    td.putArray("requiresCompatibilities").add("FARGATE");
    td.putArray("compatibilities").add("EC2").add("FARGATE");
    td.putArray("requiresAttributes").addObject().put("name", "com.amazonaws.ecs.capability.ecr-auth");
    ArrayNode containers = td.putArray("containerDefinitions");
    for (ContainerDefinition c : t.containers()) {
      ObjectNode container = containers.addObject().put("name", c.name()).put("image", c.image()).put("essential", true);
      ArrayNode ports = container.putArray("portMappings");
      c.portMappings().forEach(m -> ports.addObject().put("containerPort", m.containerPort()).put("protocol", m.protocol()));
      if (c.logDriver() != null) {
        ObjectNode log = container.putObject("logConfiguration").put("logDriver", c.logDriver());
        c.logOptions().forEach(log.putObject("options")::put);
        ArrayNode secretOptions = log.putArray("secretOptions");
        c.logSecrets().forEach(s -> secretOptions.addObject().put("name", "LOG_SECRET").put("valueFrom", s));
      }
      ArrayNode injected = container.putArray("secrets");
      for (int i = 0; i < c.secrets().size(); i++) {
        injected.addObject().put("name", "SECRET_" + i).put("valueFrom", c.secrets().get(i));
      }
      if (c.repositoryCredentials() != null) {
        container.putObject("repositoryCredentials").put("credentialsParameter", c.repositoryCredentials());
      }
    }
    return td;
  }

  /** {@code web} from {@code arn:aws:ecs:...:cluster/web}, or the name itself. */
  private static String name(String nameOrArn) {
    return nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1);
  }
}
