package dev.pullpath.snapshot;

import java.util.regex.Pattern;

/**
 * Checks snapshot values where they enter the model, so that a hand-written or damaged file fails with
 * the JSON path of the bad value (Jackson adds it) instead of producing nonsense findings later.
 */
final class Validate {
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

  private Validate() {}

  /** A required text field: present, not null, not blank. */
  static String text(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must be a non-empty string");
    }
    return value;
  }

  static <T> T present(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " must not be null");
    }
    return value;
  }

  static String accountId(String value) {
    if (value == null || !ACCOUNT_ID.matcher(value).matches()) {
      throw new IllegalArgumentException("accountId must be 12 digits, not '" + value + "'");
    }
    return value;
  }

  static String region(String value) {
    if (value == null || !REGION.matcher(value).matches()) {
      throw new IllegalArgumentException("region must look like eu-west-1, not '" + value + "'");
    }
    return value;
  }

  /** An IPv4 CIDR block, or {@code null} when the field is optional and absent. */
  static String cidr(String value, String field) {
    if (value != null && !Cidr.isIpv4(value)) {
      throw new IllegalArgumentException(field + " '" + value + "' is not an IPv4 CIDR block");
    }
    return value;
  }
}
