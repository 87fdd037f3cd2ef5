package dev.pullpath.snapshot;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One answer of the IAM Policy Simulator ({@code SimulatePrincipalPolicy}) for a role.
 *
 * @param decision {@code allowed}, {@code explicitDeny} or {@code implicitDeny}, as IAM spells them
 */
public record SimulationResult(
    @JsonProperty(required = true) String principalArn,
    @JsonProperty(required = true) String action,
    @JsonProperty(required = true) String resource,
    @JsonProperty(required = true) String decision) {}
