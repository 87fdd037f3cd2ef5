package dev.pullpath.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullpath.check.Finding;
import dev.pullpath.check.RootCauses;
import dev.pullpath.check.NotEvaluated;
import dev.pullpath.check.Rule;
import dev.pullpath.check.RuleRegistry;
import dev.pullpath.check.Scanner;
import dev.pullpath.check.Severity;
import dev.pullpath.policy.PolicyDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every fixture under {@code src/test/resources/fixtures/RULE_ID/} against its rule. */
class RuleFixturesTest {
  private static final RuleRegistry REGISTRY = RuleRegistry.loadInstalled();

  static Stream<RuleFixture> fixtures() throws IOException {
    return RuleFixture.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void ruleReportsExactlyTheExpectedFindings(RuleFixture fixture) {
    // PP000 is the scanner's, not a rule's: its fixtures run every rule and keep what PP000 reports.
    List<Finding> findings = fixture.ruleId().equals(NotEvaluated.DESCRIPTOR.id())
        ? new Scanner(REGISTRY.all()).scan(fixture.snapshot(), fixture.file().toString(), Severity.NOTE)
            .findingsOf(NotEvaluated.DESCRIPTOR.id())
        // As the scanner reports them: one finding per root cause, listing the workloads it blocks.
        : RootCauses.fold(REGISTRY.get(fixture.ruleId()).check(fixture.snapshot()));

    List<Finding> unmatched = new ArrayList<>(findings);
    for (RuleFixture.Expected expected : fixture.expect()) {
      Finding match = unmatched.stream()
          .filter(f -> f.severity() == Severity.parse(expected.severity()))
          .filter(f -> expected.resource() == null || f.resource().id().equals(expected.resource()))
          .filter(f -> expected.workload() == null || f.workloads().contains(expected.workload()))
          .filter(f -> expected.workloads() == null || f.workloads().equals(expected.workloads()))
          .filter(f -> f.message().contains(expected.message()))
          .filter(f -> expected.fix() == null || (f.fix().cli() != null && f.fix().cli().contains(expected.fix())))
          .findFirst()
          .orElse(null);
      assertThat(match).as("expected %s among %s", expected, findings).isNotNull();
      unmatched.remove(match);
    }
    assertThat(unmatched).as("findings the fixture does not expect").isEmpty();
    for (Finding finding : findings) {
      assertThat(finding.ruleId()).isEqualTo(fixture.ruleId());
      assertThat(finding.fix().summary()).isNotBlank();
      assertPolicyArgumentsParse(finding);
    }
  }

  /** A policy pasted from a fix must be a valid policy document, read back as the shell would pass it. */
  private static void assertPolicyArgumentsParse(Finding finding) {
    String cli = finding.fix().cli();
    if (cli == null) {
      return;
    }
    List<String> words = ShellWords.split(cli);
    for (int i = 0; i + 1 < words.size(); i++) {
      if (POLICY_FLAGS.contains(words.get(i))) {
        PolicyDocument document = PolicyDocument.parse(words.get(i + 1));
        assertThat(document.statements()).as("statements of %s", words.get(i + 1)).isNotEmpty();
      }
    }
  }

  private static final List<String> POLICY_FLAGS = List.of("--policy-document", "--assume-role-policy-document");

  @Test
  void everyRuleHasCompliantAndNonCompliantFixturesAndADocPage() throws IOException {
    List<RuleFixture> all = RuleFixture.all();
    for (Rule rule : REGISTRY.all()) {
      String id = rule.descriptor().id();
      assertThat(all).as("compliant fixture for %s", id)
          .anyMatch(f -> f.ruleId().equals(id) && f.expect().isEmpty());
      assertThat(all).as("non-compliant fixture for %s", id)
          .anyMatch(f -> f.ruleId().equals(id) && !f.expect().isEmpty());
      assertThat(Files.exists(Path.of("rules", id + ".md"))).as("rules/%s.md", id).isTrue();
    }
  }
}
