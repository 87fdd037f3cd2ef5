package dev.pullpath.planned;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pullpath.check.SourcePosition;
import dev.pullpath.policy.PolicyDocument;
import dev.pullpath.snapshot.ContainerDefinition;
import dev.pullpath.snapshot.SnapshotPart;
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
 * Task definitions and VPC endpoints of a CloudFormation or SAM template (JSON or YAML, short-form
 * intrinsics such as {@code !Ref} and {@code !Sub} read as their long form): {@code AWS::ECS::TaskDefinition}
 * and {@code AWS::EC2::VPCEndpoint} resources are read, other types not yet. Values are resolved from literals, parameter defaults and the pseudo parameters
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
    return readAll(file, shownAs).taskDefinitions();
  }

  /** Every resource of the template that pullpath reads: task definitions and VPC endpoints. */
  public static PlannedResources readAll(Path file, String shownAs) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new PlannedInputException(shownAs + ": no such file");
    } catch (IOException e) {
      throw new PlannedInputException(shownAs + ": cannot read (" + e.getClass().getSimpleName() + ")");
    }
    return parseAll(text, shownAs);
  }

  static List<PlannedTaskDefinition> parse(String text, String shownAs) {
    return parseAll(text, shownAs).taskDefinitions();
  }

  static PlannedResources parseAll(String text, String shownAs) {
    return parseAll(text, shownAs, TemplateParameters.NONE);
  }

  /**
   * Every resource pullpath reads of several templates, their parameters' values taken from
   * {@code parameters} (one file for all of them); a name in it that no template declares is an error.
   */
  public static PlannedResources readAll(List<Path> files, java.util.function.Function<Path, String> shownAs,
      TemplateParameters parameters) {
    PlannedResources all = PlannedResources.of(List.of());
    java.util.Set<String> declared = new java.util.HashSet<>();
    for (Path file : files) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new PlannedInputException(shownAs.apply(file) + ": no such file");
      } catch (IOException e) {
        throw new PlannedInputException(shownAs.apply(file) + ": cannot read (" + e.getClass().getSimpleName() + ")");
      }
      all = all.plus(parseAll(text, shownAs.apply(file), parameters, declared));
    }
    List<String> undeclared = parameters.names().stream().filter(n -> !declared.contains(n)).toList();
    if (!undeclared.isEmpty()) {
      throw new PlannedInputException(parameters.file() + ": " + String.join(", ", undeclared)
          + (undeclared.size() == 1 ? " is not a parameter" : " are not parameters") + " of "
          + files.stream().map(shownAs).collect(java.util.stream.Collectors.joining(", ")));
    }
    return all;
  }

  static PlannedResources parseAll(String text, String shownAs, TemplateParameters values) {
    return parseAll(text, shownAs, values, new java.util.HashSet<>());
  }

  private static PlannedResources parseAll(String text, String shownAs, TemplateParameters values,
      java.util.Set<String> declared) {
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
    List<String> notes = new ArrayList<>();
    template.path("Parameters").fields().forEachRemaining(p -> {
      declared.add(p.getKey());
      JsonNode value = p.getValue().path("Default");
      if (values.values().containsKey(p.getKey())) {
        parameters.put(p.getKey(), values.values().get(p.getKey()));
      } else if (values.previous().contains(p.getKey())) {
        notes.add(shownAs + ": parameter " + p.getKey() + " keeps its previous value (" + values.file()
            + "), which pullpath does not know; values that use it are unknown");
      } else if (value.isValueNode() && !value.isNull()) {
        parameters.put(p.getKey(), value.asText());
      } else {
        notes.add(shownAs + ": parameter " + p.getKey() + " has neither a value"
            + (values.file() == null ? " (no --parameters FILE)" : " in " + values.file())
            + " nor a default; values that use it are unknown");
      }
    });
    List<PlannedTaskDefinition> found = new ArrayList<>();
    List<PlannedEndpoint> endpoints = new ArrayList<>();
    Resolver resolver = new Resolver(parameters, template.path("Resources"));
    for (Iterator<Map.Entry<String, JsonNode>> it = template.path("Resources").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> resource = it.next();
      String type = resource.getValue().path("Type").asText();
      if (type.equals("AWS::ECS::TaskDefinition")) {
        found.add(taskDefinition(resource.getKey(), resource.getValue().path("Properties"), resolver, shownAs,
            document.positions()));
      } else if (type.equals("AWS::EC2::VPCEndpoint")) {
        endpoints.add(endpoint(resource.getKey(), resource.getValue().path("Properties"), resolver, shownAs,
            document.positions()));
      }
    }
    if (found.isEmpty() && endpoints.isEmpty()) {
      throw new PlannedInputException(shownAs + ": no AWS::ECS::TaskDefinition or AWS::EC2::VPCEndpoint resource in "
          + "the template");
    }
    return new PlannedResources(found, endpoints).withNotes(notes);
  }

  /**
   * An {@code AWS::EC2::VPCEndpoint}. Defaults are CloudFormation's: type {@code Gateway}, private DNS off,
   * no policy (full access), no security groups (the VPC's default group). An unresolvable value is stated
   * and the checks that need it wait (PP000); a {@code VpcId} pullpath cannot resolve is taken from the
   * endpoint's subnets or route tables in the account.
   */
  private static PlannedEndpoint endpoint(
      String logicalId, JsonNode properties, Resolver resolver, String file, JsonPositions positions) {
    String where = file + " " + logicalId;
    PlannedEndpoint.Unknowns unknown = new PlannedEndpoint.Unknowns();
    Optional<String> service = resolver.resolve(properties.path("ServiceName"));
    if (service.isEmpty()) {
      unknown.add(where + ": ServiceName is " + Resolver.describe(properties.get("ServiceName"))
          + ", which pullpath cannot resolve; the endpoint checks wait (PP000)", SnapshotPart.VPC_ENDPOINTS);
    }
    String vpc = resolver.resolve(properties.path("VpcId")).orElse(null);
    String type = resolver.resolve(properties.path("VpcEndpointType")).orElse("Gateway");
    List<String> subnets = resolver.resolveList(properties.path("SubnetIds")).orElseGet(() -> {
      unknown.add(where + ": SubnetIds are " + Resolver.describe(properties.get("SubnetIds"))
          + ", which pullpath cannot resolve; the endpoint checks wait (PP000)", SnapshotPart.VPC_ENDPOINTS);
      return List.of();
    });
    List<String> routeTables = resolver.resolveList(properties.path("RouteTableIds")).orElseGet(() -> {
      unknown.add(where + ": RouteTableIds are " + Resolver.describe(properties.get("RouteTableIds"))
          + ", which pullpath cannot resolve; the endpoint checks wait (PP000)", SnapshotPart.VPC_ENDPOINTS);
      return List.of();
    });
    List<String> groups = null;
    if (properties.has("SecurityGroupIds")) {
      groups = resolver.resolveList(properties.get("SecurityGroupIds")).orElseGet(() -> {
        unknown.add(where + ": SecurityGroupIds are " + Resolver.describe(properties.get("SecurityGroupIds"))
            + ", which pullpath cannot resolve; the security group checks wait (PP000)", SnapshotPart.SECURITY_GROUPS);
        return List.of();
      });
    }
    boolean privateDns = false;
    if (properties.has("PrivateDnsEnabled")) {
      Optional<String> dns = resolver.resolve(properties.get("PrivateDnsEnabled"));
      privateDns = dns.map(Boolean::parseBoolean).orElse(false);
      if (dns.isEmpty()) {
        unknown.add(where + ": PrivateDnsEnabled is " + Resolver.describe(properties.get("PrivateDnsEnabled"))
            + ", which pullpath cannot resolve; the endpoint checks wait (PP000)", SnapshotPart.VPC_ENDPOINTS);
      }
    }
    PolicyDocument policy = null;
    if (properties.has("PolicyDocument")) {
      Optional<JsonNode> document = resolver.resolveTree(properties.get("PolicyDocument"));
      if (document.isPresent()) {
        policy = PolicyDocument.fromJson(document.get());
      } else {
        unknown.add(where + ": PolicyDocument uses a value pullpath cannot resolve; the endpoint checks wait (PP000)",
            SnapshotPart.VPC_ENDPOINTS);
      }
    }
    String pointer = "/Resources/" + logicalId.replace("~", "~0").replace("/", "~1");
    SourcePosition position = Optional.ofNullable(positions.at(pointer + "/Properties"))
        .orElseGet(() -> positions.at(pointer)).of(logicalId);
    return new PlannedEndpoint(file, logicalId, null, service.orElse(null), vpc, type, subnets, routeTables, groups,
        privateDns, policy, position, unknown.statements, unknown.parts);
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

    /**
     * A list of ids: an array of resolvable values, or one value holding a comma-separated list (a
     * {@code List<AWS::EC2::Subnet::Id>} parameter); empty list when absent, empty when unresolvable.
     */
    Optional<List<String>> resolveList(JsonNode value) {
      if (value == null || value.isMissingNode() || value.isNull()) {
        return Optional.of(List.of());
      }
      List<String> items = new ArrayList<>();
      if (value.isArray()) {
        for (JsonNode item : value) {
          Optional<String> resolved = resolve(item);
          if (resolved.isEmpty()) {
            return Optional.empty();
          }
          items.add(resolved.get());
        }
        return Optional.of(items);
      }
      return resolve(value).map(text -> java.util.Arrays.stream(text.split(",")).map(String::strip)
          .filter(s -> !s.isEmpty()).toList());
    }

    /** A JSON document (a policy) with every intrinsic in it resolved; empty when one cannot be. */
    Optional<JsonNode> resolveTree(JsonNode value) {
      if (value.isObject() && value.size() == 1 && isIntrinsic(value.fieldNames().next())) {
        return resolve(value).map(com.fasterxml.jackson.databind.node.TextNode::valueOf);
      }
      if (value.isObject()) {
        com.fasterxml.jackson.databind.node.ObjectNode out = com.fasterxml.jackson.databind.node.JsonNodeFactory
            .instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          Optional<JsonNode> resolved = resolveTree(field.getValue());
          if (resolved.isEmpty()) {
            return Optional.empty();
          }
          out.set(field.getKey(), resolved.get());
        }
        return Optional.of(out);
      }
      if (value.isArray()) {
        com.fasterxml.jackson.databind.node.ArrayNode out = com.fasterxml.jackson.databind.node.JsonNodeFactory
            .instance.arrayNode();
        for (JsonNode item : value) {
          Optional<JsonNode> resolved = resolveTree(item);
          if (resolved.isEmpty()) {
            return Optional.empty();
          }
          out.add(resolved.get());
        }
        return Optional.of(out);
      }
      return Optional.of(value);
    }

    private static boolean isIntrinsic(String key) {
      return key.equals("Ref") || key.startsWith("Fn::") || key.equals("Condition");
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
