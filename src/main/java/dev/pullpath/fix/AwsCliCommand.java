package dev.pullpath.fix;

import dev.pullpath.check.ShellQuote;
import java.util.ArrayList;
import java.util.List;

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

  AwsCliCommand flag(String name) {
    words.add(name);
    return this;
  }

  @Override
  public String toString() {
    return String.join(" ", words);
  }
}
