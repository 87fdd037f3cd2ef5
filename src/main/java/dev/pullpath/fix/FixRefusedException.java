package dev.pullpath.fix;

/** A step that must not run as planned, with the reason in words for the user. */
public final class FixRefusedException extends RuntimeException {
  public FixRefusedException(String message) {
    super(message);
  }
}
