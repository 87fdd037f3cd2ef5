package dev.pullpath.check;

import java.util.regex.Pattern;

/**
 * The one place where values enter a fix command. Fix commands are pasted into a shell by someone with
 * admin credentials, and the values in them (ids, names, ARNs, image URIs, policy documents) come from
 * the account, so each one is quoted as POSIX {@code sh} reads it: no expansion, no word splitting.
 */
public final class ShellQuote {
  /** Characters no POSIX shell gives a meaning to in an unquoted word. */
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private ShellQuote() {}

  /**
   * One shell word that {@code sh} reads back as exactly {@code value}: bare when it holds only safe
   * characters, else in single quotes, with each {@code '} written as {@code '\''}.
   */
  public static String quote(String value) {
    if (SAFE.matcher(value).matches()) {
      return value;
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
