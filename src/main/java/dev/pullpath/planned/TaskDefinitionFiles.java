package dev.pullpath.planned;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pullpath.snapshot.ContainerDefinition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads task definitions as teams keep them: the {@code aws ecs register-task-definition --cli-input-json}
 * shape, or {@code describe-task-definition} output (its {@code taskDefinition} wrapper and read-only
 * fields accepted).
 */
public final class TaskDefinitionFiles {
  /** Fields ECS sets on registration; a describe output carries them, a registration must not. */
  static final List<String> READ_ONLY_FIELDS = List.of("taskDefinitionArn", "revision", "status",
      "requiresAttributes", "compatibilities", "registeredAt", "registeredBy", "deregisteredAt");

  private static final ObjectMapper JSON = new ObjectMapper();
  static final Pattern ARN_ACCOUNT_REGION = Pattern.compile("^arn:aws[a-z-]*:[a-z0-9-]+:([a-z0-9-]*):(\\d{12}):");

  private TaskDefinitionFiles() {}

  /**
   * @param file the file to read
   * @param shownAs the file's name in reports, e.g. relative to the working directory
   */
  public static PlannedTaskDefinition read(Path file, String shownAs) {
    String text = PlannedInputException.readText(file, shownAs);
    return parse(text, shownAs);
  }

  static PlannedTaskDefinition parse(String text, String shownAs) {
    JsonNode root;
    JsonPositions positions;
    try {
      root = JSON.readTree(text);
      positions = JsonPositions.of(text, shownAs);
    } catch (JsonProcessingException e) {
      throw new PlannedInputException(shownAs + ": not JSON (line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new PlannedInputException(shownAs + ": cannot read (" + e.getMessage() + ")");
    }
    if (root == null || !root.isObject()) {
      throw new PlannedInputException(shownAs + ": a task definition is a JSON object");
    }
    String prefix = "";
    JsonNode td = root;
    if (root.path("taskDefinition").isObject()) {
      prefix = "/taskDefinition";
      td = root.get("taskDefinition");
    }
    Reader reader = new Reader(shownAs, prefix);
    String family = reader.requiredText(td, "/family");
    String executionRole = reader.optionalText(td, "/executionRoleArn");
    JsonNode definitions = td.path("containerDefinitions");
    if (!definitions.isArray() || definitions.isEmpty()) {
      throw new PlannedInputException(reader.where("/containerDefinitions") + ": a task definition needs at least "
          + "one container definition");
    }
    List<ContainerDefinition> containers = new ArrayList<>();
    for (int i = 0; i < definitions.size(); i++) {
      containers.add(reader.container(td, "/containerDefinitions/" + i));
    }
    List<String> ignored = READ_ONLY_FIELDS.stream().filter(td::has).toList();

    List<String> arns = new ArrayList<>();
    arns.add(executionRole);
    arns.add(reader.optionalText(td, "/taskRoleArn"));
    arns.add(reader.optionalText(td, "/taskDefinitionArn"));
    containers.forEach(c -> arns.addAll(c.secrets()));
    String account = null;
    String region = null;
    for (String arn : arns) {
      Matcher m = arn == null ? null : ARN_ACCOUNT_REGION.matcher(arn);
      if (m != null && m.find()) {
        account = account == null ? m.group(2) : account;
        region = region == null && !m.group(1).isEmpty() ? m.group(1) : region;
      }
    }
    if (region == null) {
      region = containers.stream().map(c -> c.logOptions().get("awslogs-region")).filter(r -> r != null)
          .findFirst().orElse(null);
    }
    return new PlannedTaskDefinition(shownAs, prefix, family, executionRole, containers, account, region, ignored,
        positions);
  }

  /**
   * The container definition at {@code pointer} of {@code td}, shaped as the ECS API spells it (as a
   * Terraform plan's {@code container_definitions} is too); refusals name {@code where} and the pointer.
   */
  static ContainerDefinition container(JsonNode td, String pointer, String where) {
    return new Reader(where, "").container(td, pointer);
  }

  /** Reads fields and names the file and JSON pointer of any value it refuses. */
  private record Reader(String file, String prefix) {
    String where(String pointer) {
      return file + " at " + prefix + pointer;
    }

    String requiredText(JsonNode node, String pointer) {
      String value = optionalText(node, pointer);
      if (value == null || value.isBlank()) {
        throw new PlannedInputException(where(pointer) + ": a non-empty string is required");
      }
      return value;
    }

    String optionalText(JsonNode node, String pointer) {
      JsonNode value = node.at(pointer);
      if (value.isMissingNode() || value.isNull()) {
        return null;
      }
      if (!value.isTextual()) {
        throw new PlannedInputException(where(pointer) + ": must be a string");
      }
      return value.asText();
    }

    /** A container definition at {@code pointer} of the task definition {@code td}. */
    ContainerDefinition container(JsonNode td, String pointer) {
      if (!td.at(pointer).isObject()) {
        throw new PlannedInputException(where(pointer) + ": a container definition is a JSON object");
      }
      String name = requiredText(td, pointer + "/name");
      String image = requiredText(td, pointer + "/image");
      List<ContainerDefinition.PortMapping> ports = new ArrayList<>();
      JsonNode mappings = td.at(pointer + "/portMappings");
      for (int i = 0; i < mappings.size(); i++) {
        String at = pointer + "/portMappings/" + i;
        JsonNode port = td.at(at + "/containerPort");
        if (port.isMissingNode()) {
          continue; // a mapping by port range only; the rules check single ports
        }
        if (!port.canConvertToInt() || port.asInt() < 1 || port.asInt() > 65535) {
          throw new PlannedInputException(where(at + "/containerPort") + ": must be a port number");
        }
        ports.add(new ContainerDefinition.PortMapping(port.asInt(), optionalText(td, at + "/protocol")));
      }
      String logDriver = optionalText(td, pointer + "/logConfiguration/logDriver");
      Map<String, String> logOptions = new LinkedHashMap<>();
      td.at(pointer + "/logConfiguration/options").fields()
          .forEachRemaining(e -> logOptions.put(e.getKey(), e.getValue().asText()));
      List<String> secrets = new ArrayList<>();
      JsonNode declared = td.at(pointer + "/secrets");
      for (int i = 0; i < declared.size(); i++) {
        secrets.add(requiredText(td, pointer + "/secrets/" + i + "/valueFrom"));
      }
      // Secrets the agent reads for the log driver and for private registry credentials count like secrets.
      List<String> logSecrets = new ArrayList<>();
      JsonNode secretOptions = td.at(pointer + "/logConfiguration/secretOptions");
      for (int i = 0; i < secretOptions.size(); i++) {
        logSecrets.add(requiredText(td, pointer + "/logConfiguration/secretOptions/" + i + "/valueFrom"));
      }
      String registryCredentials = optionalText(td, pointer + "/repositoryCredentials/credentialsParameter");
      try {
        return new ContainerDefinition(name, image, ports, logDriver, logOptions, secrets, logSecrets,
            registryCredentials);
      } catch (IllegalArgumentException e) {
        throw new PlannedInputException(where(pointer) + ": " + e.getMessage());
      }
    }
  }
}
