package dev.pullpath.report;

import java.util.Locale;

/** How the text and HTML reports group findings. */
public enum GroupBy {
  /** By the resource to change, each finding listing the workloads it blocks: the default, for fixing. */
  RESOURCE,
  /** By workload, a finding repeated under every workload it blocks: for a service owner's view. */
  WORKLOAD;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
