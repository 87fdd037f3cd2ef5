package dev.pullpath.planned;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pullpath.snapshot.ContainerDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Task definitions of a CloudFormation or SAM template (JSON or YAML, short-form intrinsics such as
 * {@code !Ref} and {@code !Sub} read as their long form). Only {@code AWS::ECS::TaskDefinition} resources
 * are read so far. Values are resolved from literals, parameter defaults and the pseudo parameters
 * {@code AWS::AccountId} and {@code AWS::Region} (filled in from the account the template lands in);
 * anything else (another resource's attribute, a condition) is unknown and stated, never guessed.
 */
public final class CloudFormationTemplates {
  /** Placeholders for the pseudo parameters, filled in once the account is known. */
  static final String ACCOUNT_ID = "${AWS::AccountId}";
  static final String REGION = "${AWS::Region}";

  private static final YAMLFactory YAML = new YAMLFactory();
  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");

  private CloudFormationTemplates() {}

  public static List<PlannedTaskDefinition> read(Path file, String shownAs) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new PlannedInputException(shownAs + ": no such file");
    } catch (IOException e) {
      throw new PlannedInputException(shownAs + ": cannot read (" + e.getClass().getSimpleName() + ")");
    }
    return parse(text, shownAs);
  }

  static List<PlannedTaskDefinition> parse(String text, String shownAs) {
    JsonPositions.Document document;
    // YAML is a superset of the JSON templates are written in, so one parser reads both.
    try (JsonParser parser = YAML.createParser(text)) {
      document = JsonPositions.read(parser, shownAs);
    } catch (JsonProcessingException e) {
      throw new PlannedInputException(shownAs + ": not a JSON or YAML template (line "
          + e.getLocation().getLineNr() + ": " + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new PlannedInputException(shownAs + ": cannot read (" + e.getMessage() + ")");
    }
    JsonNode template = document.tree();
    if (template == null || !template.path("Resources").isObject()) {
      throw new PlannedInputException(shownAs + ": a template needs a Resources section");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    template.path("Parameters").fields().forEachRemaining(p -> {
      JsonNode value = p.getValue().path("Default");
      if (value.isValueNode()) {
        parameters.put(p.getKey(), value.asText());
      }
    });
    List<PlannedTaskDefinition> found = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = template.path("Resources").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> resource = it.next();
      if (resource.getValue().path("Type").asText().equals("AWS::ECS::TaskDefinition")) {
        found.add(taskDefinition(resource.getKey(), resource.getValue().path("Properties"),
            new Resolver(parameters, template.path("Resources")), shownAs, document.positions()));
      }
    }
    if (found.isEmpty()) {
      throw new PlannedInputException(shownAs + ": no AWS::ECS::TaskDefinition resource in the template");
    }
    return found;
  }

  private static PlannedTaskDefinition taskDefinition(
      String logicalId, JsonNode properties, Resolver resolver, String file, JsonPositions positions) {
    String prefix = "/Resources/" + logicalId.replace("~", "~0").replace("/", "~1") + "/Properties";
    String where = file + " " + logicalId;
    List<String> unknowns = new ArrayList<>();
    Optional<String> family = resolver.resolve(properties.path("Family"));
    if (family.isEmpty()) {
      unknowns.add(where + ": Family " + (properties.has("Family") ? "unresolved" : "not set")
          + "; checked as family " + logicalId);
    }
    String role = null;
    boolean roleUnknown = false;
    if (properties.has("ExecutionRoleArn")) {
      Optional<String> resolved = resolver.resolve(properties.get("ExecutionRoleArn"));
      if (resolved.isPresent()) {
        role = resolved.get();
      } else {
        roleUnknown = true;
        unknowns.add(where + ": ExecutionRoleArn is " + Resolver.describe(properties.get("ExecutionRoleArn"))
            + ", which pullpath cannot resolve; the execution role is not checked (PP000)");
      }
    }
    List<ContainerDefinition> containers = new ArrayList<>();
    List<Integer> fileIndexes = new ArrayList<>();
    JsonNode definitions = properties.path("ContainerDefinitions");
    for (int i = 0; i < definitions.size(); i++) {
      JsonNode c = definitions.get(i);
      String name = resolver.resolve(c.path("Name")).orElse("container " + i);
      Optional<String> image = resolver.resolve(c.path("Image"));
      if (image.isEmpty()) {
        unknowns.add(where + ": container " + name + " has Image " + Resolver.describe(c.path("Image"))
            + ", which pullpath cannot resolve; its image is not checked");
        continue;
      }
      List<ContainerDefinition.PortMapping> ports = new ArrayList<>();
      for (JsonNode port : c.path("PortMappings")) {
        resolver.resolve(port.path("ContainerPort")).filter(p -> p.matches("\\d{1,5}"))
            .ifPresent(p -> ports.add(new ContainerDefinition.PortMapping(Integer.parseInt(p),
                resolver.resolve(port.path("Protocol")).orElse(null))));
      }
      Map<String, String> logOptions = new LinkedHashMap<>();
      c.path("LogConfiguration").path("Options").fields()
          .forEachRemaining(o -> resolver.resolve(o.getValue()).ifPresent(v -> logOptions.put(o.getKey(), v)));
      List<String> secrets = new ArrayList<>();
      for (JsonNode secret : c.path("Secrets")) {
        resolver.resolve(secret.path("ValueFrom")).ifPresent(secrets::add);
      }
      List<String> logSecrets = new ArrayList<>();
      for (JsonNode secret : c.path("LogConfiguration").path("SecretOptions")) {
        resolver.resolve(secret.path("ValueFrom")).ifPresent(logSecrets::add);
      }
      fileIndexes.add(i);
      containers.add(new ContainerDefinition(name, image.get(), ports,
          resolver.resolve(c.path("LogConfiguration").path("LogDriver")).orElse(null), logOptions, secrets,
          logSecrets, resolver.resolve(c.path("RepositoryCredentials").path("CredentialsParameter")).orElse(null)));
    }
    String account = role != null && role.matches("arn:aws[a-z-]*:iam::\\d{12}:.*") ? role.split(":")[4] : null;
    String region = logOptionRegion(containers);
    return new PlannedTaskDefinition(file, prefix, family.orElse(logicalId), role, containers, account, region,
        List.of(), positions, PlannedTaskDefinition.KeyStyle.CLOUDFORMATION, unknowns, roleUnknown, fileIndexes, null,
        false);
  }

  private static String logOptionRegion(List<ContainerDefinition> containers) {
    return containers.stream().map(c -> c.logOptions().get("awslogs-region"))
        .filter(r -> r != null && !r.contains("${")).findFirst().orElse(null);
  }

  /** Resolves the intrinsics pullpath can evaluate without deploying; everything else is unknown. */
  private record Resolver(Map<String, String> parameters, JsonNode resources) {
    Optional<String> resolve(JsonNode value) {
      if (value == null || value.isMissingNode() || value.isNull()) {
        return Optional.empty();
      }
      if (value.isValueNode()) {
        return Optional.of(value.asText());
      }
      if (value.isObject() && value.size() == 1) {
        String function = value.fieldNames().next();
        JsonNode argument = value.get(function);
        switch (function) {
          case "Ref":
            return ref(argument.asText());
          case "Fn::Sub":
            return argument.isArray() ? sub(argument.path(0).asText(), argument.path(1)) : sub(argument.asText(), null);
          case "Fn::Join":
            return join(argument);
          default:
            return Optional.empty();
        }
      }
      return Optional.empty();
    }

    private Optional<String> ref(String name) {
      return switch (name) {
        case "AWS::AccountId" -> Optional.of(ACCOUNT_ID);
        case "AWS::Region" -> Optional.of(REGION);
        case "AWS::Partition" -> Optional.of("aws");
        case "AWS::URLSuffix" -> Optional.of("amazonaws.com");
        default -> Optional.ofNullable(parameters.get(name));
      };
    }

    private Optional<String> sub(String text, JsonNode variables) {
      Matcher m = SUB_VARIABLE.matcher(text);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String name = m.group(1);
        Optional<String> value = variables != null && variables.has(name) ? resolve(variables.get(name)) : ref(name);
        if (value.isEmpty()) {
          return Optional.empty();
        }
        m.appendReplacement(out, Matcher.quoteReplacement(value.get()));
      }
      m.appendTail(out);
      return Optional.of(out.toString());
    }

    private Optional<String> join(JsonNode argument) {
      if (!argument.isArray() || argument.size() != 2 || !argument.get(1).isArray()) {
        return Optional.empty();
      }
      List<String> parts = new ArrayList<>();
      for (JsonNode part : argument.get(1)) {
        Optional<String> resolved = resolve(part);
        if (resolved.isEmpty()) {
          return Optional.empty();
        }
        parts.add(resolved.get());
      }
      return Optional.of(String.join(argument.get(0).asText(), parts));
    }

    /** The value as the template spells it, for messages: {@code Fn::GetAtt [Role, Arn]}. */
    static String describe(JsonNode value) {
      if (value == null || value.isMissingNode()) {
        return "missing";
      }
      if (value.isObject() && value.size() == 1) {
        String function = value.fieldNames().next();
        return function + " " + value.get(function);
      }
      return value.toString();
    }
  }
}
