package dev.pullpath.policy;

/**
 * The outcome of evaluating policies for one request. {@link #UNDECIDED} means a statement with a
 * {@code Condition} could change the answer: the condition keys are only known at request time, so an
 * offline evaluation must not guess.
 */
public enum Decision {
  ALLOWED,
  EXPLICIT_DENY,
  IMPLICIT_DENY,
  UNDECIDED;

  public boolean isAllowed() {
    return this == ALLOWED;
  }

  /** {@code explicit deny}, {@code implicit deny}... for evidence lines. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }
}
