package dev.pullpath.fix;

import java.util.List;

/**
 * One step of a plan: one change for one root cause, however many findings and workloads share it.
 *
 * @param id {@code KIND:TARGET}, stable across runs
 * @param resolves fingerprints of the findings the step resolves
 * @param before the state the step was planned against ({@link FixAction#observe}); apply refuses the step
 *     when the live state differs
 * @param action the change, with its parameters
 * @param call the API call, for review
 * @param description one sentence
 * @param additive false when existing configuration changes
 * @param costNote what the change costs, empty when free
 * @param iamActions what the applying identity needs
 */
public record FixStep(
    String id,
    List<String> resolves,
    String before,
    FixAction action,
    ApiCall call,
    String description,
    boolean additive,
    String costNote,
    List<String> iamActions) {

  public FixStep {
    resolves = List.copyOf(resolves);
    iamActions = List.copyOf(iamActions);
  }

  static FixStep of(FixAction action, List<String> resolves, String before, String region) {
    return new FixStep(FixActions.kind(action) + ":" + action.target(), Lists.sorted(resolves), before, action,
        action.call(region), action.describe(), action.additive(), action.costNote(), action.iamActions());
  }
}
