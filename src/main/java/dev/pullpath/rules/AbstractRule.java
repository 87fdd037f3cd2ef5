package dev.pullpath.rules;

import dev.pullpath.check.Finding;
import dev.pullpath.check.ResourceRef;
import dev.pullpath.check.Rule;
import dev.pullpath.check.RuleDescriptor;

/** Reads the rule's {@link dev.pullpath.check.RuleInfo} once and starts findings at its severity. */
abstract class AbstractRule implements Rule {
  private final RuleDescriptor descriptor = RuleDescriptor.of(getClass());

  @Override
  public final RuleDescriptor descriptor() {
    return descriptor;
  }

  protected final Finding.Builder finding(ResourceRef resource, String workload) {
    return Finding.builder(descriptor, resource, workload);
  }
}
