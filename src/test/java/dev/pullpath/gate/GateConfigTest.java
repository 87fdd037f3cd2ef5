package dev.pullpath.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class GateConfigTest {

  @Test
  void readsSuppressionsWithOptionalExpiry() {
    GateConfig config = GateConfig.parse("""
        suppressions:
          - rule: pp008
            resource: "planned/*"
            reason: moves to the cache in OPS-42
            expires: 2027-01-31
          - rule: PP011
            resource: vpc-0abc
            reason: "DNS is handled by Route 53 Resolver rules"
        """, ".pullpath.yml");

    assertThat(config.suppressions()).containsExactly(
        new Suppression("PP008", "planned/*", "moves to the cache in OPS-42", LocalDate.of(2027, 1, 31)),
        new Suppression("PP011", "vpc-0abc", "DNS is handled by Route 53 Resolver rules", null));
  }

  @Test
  void anEmptyFileSuppressesNothing() {
    assertThat(GateConfig.parse("", "c.yml").suppressions()).isEmpty();
    assertThat(GateConfig.parse("suppressions: []", "c.yml").suppressions()).isEmpty();
  }

  @Test
  void refusesEntriesThatWouldSuppressSilentlyOrWrongly() {
    assertThatThrownBy(() -> GateConfig.parse("suppressions:\n  - rule: PP008\n    resource: x\n", "c.yml"))
        .isInstanceOf(GateInputException.class)
        .hasMessage("c.yml: suppressions[0]: 'reason' is required (say why the finding is accepted, for the next reader)");
    assertThatThrownBy(() -> GateConfig.parse("supressions: []", "c.yml"))
        .hasMessage("c.yml: unknown key 'supressions' (known: suppressions)");
    assertThatThrownBy(() -> GateConfig.parse("suppressions:\n  - {rule: PP8, resource: x, reason: y}", "c.yml"))
        .hasMessageContaining("rule 'PP8' is not a rule id");
    assertThatThrownBy(() -> GateConfig.parse(
            "suppressions:\n  - {rule: PP008, resource: x, reason: y, expires: soon}", "c.yml"))
        .hasMessageContaining("expires 'soon' is not a date");
    assertThatThrownBy(() -> GateConfig.parse(
            "suppressions:\n  - {rule: PP008, resource: x, reason: y, until: 2027-01-01}", "c.yml"))
        .hasMessageContaining("unknown key 'until'");
    assertThatThrownBy(() -> GateConfig.parse("suppressions: [", "c.yml")).hasMessageStartingWith("c.yml: not YAML");
  }
}
