package dev.pullpath.snapshot;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The parts of an {@link AccountSnapshot}, each filled by one group of API calls. Rules declare the parts
 * they read, so a part that could not be collected turns into "not evaluated" rather than a false pass.
 */
public enum SnapshotPart {
  VPCS,
  SUBNETS,
  ROUTE_TABLES,
  VPC_ENDPOINTS,
  SECURITY_GROUPS,
  SERVICES,
  TASK_DEFINITIONS,
  PULL_THROUGH_CACHE_RULES,
  REGISTRY_POLICY,
  IAM_ROLES,
  SECRETS,
  SIMULATIONS,
  MANAGED_PREFIX_LISTS,
  REPOSITORIES,
  LOG_GROUPS;

  /** The snapshot's JSON field name for this part, e.g. {@code vpcEndpoints}. */
  @JsonValue
  public String fieldName() {
    String[] words = name().toLowerCase(Locale.ROOT).split("_");
    StringBuilder name = new StringBuilder(words[0]);
    for (int i = 1; i < words.length; i++) {
      name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
    }
    return name.toString();
  }

  @JsonCreator
  public static SnapshotPart fromFieldName(String fieldName) {
    for (SnapshotPart part : values()) {
      if (part.fieldName().equals(fieldName)) {
        return part;
      }
    }
    throw new IllegalArgumentException("unknown snapshot part '" + fieldName + "'");
  }
}
