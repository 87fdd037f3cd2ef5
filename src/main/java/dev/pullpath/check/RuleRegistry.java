package dev.pullpath.check;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The rules on the class path, found through {@link ServiceLoader} and ordered by id. */
public final class RuleRegistry {
  private final Map<String, Rule> rulesById;

  public RuleRegistry(Collection<? extends Rule> rules) {
    Map<String, Rule> byId = new LinkedHashMap<>();
    rules.stream()
        .sorted(Comparator.comparing(r -> r.descriptor().id()))
        .forEach(rule -> {
          Rule previous = byId.putIfAbsent(rule.descriptor().id(), rule);
          if (previous != null) {
            throw new IllegalStateException("two rules share id " + rule.descriptor().id() + ": "
                + previous.getClass().getName() + " and " + rule.getClass().getName());
          }
        });
    this.rulesById = byId;
  }

  public static RuleRegistry loadInstalled() {
    List<Rule> rules = new ArrayList<>();
    ServiceLoader.load(Rule.class, RuleRegistry.class.getClassLoader()).forEach(rules::add);
    return new RuleRegistry(rules);
  }

  public List<Rule> all() {
    return List.copyOf(rulesById.values());
  }

  public List<RuleDescriptor> descriptors() {
    return rulesById.values().stream().map(Rule::descriptor).toList();
  }

  /** The rule with this id (case-insensitive), or {@link UnknownRuleException} listing the known ids. */
  public Rule get(String id) {
    Rule rule = rulesById.get(id.strip().toUpperCase(java.util.Locale.ROOT));
    if (rule == null) {
      throw new UnknownRuleException("unknown rule id '" + id + "' (known: " + String.join(", ", rulesById.keySet()) + ")");
    }
    return rule;
  }

  /**
   * The rules to run: {@code include} (all when empty) minus {@code exclude}. Unknown ids in either list
   * are an error, so a typo never silently disables a check.
   */
  public List<Rule> select(List<String> include, List<String> exclude) {
    List<Rule> chosen = include.isEmpty() ? all() : include.stream().map(this::get).distinct().toList();
    List<Rule> excluded = exclude.stream().map(this::get).toList();
    return chosen.stream()
        .filter(r -> !excluded.contains(r))
        .sorted(Comparator.comparing(r -> r.descriptor().id()))
        .toList();
  }
}
