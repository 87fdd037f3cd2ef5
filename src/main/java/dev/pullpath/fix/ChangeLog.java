package dev.pullpath.fix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/** Where each attempted step is recorded: an append-only file of JSON lines, or nowhere. */
public interface ChangeLog {
  void record(Entry entry);

  /**
   * One attempted step.
   *
   * @param outcome {@code applied}, {@code already-done}, {@code failed} or {@code refused}
   * @param before the state read before the write
   * @param after the state read after it, {@code null} when nothing was written
   */
  record Entry(String time, String planId, String step, String outcome, List<String> requestIds, String before,
      String after, String error) {
    public Entry {
      requestIds = List.copyOf(requestIds);
    }

    static Entry of(String planId, String step, String outcome, List<String> requestIds, String before, String after,
        String error) {
      return new Entry(Instant.now().toString(), planId, step, outcome, requestIds, before, after, error);
    }
  }

  ChangeLog NONE = entry -> { };

  /**
   * Appends one line per entry to {@code file}, creating it; earlier lines are never rewritten. Each line is
   * written (and the file closed) as its step ends, so a run that dies leaves the lines of the steps it did.
   *
   * @throws UncheckedIOException when the file cannot be opened for appending
   */
  static ChangeLog appendingTo(Path file) {
    // Opened once now: a log that cannot be written stops the run before its first write, not after it.
    try {
      Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)
          .close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the change log " + file, e);
    }
    ObjectMapper json = new ObjectMapper();
    return entry -> {
      try {
        Files.writeString(file, json.writeValueAsString(entry) + "\n", StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a change-log entry is always serializable", e);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot append to the change log " + file, e);
      }
    };
  }
}
