package dev.pullpath.aws;

import dev.pullpath.snapshot.AccountSnapshot;
import java.time.Duration;
import java.util.Locale;

/**
 * A live scan's snapshot and what it cost.
 *
 * @param apiCalls API operations called, each counted once however often the SDK retried it
 */
public record CollectionResult(AccountSnapshot snapshot, int apiCalls, Duration elapsed) {

  /** The one-line summary printed at the end of a scan. */
  public String summary() {
    AccountSnapshot s = snapshot;
    String unreadable = s.unreadable().isEmpty() ? "" : ", " + s.unreadable().size() + " part(s) unreadable";
    return String.format(
        Locale.ROOT,
        "Collected account %s in %s: %d services, %d task definitions, %d VPCs, %d roles%s; %d API calls in %.1f s",
        s.accountId(), s.region(), s.services().size(), s.taskDefinitions().size(), s.vpcs().size(),
        s.iamRoles().size(), unreadable, apiCalls, elapsed.toMillis() / 1000.0);
  }
}
