package dev.pullpath.planned;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A planned file that cannot be read or understood; the message names the file and the value. */
public final class PlannedInputException extends RuntimeException {
  public PlannedInputException(String message) {
    super(message);
  }

  /** A planned file's text as UTF-8; a missing or unreadable file is this exception, naming it as shown. */
  static String readText(Path file, String shownAs) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new PlannedInputException(shownAs + ": no such file");
    } catch (IOException e) {
      throw new PlannedInputException(shownAs + ": cannot read (" + e.getClass().getSimpleName() + ")");
    }
  }
}
