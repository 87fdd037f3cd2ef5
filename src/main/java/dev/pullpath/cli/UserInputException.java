package dev.pullpath.cli;

/** A mistake in what the user asked for; shown as one line and exit code {@link ExitCode#USAGE}. */
final class UserInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UserInputException(String message) {
    super(message);
  }
}
