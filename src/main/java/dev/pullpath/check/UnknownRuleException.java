package dev.pullpath.check;

/** A rule id given by the user that no rule carries. */
public final class UnknownRuleException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public UnknownRuleException(String message) {
    super(message);
  }
}
