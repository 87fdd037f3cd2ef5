package dev.pullpath.snapshot;

/**
 * A snapshot file that cannot be read as an {@link AccountSnapshot}. The message is one line naming the
 * file and the JSON path (or line and column) of the problem, fit to show a user as it is.
 */
public final class SnapshotFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SnapshotFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
