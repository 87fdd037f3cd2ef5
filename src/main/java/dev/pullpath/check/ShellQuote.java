package dev.pullpath.check;

import java.util.regex.Pattern;

/**
 * Quotes one value for a POSIX shell. Every value interpolated into a command a user pastes (with admin
 * credentials) goes through here, so an id or a policy document can never break out of its argument.
 */
public final class ShellQuote {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private ShellQuote() {}

  /** The value as is when it holds only safe characters, else in single quotes with {@code '\''} escaping. */
  public static String quote(String value) {
    if (!value.isEmpty() && SAFE.matcher(value).matches()) {
      return value;
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
