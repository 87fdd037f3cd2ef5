package dev.pullpath.check;

import dev.pullpath.snapshot.SnapshotPart;
import java.util.List;
import java.util.regex.Pattern;

/** A rule's metadata as a value, read from its {@link RuleInfo}. */
public record RuleDescriptor(
    String id, String name, String title, String summary, Severity defaultSeverity, List<SnapshotPart> reads) {
  private static final Pattern ID = Pattern.compile("PP\\d{3}");

  public RuleDescriptor {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("rule id must be PP and three digits: " + id);
    }
    reads = List.copyOf(reads);
  }

  public static RuleDescriptor of(Class<?> ruleClass) {
    RuleInfo info = ruleClass.getAnnotation(RuleInfo.class);
    if (info == null) {
      throw new IllegalStateException(ruleClass.getName() + " has no @RuleInfo");
    }
    return new RuleDescriptor(
        info.id(), info.name(), info.title(), info.summary(), info.severity(), List.of(info.reads()));
  }
}
