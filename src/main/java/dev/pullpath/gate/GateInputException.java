package dev.pullpath.gate;

/** A configuration or baseline file that cannot be used; the message names the file and the entry. */
public final class GateInputException extends RuntimeException {
  public GateInputException(String message) {
    super(message);
  }
}
