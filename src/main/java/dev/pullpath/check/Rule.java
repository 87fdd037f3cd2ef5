package dev.pullpath.check;

import dev.pullpath.snapshot.AccountSnapshot;
import java.util.List;

/**
 * One link of the pull path, checked against a snapshot. Implementations are found through
 * {@link java.util.ServiceLoader}, carry {@link RuleInfo}, read only the snapshot, and never call AWS.
 */
public interface Rule {
  RuleDescriptor descriptor();

  /** Every problem this rule sees in the snapshot; empty when the link is sound or does not apply. */
  List<Finding> check(AccountSnapshot snapshot);
}
