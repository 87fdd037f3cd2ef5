package dev.pullpath.snapshot;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One answer of the IAM Policy Simulator ({@code SimulatePrincipalPolicy}) for a role.
 *
 * @param decision {@code allowed}, {@code explicitDeny} or {@code implicitDeny}, as IAM spells them
 * @param missingContextValues condition keys the simulator needed but was not given (e.g.
 *     {@code aws:SourceVpce}); an {@code implicitDeny} with any of them is no verdict
 */
public record SimulationResult(
    @JsonProperty(required = true) String principalArn,
    @JsonProperty(required = true) String action,
    @JsonProperty(required = true) String resource,
    @JsonProperty(required = true) String decision,
    List<String> missingContextValues) {

  public SimulationResult {
    Validate.text(principalArn, "principalArn");
    Validate.text(action, "action");
    Validate.text(resource, "resource");
    Validate.text(decision, "decision");
    missingContextValues = missingContextValues == null ? List.of() : List.copyOf(missingContextValues);
  }

  public SimulationResult(String principalArn, String action, String resource, String decision) {
    this(principalArn, action, resource, decision, List.of());
  }
}
