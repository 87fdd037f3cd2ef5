package dev.pullpath.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pullpath.check.Finding;
import dev.pullpath.check.FixHint;
import dev.pullpath.check.ResourceRef;
import dev.pullpath.check.RuleDescriptor;
import dev.pullpath.check.ScanResult;
import dev.pullpath.check.Severity;
import dev.pullpath.check.Suppressed;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GateTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
  private static final Finding IMAGE = finding("PP008", "httpd:1", "shop/web");
  private static final Finding DNS = finding("PP011", "vpc-0abc", "shop/web");
  private static final ScanResult SCAN = new ScanResult("123456789012", "eu-west-1", "s.json",
      List.of(rule("PP008"), rule("PP011")), List.of(IMAGE, DNS), List.of("shop/web"));

  @Test
  void aSuppressionTakesItsFindingOutOfTheGateButKeepsIt() {
    GateConfig config = new GateConfig(".pullpath.yml",
        List.of(new Suppression("PP008", "httpd:*", "moving in OPS-42", TODAY)));

    Gate gate = Gate.apply(SCAN, config, null, TODAY);

    assertThat(gate.result().findings()).containsExactly(DNS);
    assertThat(gate.result().suppressed())
        .containsExactly(new Suppressed(IMAGE, Suppressed.Kind.CONFIGURATION, "moving in OPS-42"));
    assertThat(gate.result().hasFindingsAtLeast(Severity.ERROR)).isTrue();
    assertThat(gate.notes()).isEmpty();
  }

  @Test
  void patternsMatchTheWorkloadOrArnToo() {
    GateConfig byWorkload = new GateConfig("c", List.of(new Suppression("PP011", "shop/*", "r", null)));
    GateConfig byArn = new GateConfig("c", List.of(new Suppression("PP011", "arn:aws:ec2:*:vpc/vpc-0abc", "r", null)));
    GateConfig otherRule = new GateConfig("c", List.of(new Suppression("PP001", "*", "r", null)));

    assertThat(Gate.apply(SCAN, byWorkload, null, TODAY).result().findings()).containsExactly(IMAGE);
    assertThat(Gate.apply(SCAN, byArn, null, TODAY).result().findings()).containsExactly(IMAGE);
    Gate unused = Gate.apply(SCAN, otherRule, null, TODAY);
    assertThat(unused.result().findings()).containsExactly(IMAGE, DNS);
    assertThat(unused.notes()).containsExactly("c: suppression PP001 * matches no finding; remove it if the problem is fixed");
  }

  @Test
  void anExpiredSuppressionStopsSuppressingAndSaysSo() {
    GateConfig config = new GateConfig(".pullpath.yml",
        List.of(new Suppression("PP008", "httpd:*", "moving in OPS-42", TODAY.minusDays(1))));

    Gate gate = Gate.apply(SCAN, config, null, TODAY);

    assertThat(gate.result().suppressed()).isEmpty();
    assertThat(gate.result().findingsOf("PP008")).singleElement().satisfies(f -> {
      assertThat(f.fingerprint()).isEqualTo(IMAGE.fingerprint());
      assertThat(f.evidence()).last().asString()
          .isEqualTo("suppression PP008 httpd:* (until 2026-11-30) in .pullpath.yml expired on 2026-11-30; it no "
              + "longer suppresses (moving in OPS-42)");
    });
    assertThat(gate.notes()).containsExactly(
        ".pullpath.yml: suppression PP008 httpd:* (until 2026-11-30) expired on 2026-11-30; its findings count again");
  }

  @Test
  void aBaselineKeepsOnlyNewFindings() {
    Baseline baseline = new Baseline("b.json", Set.of(IMAGE.fingerprint()));

    ScanResult gated = Gate.apply(SCAN, null, baseline, TODAY).result();

    assertThat(gated.findings()).containsExactly(DNS);
    assertThat(gated.suppressed(Suppressed.Kind.BASELINE)).extracting(Suppressed::finding).containsExactly(IMAGE);
    // Rewriting the baseline from a baselined scan keeps what it already knew.
    assertThat(Baseline.write(gated)).contains(IMAGE.fingerprint()).contains(DNS.fingerprint());
  }

  private static RuleDescriptor rule(String id) {
    return new RuleDescriptor(id, "r", "t", "s", Severity.ERROR, List.of());
  }

  private static Finding finding(String rule, String resource, String workload) {
    return new Finding(rule, Severity.ERROR,
        new ResourceRef("T", resource, "arn:aws:ec2:eu-west-1:123456789012:vpc/" + resource), workload == null ? List.of() : List.of(workload),
        "problem with " + resource, new FixHint("fix it", null), List.of());
  }
}
