package dev.pullpath.fix;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pullpath.check.ShellQuote;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds an AWS CLI command line whose every value goes through {@link ShellQuote#quote}. */
final class AwsCliCommand {
  private final List<String> words = new ArrayList<>();

  private AwsCliCommand(String service, String operation, String region) {
    words.add("aws");
    words.add(service);
    words.add(operation);
    option("--region", region);
  }

  static AwsCliCommand of(String service, String operation, String region) {
    return new AwsCliCommand(service, operation, region);
  }

  /** Options to append to a command built elsewhere. */
  static AwsCliCommand words() {
    return new AwsCliCommand();
  }

  private AwsCliCommand() {}

  AwsCliCommand option(String name, String value) {
    words.add(name);
    words.add(ShellQuote.quote(value));
    return this;
  }

  AwsCliCommand option(String name, List<String> values) {
    words.add(name);
    values.forEach(v -> words.add(ShellQuote.quote(v)));
    return this;
  }

  /**
   * {@code --tag-specifications} for one created resource type, as JSON (not the shorthand, whose quoting of
   * {@code :} in keys is its own language).
   */
  AwsCliCommand tagSpecifications(String resourceType, Map<String, String> tags) {
    ArrayNode specs = JsonNodeFactory.instance.arrayNode();
    ObjectNode spec = specs.addObject().put("ResourceType", resourceType);
    ArrayNode list = spec.putArray("Tags");
    new TreeMap<>(tags).forEach((k, v) -> list.addObject().put("Key", k).put("Value", v));
    return option("--tag-specifications", specs.toString());
  }

  AwsCliCommand flag(String name) {
    words.add(name);
    return this;
  }

  @Override
  public String toString() {
    return String.join(" ", words);
  }
}
