package dev.pullpath.planned;

/** A planned file that cannot be read or understood; the message names the file and the value. */
public final class PlannedInputException extends RuntimeException {
  public PlannedInputException(String message) {
    super(message);
  }
}
