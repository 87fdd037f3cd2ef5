package dev.pullpath.cli;

import dev.pullpath.check.NotEvaluated;
import dev.pullpath.check.RuleDescriptor;
import dev.pullpath.check.RuleDocs;
import dev.pullpath.check.RuleRegistry;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "rules",
    header = "List the rules, or show one rule's page.",
    mixinStandardHelpOptions = true,
    description = {"Lists the rules, or shows one rule's page: what it checks, why, and how to fix it."},
    footer = {"", "Examples:", "  pullpath rules", "  pullpath rules PP006"})
final class RulesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "RULE_ID", description = "A rule id such as PP006.")
  String ruleId;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    RuleRegistry registry = RuleRegistry.loadInstalled();
    // PP000 is no rule one can run, but it is reported, so it is listed and has a page.
    List<RuleDescriptor> all = new ArrayList<>(List.of(NotEvaluated.DESCRIPTOR));
    all.addAll(registry.descriptors());
    if (ruleId != null) {
      RuleDescriptor rule = NotEvaluated.DESCRIPTOR.id().equalsIgnoreCase(ruleId.strip())
          ? NotEvaluated.DESCRIPTOR
          : registry.get(ruleId).descriptor();
      out.println(RuleDocs.markdown(rule.id()).orElse("# " + rule.id() + " " + rule.name() + "\n\n" + rule.summary()));
      return ExitCode.OK;
    }
    int nameWidth = all.stream().mapToInt(d -> d.name().length()).max().orElse(4);
    String format = "%-6s %-" + nameWidth + "s  %-8s %s%n";
    out.printf(format, "ID", "NAME", "SEVERITY", "TITLE");
    for (RuleDescriptor rule : all) {
      out.printf(format, rule.id(), rule.name(), rule.defaultSeverity().label(), rule.title());
    }
    out.println();
    out.println("Show one rule with 'pullpath rules ID'.");
    return ExitCode.OK;
  }
}
